/**
 * App-wide guards that apply to every web contents Electron creates, whatever creates it, so a
 * window added later cannot forget them:
 *  - new windows are never opened (`window.open`, `target=_blank`); an https link is handed to
 *    the allowlisted opener instead, anything else is dropped;
 *  - a frame may navigate or be redirected only within `ringside://app/`; a main-frame link to
 *    https goes to the opener, the page itself stays put;
 *  - `<webview>` can never attach (webviewTag is off as well: belt and braces);
 *  - permission requests and checks are denied, except writing text to the clipboard from our
 *    own origin (see `isPermissionAllowed`).
 * Each rule is exercised in tests/unit/electron-security.test.ts with fake web contents, and in
 * the desktop smoke test against the real app.
 */
import { app, type Session, type WebContents } from 'electron';
import { isAppUrl, isPermissionAllowed } from './appOrigin.main.js';
import { safeOpenExternal } from './openExternal.main.js';

/** Opens https links from the UI in the user's browser; everything else is dropped quietly. */
function handOff(url: string): void {
  if (url.startsWith('https:')) void safeOpenExternal(url);
}

/** Installs the guards on one web contents (exported for the tests). */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    handOff(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    handOff(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Must run before any window exists (main calls it before `ready`). */
export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

/** Denies permission requests and checks on a session, but for `isPermissionAllowed`. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
