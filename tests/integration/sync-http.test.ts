import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RingsideError } from '../../shared/contract/errors.js';
import { syncLocation } from '../../electron/sync/engine.js';
import { enqueueOutbox, flushOutbox } from '../../electron/sync/outbox.js';
import { findSource } from '../../electron/sync/sources.js';
import {
  ACCOUNTS_HEADER,
  closeWorkspaces,
  count,
  jobContext,
  makeWorkspace,
  type TestWorkspace,
} from '../fixtures/sync/helpers.js';

interface Route {
  status?: number;
  body?: string;
  etag?: string;
  /** Declare this Content-Length but send `body` and cut the connection. */
  lie?: number;
  /** Never answer (to test the timeout). */
  hang?: boolean;
}

interface TestServer {
  readonly base: string;
  readonly routes: Map<string, Route>;
  readonly requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];

afterEach(async () => {
  closeWorkspaces();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback server whose answers each test scripts; it also plays the upstream outbox. */
async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: TestServer['requests'] = [];
  const outboxKeys = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.method === 'POST' && req.url === '/feed/outbox') {
        const key = String(req.headers['idempotency-key'] ?? '');
        const seen = outboxKeys.has(key);
        outboxKeys.add(key);
        res.writeHead(seen ? 409 : 201).end();
        return;
      }
      const route = routes.get(req.url ?? '');
      if (!route) {
        res.writeHead(404, 'Not Found').end('no such file');
        return;
      }
      if (route.hang) return;
      if (route.etag && req.headers['if-none-match'] === route.etag) {
        res.writeHead(304, { etag: route.etag }).end();
        return;
      }
      const headers: Record<string, string | number> = {};
      if (route.etag) headers['etag'] = route.etag;
      if (route.lie !== undefined) {
        headers['content-length'] = route.lie;
        res.writeHead(route.status ?? 200, headers);
        res.write(route.body ?? '');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(route.status ?? 200, headers).end(route.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const created: TestServer = {
    base: `http://127.0.0.1:${port}/feed/`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(created);
  return created;
}

const accounts = (...rows: string[]) => [ACCOUNTS_HEADER, ...rows].join('\n') + '\n';
const A1 = 'acc_1,2026-01-01T00:00:00Z,Ann,,,,active,';
const A2 = 'acc_2,2026-01-02T00:00:00Z,Bo,,,,active,';

function manifest(files: { path: string; entity: string; sha256?: string }[]): string {
  return JSON.stringify({ version: 1, files });
}

const run = (ws: TestWorkspace, url: string, timeoutMs = 2000) =>
  syncLocation(jobContext(ws), url, { actor: 'tester', timeoutMs });

describe('HTTP sources', () => {
  it('loads files relative to the manifest, then asks with If-None-Match and skips on 304', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    srv.routes.set('/feed/extract.json', { body: manifest([{ path: 'data/accounts.csv', entity: 'accounts' }]) });
    srv.routes.set('/feed/data/accounts.csv', { body: accounts(A1), etag: '"v1"' });
    const first = await run(ws, srv.base); // a URL ending in / means its extract.json
    expect(first.status).toBe('succeeded');
    expect(first.files[0]).toMatchObject({ path: 'data/accounts.csv', status: 'applied', rowsInserted: 1 });
    expect(findSource(ws.db, `${srv.base}extract.json`)?.kind).toBe('http');
    const stored = ws.db.prepare('SELECT etag FROM sync_files').get();
    expect(stored).toEqual({ etag: '"v1"' });

    const second = await run(ws, srv.base);
    expect(second.files[0]?.status).toBe('skipped');
    const conditional = srv.requests.filter((r) => r.url === '/feed/data/accounts.csv').at(-1);
    expect(conditional?.headers['if-none-match']).toBe('"v1"');

    srv.routes.set('/feed/data/accounts.csv', { body: accounts(A1, A2), etag: '"v2"' });
    const third = await run(ws, srv.base);
    expect(third.files[0]).toMatchObject({ status: 'applied', rowsInserted: 1 });
    expect(count(ws.db, 'accounts')).toBe(2);
  });

  it('skips a file whose manifest SHA-256 matches the last applied one without fetching it', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    const body = accounts(A1);
    const sha = crypto.createHash('sha256').update(body).digest('hex');
    srv.routes.set('/feed/extract.json', {
      body: manifest([{ path: 'accounts.csv', entity: 'accounts', sha256: sha }]),
    });
    srv.routes.set('/feed/accounts.csv', { body });
    await run(ws, srv.base);
    const fetched = srv.requests.filter((r) => r.url === '/feed/accounts.csv').length;
    const again = await run(ws, srv.base);
    expect(again.files[0]?.status).toBe('skipped');
    expect(srv.requests.filter((r) => r.url === '/feed/accounts.csv').length).toBe(fetched);
  });

  it('names the URL and status of 4xx/5xx answers, times out a stalled server, and loads the other files', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    srv.routes.set('/feed/extract.json', {
      body: manifest([
        { path: 'accounts.csv', entity: 'accounts' },
        { path: 'missing.csv', entity: 'events' },
        { path: 'broken.csv', entity: 'events' },
        { path: 'slow.csv', entity: 'events' },
      ]),
    });
    srv.routes.set('/feed/accounts.csv', { body: accounts(A1) });
    srv.routes.set('/feed/broken.csv', { status: 500, body: 'oops' });
    srv.routes.set('/feed/slow.csv', { hang: true });
    const started = Date.now();
    const summary = await run(ws, `${srv.base}extract.json`, 300);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary.status).toBe('partial');
    expect(summary.files.map((f) => [f.path, f.status])).toEqual([
      ['accounts.csv', 'applied'],
      ['missing.csv', 'failed'],
      ['broken.csv', 'failed'],
      ['slow.csv', 'failed'],
    ]);
    expect(summary.files[1]?.error).toBe(`missing.csv: GET ${srv.base}missing.csv failed: HTTP 404 Not Found`);
    expect(summary.files[2]?.error).toBe(
      `broken.csv: GET ${srv.base}broken.csv failed: HTTP 500 Internal Server Error`,
    );
    expect(summary.files[3]?.error).toBe(`slow.csv: GET ${srv.base}slow.csv: no response for 0.3 s (timeout)`);
  });

  it('detects a truncated body (Content-Length) and a body whose SHA-256 differs from the manifest, applying nothing', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    const full = accounts(A1, A2);
    srv.routes.set('/feed/extract.json', {
      body: manifest([
        { path: 'short.csv', entity: 'accounts' },
        { path: 'altered.csv', entity: 'accounts', sha256: crypto.createHash('sha256').update(full).digest('hex') },
      ]),
    });
    srv.routes.set('/feed/short.csv', { body: full.slice(0, 40), lie: full.length });
    srv.routes.set('/feed/altered.csv', { body: accounts(A1) });
    const summary = await run(ws, srv.base);
    expect(summary.status).toBe('failed');
    expect(summary.files[0]?.error).toMatch(
      new RegExp(
        `^short\\.csv: the download from ${srv.base}short\\.csv was truncated: 40 of ${full.length} bytes received`,
      ),
    );
    expect(summary.files[1]?.error).toMatch(/^altered\.csv: its SHA-256 is [0-9a-f]{64} but the manifest says/);
    expect(count(ws.db, 'accounts')).toBe(0);
  });

  it('fails the run naming the URL when the manifest cannot be fetched or uses wildcards', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    await expect(run(ws, `${srv.base}nope.json`)).rejects.toThrow(
      `GET ${srv.base}nope.json failed: HTTP 404 Not Found`,
    );
    srv.routes.set('/feed/extract.json', { body: manifest([{ path: '*.csv', entity: 'accounts' }]) });
    let error: unknown;
    try {
      await run(ws, srv.base);
    } catch (err) {
      error = err;
    }
    expect((error as RingsideError).code).toBe('BAD_INPUT');
    expect((error as Error).message).toContain(
      `${srv.base}extract.json: files[0].path: wildcards need a folder source`,
    );
    expect(ws.db.prepare('SELECT status FROM sync_runs ORDER BY id').all()).toEqual([
      { status: 'failed' },
      { status: 'failed' },
    ]);
  });

  it('POSTs outbox items with an Idempotency-Key; sending again is harmless', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    srv.routes.set('/feed/extract.json', { body: manifest([{ path: 'accounts.csv', entity: 'accounts' }]) });
    srv.routes.set('/feed/accounts.csv', { body: accounts(A1) });
    await run(ws, srv.base);
    const source = findSource(ws.db, `${srv.base}extract.json`);
    enqueueOutbox(ws.db, {
      kind: 'decision',
      entityId: 'dec_1',
      payload: { sanction: 'warning' },
      idempotencyKey: 'k-1',
    });
    enqueueOutbox(ws.db, { kind: 'lifecycle', entityId: 'acc_1', payload: { to: 'suspended' }, idempotencyKey: 'k-2' });
    const first = await flushOutbox(jobContext(ws), source?.id ?? 0);
    expect(first).toEqual({ sent: 2, alreadySent: 0, failed: 0 });
    const posts = srv.requests.filter((r) => r.method === 'POST');
    expect(posts.map((p) => [p.url, p.headers['idempotency-key'], JSON.parse(p.body).entityId])).toEqual([
      ['/feed/outbox', 'k-1', 'dec_1'],
      ['/feed/outbox', 'k-2', 'acc_1'],
    ]);
    expect(await flushOutbox(jobContext(ws), source?.id ?? 0)).toEqual({ sent: 0, alreadySent: 0, failed: 0 });
    // A crash between the POST and the cache update: the item is sent again, the server knows the key.
    ws.db.prepare("UPDATE outbox SET sent_at = NULL WHERE idempotency_key = 'k-1'").run();
    expect(await flushOutbox(jobContext(ws), source?.id ?? 0)).toEqual({ sent: 0, alreadySent: 1, failed: 0 });
    expect(
      ws.db
        .prepare(
          'SELECT idempotency_key AS k, attempts, sent_at IS NOT NULL AS sent, last_error AS e FROM outbox ORDER BY id',
        )
        .all(),
    ).toEqual([
      { k: 'k-1', attempts: 2, sent: 1, e: null },
      { k: 'k-2', attempts: 1, sent: 1, e: null },
    ]);
  });

  it('records a failed POST on the item and keeps it pending', async () => {
    const srv = await startServer();
    const ws = makeWorkspace();
    srv.routes.set('/feed/extract.json', { body: manifest([{ path: 'accounts.csv', entity: 'accounts' }]) });
    srv.routes.set('/feed/accounts.csv', { body: accounts(A1) });
    await run(ws, srv.base);
    const source = findSource(ws.db, `${srv.base}extract.json`);
    await srv.close();
    enqueueOutbox(ws.db, { kind: 'decision', entityId: 'dec_1', payload: {}, idempotencyKey: 'k-9' });
    expect(await flushOutbox(jobContext(ws), source?.id ?? 0, { timeoutMs: 500 })).toEqual({
      sent: 0,
      alreadySent: 0,
      failed: 1,
    });
    expect(ws.db.prepare('SELECT sent_at, attempts, last_error FROM outbox').get()).toEqual({
      sent_at: null,
      attempts: 1,
      // The pooled connection is gone (socket closed) or refused, depending on timing.
      last_error: expect.stringMatching(new RegExp(`^POST ${srv.base}outbox failed: .*(ECONNREFUSED|UND_ERR_SOCKET)`)),
    });
  });
});
