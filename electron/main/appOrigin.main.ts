/**
 * Who and what the desktop app trusts, as pure functions (no `electron` import, so the unit tests
 * exercise exactly this code without an Electron binary):
 *  - the UI's origin, `ringside://app`, served by protocol.main.ts from dist/renderer;
 *  - which IPC senders may call the service (`isTrustedSender`);
 *  - how a `ringside://app/...` URL maps to a file, refusing anything outside the UI folder;
 *  - the one permission the UI may have (writing plain text to the clipboard).
 */
import path from 'node:path';

export const APP_SCHEME = 'ringside';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for `ringside://app` and anything under it. Parsed, not prefix-matched, so
 * `ringside://app.evil/`, `ringside://app:1/` or `ringside://user@app/` do not pass.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The IPC gate: a call is served only when it comes from the main frame of one of our windows
 * and that frame shows our UI. A subframe (even one of ours), a page the window was somehow
 * navigated to, or a frame that is gone (`senderFrame` null: pass an empty URL) is refused.
 */
export function isTrustedSender(url: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(url);
}

/**
 * The file that answers a `ringside://app/...` request, or null when the request must be refused:
 * another scheme or host, an undecodable or NUL-carrying path, or a path that resolves outside
 * `rootDir` (`..` segments, encoded `%2e%2e%2f`, backslashes on Windows). `/` means index.html.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a UI file; unknown kinds are served as opaque bytes (never sniffed). */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Permissions (camera, notifications, geolocation, clipboard reading, ...) are all denied, with
 * one exception: `clipboard-sanitized-write`, which `navigator.clipboard.writeText` needs for the
 * UI's "copy" buttons (hashes, SQL, ids), and only for our own origin. Writing plain text to
 * the clipboard reveals nothing; reading it is what could leak, and stays denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}
