/**
 * The main window. Its webPreferences are the renderer's security boundary; each one is here on
 * purpose (tests/unit/electron-security.test.ts fails if any is weakened):
 *  - contextIsolation: true   the preload's world and Electron's internals are separate from the
 *                             page's JavaScript; the page only sees what contextBridge exposes;
 *  - sandbox: true            the renderer is an OS-sandboxed Chromium process; the preload gets
 *                             no Node, only a few Electron modules (app.enableSandbox() in main
 *                             applies this to every renderer too);
 *  - nodeIntegration: false   (and in workers and subframes) no `require`/`process` in the page;
 *  - webSecurity: true        same-origin policy and CSP enforced; never relaxed for convenience;
 *  - allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false (a file
 *    dropped outside a drop zone must not navigate the window to file://), spellcheck: false
 *    (case text is not sent to a spelling service or learned into a dictionary);
 *  - devTools only in development builds.
 * The UI is loaded from `ringside://app/index.html` (protocol.main.ts), never from file://.
 */
import { app, BrowserWindow, nativeTheme } from 'electron';
import { APP_ENTRY_URL } from './appOrigin.main.js';

export interface MainWindowOptions {
  /** dist/electron/preload/preload.cjs */
  readonly preloadPath: string;
  /** A PNG for the window/taskbar icon (Linux, Windows); macOS uses the bundle's icon. */
  readonly iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Ringside',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15181d' : '#f6f7f9',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  // Shown once painted, so the user never sees a blank white frame; a load failure shows it too
  // (with Chromium's error page) rather than leaving an invisible window behind.
  window.once('ready-to-show', () => window.show());
  window.webContents.once('did-fail-load', () => {
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Ringside: the window's renderer stopped (${details.reason}, exit code ${details.exitCode}).`);
  });
  void window.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`Ringside: could not load ${APP_ENTRY_URL}: ${(err as Error).message}`);
  });
  return window;
}
