/**
 * The desktop app's entry (package.json "main" -> dist/electron/main/main.main.js). It composes
 * the same pieces as `ringside serve` (electron/host/browserHost.ts) with IPC instead of HTTP:
 *   DataService (workers own SQLite) -> createRouter({ mode: 'desktop' }) -> ipc.main.ts
 *   -> preload's window.ringside -> the renderer, served from ringside://app/.
 *
 * Order matters. This is an ES module: only code that runs before the first `await` runs before
 * Electron's `ready`, so everything Electron requires pre-ready happens synchronously at the top:
 * the SQLite binding for Electron's ABI (workers inherit the environment), the app's name and
 * userData folder, the privileged scheme, the renderer sandbox and the web-contents guards.
 *
 * Failure modes: a workspace that cannot be opened (SCHEMA_TOO_NEW, MIGRATION_MODIFIED,
 * IO_ERROR, a native addon built for the wrong ABI) is reported in a native error box naming the
 * folder, and the app quits with exit code 1 without touching the cache: it is never migrated
 * down and never replaced.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { toApiError } from '../../shared/contract/errors.js';
import { loadDemoIfEmpty } from '../host/firstLaunch.js';
import { createRouter } from '../host/router.js';
import { DataService } from '../service/dataService.js';
import { QueryService } from '../query/service.js';
import { resolveWorkspaceDir } from '../workspace/workspace.js';
import { parseDesktopArgs } from './args.main.js';
import { createEventBroadcaster, registerCallHandler } from './ipc.main.js';
import { isAbiMismatch, useElectronSqliteBinding } from './nativeBinding.main.js';
import { registerAppSchemePrivileges, serveAppProtocol } from './protocol.main.js';
import { denyPermissions, installSecurityGuards } from './security.main.js';
import { createMainWindow } from './window.main.js';

// dist/electron/main -> dist -> the project (or the app.asar root when packaged).
const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const APP_ROOT = path.dirname(DIST_DIR);
const RENDERER_DIR = path.join(DIST_DIR, 'renderer');
const PRELOAD_PATH = path.join(DIST_DIR, 'electron', 'preload', 'preload.cjs');
const ICON_PATH = path.join(APP_ROOT, 'resources', 'icons', 'icon.png');

const args = parseDesktopArgs(process.argv.slice(1));

// ---- Before `ready` (synchronous) -------------------------------------------------------------
// Packaged builds load the addon electron-builder rebuilt for Electron; only a development run
// needs the .native copy (see nativeBinding.main.ts).
if (!app.isPackaged) useElectronSqliteBinding(process.env, APP_ROOT, process.versions.electron);
// In development Electron would take the name from package.json ("ringside"); the workspace
// default and the user's data live in ".../Ringside" like the packaged app's (productName).
app.setName('Ringside');
app.setPath('userData', path.join(app.getPath('appData'), 'Ringside'));
registerAppSchemePrivileges();
app.enableSandbox();
installSecurityGuards();

// ---- After `ready` ----------------------------------------------------------------------------
const windows = new Set<BrowserWindow>();

function workspaceDir(): string {
  if (args.workspace !== undefined || process.env['RINGSIDE_WORKSPACE']) return resolveWorkspaceDir(args.workspace);
  return app.getPath('userData');
}

function openWindow(): BrowserWindow {
  const window = createMainWindow({ preloadPath: PRELOAD_PATH, iconPath: ICON_PATH });
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  return window;
}

function explainOpenFailure(err: unknown, dir: string): string {
  const error = toApiError(err);
  const lines = [error.message, '', `Workspace: ${dir}`];
  if (isAbiMismatch(error.message)) {
    lines.push(
      '',
      'The SQLite module was built for Node.js, not Electron. Run "node scripts/electron-native.mjs" once (it needs the network), or use "npm start" for browser mode.',
    );
  } else {
    lines.push(
      '',
      'Ringside has not changed anything in this folder. To use another one, start Ringside with --workspace DIR or set RINGSIDE_WORKSPACE.',
    );
  }
  return lines.join('\n');
}

async function start(): Promise<void> {
  const dir = workspaceDir();
  serveAppProtocol(RENDERER_DIR, session.defaultSession);
  denyPermissions(session.defaultSession);

  let service: DataService;
  try {
    service = await DataService.start(
      dir,
      createEventBroadcaster(() => [...windows].map((window) => window.webContents)),
    );
  } catch (err) {
    const code = toApiError(err).code;
    console.error(`Ringside: cannot open workspace ${dir} (${code}): ${toApiError(err).message}`);
    dialog.showErrorBox('Ringside cannot open this workspace', explainOpenFailure(err, dir));
    app.exit(1);
    return;
  }

  // The scratchpad's query runner: a child process next to the data service (see query/runner.ts).
  const query = new QueryService({ workspace: service.workspace, write: (m, p) => service.write(m, p), jobs: service.jobs });
  const dispatch = createRouter({ service, mode: 'desktop', query });
  registerCallHandler(dispatch, (contents) => [...windows].some((window) => window.webContents === contents));
  openWindow();

  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop the workers before the process goes: a job in flight is rolled back by SQLite, and the
  // WAL is checkpointed by the writer's close.
  let closed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    query.close();
    void service
      .close()
      .catch((err: unknown) => console.error('Ringside: error while stopping the data service:', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  try {
    await loadDemoIfEmpty(service, { disabled: args.noDemo });
  } catch (err) {
    console.error('Ringside: could not start loading the demo data:', err);
  }
}

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    console.error('Ringside failed to start:', err);
    dialog.showErrorBox('Ringside failed to start', err instanceof Error ? (err.stack ?? err.message) : String(err));
    app.exit(1);
  });
