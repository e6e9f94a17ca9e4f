/**
 * The workspace: one folder holding the cache, configuration, extracts and exports.
 *
 *   <workspace>/cache.sqlite   the SQLite cache (WAL)
 *   <workspace>/config/        policy catalog, sanctions ladder, settings files (later issues)
 *   <workspace>/queries/       saved queries as .sql files
 *   <workspace>/extracts/      extracts written here (the demo extract lives in extracts/demo)
 *   <workspace>/exports/       evidence packets and query exports
 *
 * Resolution order: --workspace DIR, then RINGSIDE_WORKSPACE, then the OS app-data folder
 * (the same folder Electron's app.getPath('userData') gives for "Ringside").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';

export interface Workspace {
  readonly dir: string;
  readonly cacheFile: string;
  readonly configDir: string;
  readonly queriesDir: string;
  readonly extractsDir: string;
  readonly exportsDir: string;
}

/** The OS default: ~/.config/Ringside, ~/Library/Application Support/Ringside or %APPDATA%\Ringside. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Ringside');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ringside');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Ringside');
}

export function resolveWorkspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env['RINGSIDE_WORKSPACE'] ?? defaultWorkspaceDir(env);
  return path.resolve(chosen);
}

export function workspaceAt(dir: string): Workspace {
  return {
    dir,
    cacheFile: path.join(dir, 'cache.sqlite'),
    configDir: path.join(dir, 'config'),
    queriesDir: path.join(dir, 'queries'),
    extractsDir: path.join(dir, 'extracts'),
    exportsDir: path.join(dir, 'exports'),
  };
}

/**
 * Creates the folder layout if missing. Fails with IO_ERROR naming the folder when it cannot be
 * created or written (a file in the way, a read-only mount), before anything else is touched.
 */
export function ensureWorkspace(dir: string): Workspace {
  const ws = workspaceAt(dir);
  try {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      throw new RingsideError('IO_ERROR', `Workspace path ${dir} exists and is not a folder.`);
    }
    for (const sub of [ws.dir, ws.configDir, ws.queriesDir, ws.extractsDir, ws.exportsDir]) {
      fs.mkdirSync(sub, { recursive: true });
    }
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    if (err instanceof RingsideError) throw err;
    throw new RingsideError('IO_ERROR', `Cannot use workspace folder ${dir}: ${(err as Error).message}`);
  }
  return ws;
}
