/**
 * The scratchpad end to end on a real cache through LocalService (the CLI's path): the query
 * runner child process, paging, cancel and timeout by killing it, parameters, history through the
 * writer, exports with their sidecar, pinning to a case. Needs `npm run build` (the runner is
 * forked from dist/).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import { tableFingerprint, tempDir } from '../helpers/db.js';

let service: LocalService;
const CARTESIAN = 'SELECT count(*) FROM events a, events b, events c';

beforeAll(async () => {
  service = new LocalService(tempDir());
  const loaded = await service.runJob('demo.load', { accounts: 60, seed: 3 });
  expect(loaded.ok).toBe(true);
});
afterAll(() => service.close());

async function ok<T>(
  promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const outcome = await promise;
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

describe('sql.run and sql.page', () => {
  it('returns typed columns and the first page, then pages forward and back to the end', async () => {
    const total = service.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const run = await ok(
      service.call('sql.run', {
        sql: 'SELECT id, occurred_at, amount, upper(type) AS t FROM events ORDER BY id',
        pageSize: 50,
      }),
    );
    expect(run.columns.map((c) => [c.name, c.declaredType, c.affinity, c.table])).toEqual([
      ['id', 'TEXT', 'TEXT', 'events'],
      ['occurred_at', 'INTEGER', 'INTEGER', 'events'],
      ['amount', 'REAL', 'REAL', 'events'],
      ['t', null, 'TEXT', null],
    ]);
    expect(run.firstPage).toHaveLength(50);
    expect(run.done).toBe(false);
    expect(run.rowCount).toBeNull();
    const ids = service.db.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[];
    const far = await ok(service.call('sql.page', { queryId: run.queryId, offset: 400, limit: 10 }));
    expect(far.rows.map((r) => r[0])).toEqual(ids.slice(400, 410));
    const back = await ok(service.call('sql.page', { queryId: run.queryId, offset: 60, limit: 5 }));
    expect(back.rows.map((r) => r[0])).toEqual(ids.slice(60, 65));
    const last = await ok(service.call('sql.page', { queryId: run.queryId, offset: total - 3, limit: 100 }));
    expect(last.rows).toHaveLength(3);
    expect(last.done).toBe(true);
    expect(last.rowCount).toBe(total);
  });

  it('binds named parameters from the form and reports a missing one', async () => {
    const run = await ok(
      service.call('sql.run', {
        sql: 'SELECT id FROM accounts WHERE id = :account_id OR id = @other LIMIT :n',
        params: { account_id: 'acc_0000002', other: 'acc_0000003', n: '5' },
      }),
    );
    expect(run.firstPage).toEqual([['acc_0000002'], ['acc_0000003']]);
    expect(run.done).toBe(true);
    expect(run.rowCount).toBe(2);
    const missing = await service.call('sql.run', { sql: 'SELECT :a, :b', params: { a: 1 } });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.error).toMatchObject({ code: 'BAD_REQUEST', message: 'Missing value for parameter :b.' });
  });

  it('refuses writes before they reach SQLite, and reports SQLite errors as SQL_ERROR', async () => {
    const before = tableFingerprint(service.db);
    for (const sql of [
      'DELETE FROM events',
      'WITH x AS (SELECT 1) UPDATE accounts SET risk_score = 0',
      "ATTACH '/tmp/x' AS x",
      'PRAGMA query_only = 0',
      "SELECT load_extension('x')",
      'SELECT 1; DROP TABLE events',
    ]) {
      const outcome = await service.call('sql.run', { sql });
      expect(outcome.ok, sql).toBe(false);
      if (!outcome.ok) expect(outcome.error.code, sql).toBe('SQL_REFUSED');
    }
    const bad = await service.call('sql.run', { sql: 'SELECT nope FROM events' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'SQL_ERROR', message: 'SQLite: no such column: nope' });
    // The history table grew; nothing else changed.
    const after = tableFingerprint(service.db);
    expect({ ...after, query_history: '' }).toEqual({ ...before, query_history: '' });
  });
});

describe('stopping runaway queries', () => {
  it('cancels a cartesian join within 1 s, and the runner works again right after', async () => {
    const startsBefore = service.query.runner.starts;
    const run = service.call('sql.run', { sql: CARTESIAN, timeoutMs: 600_000 });
    // Wait until the runner is actually executing it (no sleeps: poll the runner's state).
    await expect.poll(() => service.query.runner.runningKey, { interval: 5 }).not.toBeNull();
    const key = service.query.runner.runningKey ?? '';
    const t0 = performance.now();
    const cancelled = await ok(service.call('sql.cancel', { queryId: key }));
    const outcome = await run;
    const latency = performance.now() - t0;
    expect(cancelled.cancelled).toBe(true);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('CANCELLED');
    expect(latency).toBeLessThan(1000);
    const again = await ok(service.call('sql.run', { sql: 'SELECT 42 AS answer' }));
    expect(again.firstPage).toEqual([[42]]);
    expect(service.query.runner.starts).toBe(startsBefore + 1);
  });

  it('stops a query at its timeout with TIMEOUT', async () => {
    const t0 = performance.now();
    const outcome = await service.call('sql.run', { sql: CARTESIAN, timeoutMs: 300 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 300 } });
    expect(performance.now() - t0).toBeLessThan(1300);
    expect((await ok(service.call('sql.run', { sql: 'VALUES (1)' }))).firstPage).toEqual([[1]]);
  });
});

describe('history, explain, export, pin', () => {
  it('records every run with duration, rows and error, searchable', async () => {
    await ok(service.call('sql.run', { sql: "SELECT 'history-marker' AS m" }));
    await service.call('sql.run', { sql: 'SELECT history_marker_missing FROM accounts' });
    // History is written through the writer after the run returns.
    await expect.poll(async () => (await ok(service.call('sql.history', { search: 'history' }))).total).toBe(2);
    const page = await ok(service.call('sql.history', { search: 'history' }));
    const [failed, succeeded] = page.rows;
    expect(failed).toMatchObject({ rows: null, error: expect.stringMatching(/^SQL_ERROR: SQLite: no such column/) });
    expect(succeeded).toMatchObject({ rows: 1, error: null, params: {} });
    expect(succeeded?.durationMs).toBeGreaterThanOrEqual(0);
    const refused = await ok(service.call('sql.history', { search: 'percent%_' }));
    expect(refused.total).toBe(0);
  });

  it('lists the schema with column types for completion and the browser', async () => {
    const schema = await ok(service.call('sql.schema', {}));
    const accounts = schema.find((t) => t.name === 'accounts');
    expect(accounts?.kind).toBe('table');
    expect(accounts?.columns.slice(0, 2)).toEqual([
      { name: 'id', type: 'TEXT', pk: true, notNull: true },
      { name: 'created_at', type: 'INTEGER', pk: false, notNull: true },
    ]);
    expect(schema.map((t) => t.name)).toEqual(
      expect.arrayContaining(['events', 'identifiers', 'relations', 'query_history']),
    );
  });

  it('explains the query plan', async () => {
    const plan = await ok(
      service.call('sql.explain', { sql: 'SELECT * FROM events WHERE account_id = :a', params: { a: 'x' } }),
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/events_by_account_time/);
  });

  it('exports the full result to CSV with a sidecar, neutralising formulas', async () => {
    const result = await ok(
      service.call('sql.export', {
        sql: "SELECT id, '=1+1' AS f FROM accounts WHERE id <= :max ORDER BY id",
        params: { max: 'acc_0000003' },
        format: 'csv',
      }),
    );
    const text = fs.readFileSync(result.file, 'utf8');
    expect(text).toBe("id,f\r\nacc_0000001,'=1+1\r\nacc_0000002,'=1+1\r\nacc_0000003,'=1+1\r\n");
    const meta = JSON.parse(fs.readFileSync(result.metaFile, 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({
      rows: 3,
      format: 'csv',
      params: { max: 'acc_0000003' },
      lastSyncRunId: expect.any(Number),
    });
    expect(meta['sha256']).toBe(createHash('sha256').update(text).digest('hex'));
    expect(String(meta['sql'])).toContain('SELECT id');
    const json = await ok(
      service.call('sql.export', { sql: 'SELECT id FROM accounts ORDER BY id LIMIT 2', format: 'json', name: 'two' }),
    );
    expect(JSON.parse(fs.readFileSync(json.file, 'utf8'))).toEqual([{ id: 'acc_0000001' }, { id: 'acc_0000002' }]);
  });

  it('pins a result to a case with the SHA-256 of its rows', async () => {
    const created = await ok(service.call('cases.create', { title: 'Shared payout ring', subjects: ['acc_0000001'] }));
    const sql = 'SELECT id, created_at FROM accounts ORDER BY id LIMIT :n';
    const pinned = await ok(
      service.call('sql.pin', { caseId: created.id, title: 'Accounts', sql, params: { n: '4' } }),
    );
    expect(pinned).toMatchObject({ kind: 'query', caseId: created.id, rowCount: 4, truncated: false });
    const stored = service.db
      .prepare('SELECT payload FROM evidence_items WHERE id = ?')
      .pluck()
      .get(pinned.id) as string;
    const payload = JSON.parse(stored) as {
      rows: unknown[][];
      rowsSha256: string;
      sql: string;
      params: unknown;
      rowCount: number;
    };
    const expected = service.db.prepare('SELECT id, created_at FROM accounts ORDER BY id LIMIT 4').raw().all();
    expect(payload.rows).toEqual(expected);
    expect(payload.rowsSha256).toBe(createHash('sha256').update(canonicalJson(expected)).digest('hex'));
    expect(payload).toMatchObject({ sql, params: { n: 4 }, rowCount: 4 });
  });
});
