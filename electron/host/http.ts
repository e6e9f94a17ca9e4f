/**
 * Browser mode: the same router over HTTP, for machines without the Electron runtime and for
 * e2e tests. Security model (each rule has a test in tests/integration/http-security.test.ts):
 *  - binds 127.0.0.1 only;
 *  - a random 256-bit token is made per launch; EVERY request (UI assets included) must carry it,
 *    as `Authorization: Bearer <token>` or the per-port HttpOnly SameSite=Strict cookie that the
 *    printed URL (`/?token=...`) sets once and then strips from the address bar;
 *  - the Host header must be 127.0.0.1:PORT or localhost:PORT (defeats DNS rebinding) -> else 403;
 *  - a present Origin must be this server's own origin (defeats cross-site requests) -> else 403;
 *  - no CORS headers are ever sent; API bodies are JSON only and capped in size;
 *  - the UI is served with the same CSP as the desktop app.
 * API: POST /api/call/<method> with a JSON body -> Outcome JSON; GET /api/events -> SSE stream.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { httpStatusFor, type Outcome } from '../../shared/contract/errors.js';
import type { Dispatch } from './router.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpHostOptions {
  readonly dispatch: Dispatch;
  /** Folder holding the built renderer (index.html and assets). */
  readonly staticDir: string;
  readonly port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  readonly token?: string;
}

export interface HttpHost {
  readonly port: number;
  readonly token: string;
  /** The URL to open: it carries the token once, then the cookie takes over. */
  readonly url: string;
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  let port = 0;
  const cookieName = () => `ringside_token_${port}`;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(err) } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return refuse(res, 403, 'FORBIDDEN', `Host "${req.headers.host ?? ''}" is not this server.`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return refuse(res, 403, 'FORBIDDEN', `Origin "${origin}" may not call this server.`);
    }
    // First visit through the printed URL: trade the token in the query for a cookie.
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && queryToken !== null) {
      if (!safeEqual(queryToken, token)) return refuse(res, 401, 'UNAUTHORIZED', 'Wrong token in the URL.');
      res.writeHead(303, {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!authorised(req)) {
      return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token: open the URL Ringside printed at start.');
    }
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'BAD_REQUEST', 'Use POST for /api/call/<method>.');
      const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const body = await readJsonBody(req);
      if (!body.ok) return sendJson(res, 400, body);
      const outcome = await options.dispatch(method, body.value);
      return sendJson(res, outcome.ok ? 200 : httpStatusFor(outcome.error.code), outcome);
    }
    if (url.pathname === '/api/events') return openEventStream(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_REQUEST', 'Method not allowed.');
    return serveStatic(url.pathname, res);
  }

  function authorised(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ') && safeEqual(header.slice(7), token)) return true;
    const cookie = parseCookies(req.headers.cookie ?? '')[cookieName()];
    return cookie !== undefined && safeEqual(cookie, token);
  }

  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(options.staticDir, relative);
    const root = path.resolve(options.staticDir);
    if (!file.startsWith(root + path.sep)) return refuse(res, 403, 'FORBIDDEN', 'Path outside the UI folder.');
    let target = file;
    if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
      // Client-side routes fall back to the app shell; missing assets are 404.
      if (path.extname(relative) !== '') return refuse(res, 404, 'NOT_FOUND', `No such file: ${relative}`);
      target = path.join(root, 'index.html');
    }
    if (!fs.existsSync(target)) {
      return refuse(res, 500, 'INTERNAL', `The UI is not built (${root} has no index.html). Run "npm run build".`);
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': path.basename(target) === 'index.html' ? 'no-store' : 'private, max-age=3600',
    });
    fs.createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    broadcast(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

function readJsonBody(req: http.IncomingMessage): Promise<Outcome<unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        return resolve({ ok: false, error: { code: 'BAD_REQUEST', message: `Request body over ${MAX_BODY_BYTES} bytes.` } });
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({ ok: true, value: {} });
      try {
        resolve({ ok: true, value: JSON.parse(text) as unknown });
      } catch (err) {
        resolve({ ok: false, error: { code: 'BAD_REQUEST', message: `Request body is not JSON: ${(err as Error).message}` } });
      }
    });
    req.on('error', (err) => resolve({ ok: false, error: { code: 'IO_ERROR', message: err.message } }));
  });
}
