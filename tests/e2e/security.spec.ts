/// <reference lib="dom" />
/**
 * Browser-mode security, checked from a real browser against a real server: the page runs with
 * no Node (no require/process), under the CSP, and the API refuses anything without the token,
 * with a foreign Host, or from a foreign Origin.
 */
import { test, expect } from './fixtures.js';

test.use({ demoAccounts: 0 });

test('the page has no Node and runs under a strict CSP', async ({ page }) => {
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    module: typeof (window as unknown as { module?: unknown }).module,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });

  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('unsafe-eval');

  // An injected inline script does not run.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
  });
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  // (eval cannot be probed from page.evaluate: DevTools evaluation is exempt from the CSP. The
  // policy text is asserted above and in the header test below; no 'unsafe-eval' means no eval.)
});

test('the UI response carries the CSP header', async ({ page, server }) => {
  const response = await page.request.get(`${server.baseUrl}/`);
  expect(response.status()).toBe(200);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
});

test('API refuses requests without the token, with a foreign Host or Origin', async ({ server }) => {
  const call = (headers: Record<string, string>) =>
    fetch(`${server.baseUrl}/api/call/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

  const noToken = await call({});
  expect(noToken.status).toBe(401);
  expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');

  const wrongToken = await call({ Authorization: 'Bearer not-the-token' });
  expect(wrongToken.status).toBe(401);

  const good = await call({ Authorization: `Bearer ${server.token}` });
  expect(good.status).toBe(200);
  expect(((await good.json()) as { ok: boolean }).ok).toBe(true);

  // Node's fetch will not let us set Host; use the raw http client for that.
  const http = await import('node:http');
  const port = Number(new URL(server.baseUrl).port);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/call/app.info', method: 'POST', headers: { Host: `evil.example:${port}`, Authorization: `Bearer ${server.token}` } },
      (res) => resolve(res.statusCode ?? 0),
    );
    req.on('error', reject);
    req.end('{}');
  });
  expect(status).toBe(403);

  const foreignOrigin = await call({ Authorization: `Bearer ${server.token}`, Origin: 'https://evil.example' });
  expect(foreignOrigin.status).toBe(403);

  const staticWithoutToken = await fetch(`${server.baseUrl}/`);
  expect(staticWithoutToken.status).toBe(401);
});
