/**
 * The UI is served from `ringside://app/`, never from `file://`. A file:// page shares one opaque
 * origin with every other local file and (unless the fuse is off) gets extra privileges over
 * them; a privileged custom scheme gives the UI a real, unique origin that CSP `'self'`, the IPC
 * sender check and the navigation guard can all name.
 *
 * Privileges: `standard` (an origin, relative URLs and `'self'` work), `secure` (a secure
 * context, like https), `supportFetchAPI` (the UI may fetch its own assets). Nothing more: no
 * `bypassCSP`, no `corsEnabled`, no service workers.
 *
 * The handler answers GET/HEAD only, maps the URL to a file under dist/renderer with
 * `resolveAppAsset` (anything escaping that folder is refused with 404), sets the Content-Type
 * from the extension with `nosniff`, and puts the CSP of electron/host/csp.ts on EVERY response,
 * errors included.
 */
import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/csp.js';
import { APP_SCHEME, mimeTypeFor, resolveAppAsset } from './appOrigin.main.js';

/** Must run before the app's `ready` event (Electron's rule), exactly once. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  // The bundle changes with every build; the files are local, so revalidating costs nothing.
  'Cache-Control': 'no-cache',
};

function respond(status: number, body: Uint8Array | string | null, contentType: string): Response {
  const payload = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  // Copy into a plain ArrayBuffer-backed view: Response's BodyInit typing rejects SharedArrayBuffer-backed arrays.
  return new Response(payload === null ? null : new Uint8Array(payload), { status, headers: { ...BASE_HEADERS, 'Content-Type': contentType } });
}

/**
 * The request handler, separate from the registration so tests can drive it with plain Requests.
 * Never throws: every failure is an HTTP-style status with the CSP attached.
 */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    const file = resolveAppAsset(rendererDir, request.url);
    if (file === null) return respond(404, 'Not found', 'text/plain; charset=utf-8');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR')
        return respond(404, 'Not found', 'text/plain; charset=utf-8');
      console.error(`Ringside: cannot read UI file ${file}:`, err);
      return respond(500, 'Cannot read this file', 'text/plain; charset=utf-8');
    }
    return respond(200, request.method === 'HEAD' ? null : new Uint8Array(body), mimeTypeFor(file));
  };
}

/** Serves dist/renderer on `ringside://app/` for the given session (after `ready`). */
export function serveAppProtocol(rendererDir: string, session: Session): void {
  session.protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
