/**
 * The browser-mode transport over real HTTP: token, Host and Origin rules, cookie hand-off,
 * error mapping, SSE events, static files (no path traversal).
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browserHost.js';
import { tempDir } from '../helpers/db.js';

let host: BrowserHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function staticDir(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Ringside</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

function raw(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode HTTP host', () => {
  it('enforces token, Host and Origin on every request', async () => {
    host = await startBrowserHost({ workspaceDir: tempDir(), noDemo: true, staticDir: staticDir() });
    const { port, token } = host.http;
    const auth = { Authorization: `Bearer ${token}`, Host: `127.0.0.1:${port}` };
    expect((await raw(port, { path: '/api/call/app.info', method: 'POST', headers: { Host: `127.0.0.1:${port}` }, body: '{}' })).status).toBe(401);
    expect((await raw(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } })).status).toBe(401);
    expect((await raw(port, { path: '/assets/app.js', headers: { Host: `127.0.0.1:${port}` } })).status).toBe(401);
    expect((await raw(port, { path: '/api/call/app.info', method: 'POST', headers: { ...auth, Host: `attacker.test:${port}` }, body: '{}' })).status).toBe(403);
    expect((await raw(port, { path: '/api/call/app.info', method: 'POST', headers: { ...auth, Origin: 'http://attacker.test' }, body: '{}' })).status).toBe(403);
    const ok = await raw(port, { path: '/api/call/app.info', method: 'POST', headers: { ...auth, Origin: `http://127.0.0.1:${port}` }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: 'Ringside', mode: 'browser' } });
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('trades the URL token for an HttpOnly SameSite cookie, then serves the UI with the CSP', async () => {
    host = await startBrowserHost({ workspaceDir: tempDir(), noDemo: true, staticDir: staticDir() });
    const { port, token } = host.http;
    const wrong = await raw(port, { path: '/?token=nope', headers: { Host: `127.0.0.1:${port}` } });
    expect(wrong.status).toBe(401);
    const first = await raw(port, { path: `/?token=${token}`, headers: { Host: `localhost:${port}` } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await raw(port, { path: '/', headers: { Host: `localhost:${port}`, Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    const traversal = await raw(port, { path: '/..%2f..%2fetc%2fpasswd', headers: { Host: `localhost:${port}`, Cookie: cookie.split(';')[0] ?? '' } });
    expect([403, 404]).toContain(traversal.status);
    expect(traversal.body).not.toContain('root:');
  });

  it('maps errors to HTTP statuses with the Outcome body', async () => {
    host = await startBrowserHost({ workspaceDir: tempDir(), noDemo: true, staticDir: staticDir() });
    const { port, token } = host.http;
    const headers = { Authorization: `Bearer ${token}`, Host: `127.0.0.1:${port}` };
    const unknown = await raw(port, { path: '/api/call/nope.nothing', method: 'POST', headers, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const notJson = await raw(port, { path: '/api/call/app.info', method: 'POST', headers, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toContain('not JSON');
    const invalid = await raw(port, { path: '/api/call/accounts.list', method: 'POST', headers, body: '{"limit": -4}' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toContain('limit');
  });

  it('streams events over SSE', async () => {
    host = await startBrowserHost({ workspaceDir: tempDir(), noDemo: true, staticDir: staticDir() });
    const { port, token } = host.http;
    let settled = false;
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/events', headers: { Authorization: `Bearer ${token}`, Host: `127.0.0.1:${port}` } },
        (res) => {
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            if (buffer.includes('event: data.changed') && !settled) {
              settled = true;
              resolve(buffer);
              req.destroy();
            }
          });
          res.on('error', () => undefined);
          // Once connected, cause a change.
          fetch(`http://127.0.0.1:${port}/api/call/settings.update`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ theme: 'light' }),
          }).catch((err: unknown) => (settled ? undefined : reject(err)));
        },
      );
      // Destroying the stream after the event is expected; only errors before it count.
      req.on('error', (err) => (settled ? undefined : reject(err)));
      req.end();
    });
    expect(received).toMatch(/event: data\.changed\ndata: \{"tables":\["settings"\]\}/);
  });
});
