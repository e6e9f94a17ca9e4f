import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RingsideError } from '../../shared/contract/errors.js';
import { syncLocation } from '../../electron/sync/engine.js';
import {
  ACCOUNTS_HEADER,
  EVENTS_HEADER,
  closeWorkspaces,
  contentFingerprint,
  count,
  gzip,
  jobContext,
  makeWorkspace,
  write,
  type TestWorkspace,
} from '../fixtures/sync/helpers.js';
import { writeParquet } from '../fixtures/sync/parquetWriter.js';

afterEach(closeWorkspaces);

const sync = (ws: TestWorkspace, location: string) =>
  syncLocation(jobContext(ws), location, { actor: 'Tess Tester <tess@example.com>' });

function accountsCsv(rows: string[]): string {
  return [ACCOUNTS_HEADER, ...rows].join('\n') + '\n';
}

const A1 = 'acc_1,2026-01-01T00:00:00.000Z,Ann,ann@example.com,+1-555,US,active,0.1';
const A2 = 'acc_2,2026-01-02T00:00:00.000Z,"Bo, Jr.",bo@example.com,,GB,suspended,0.9';
const A3 = 'acc_3,2026-01-03T00:00:00.000Z,Cy,"",,FR,,';

function eventsCsv(n: number, from = 0): string {
  let out = `${EVENTS_HEADER}\n`;
  for (let i = from; i < from + n; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    out += `ev_${i},acc_${(i % 3) + 1},${t},login,10.0.0.${i % 4},dev_${i % 5},${i % 2 ? '' : '1.5'}\n`;
  }
  return out;
}

function quarantine(ws: TestWorkspace) {
  return ws.db
    .prepare('SELECT file_path AS file, line, column_name AS col, reason, raw FROM quarantine ORDER BY id')
    .all() as {
    file: string;
    line: number;
    col: string | null;
    reason: string;
    raw: string;
  }[];
}

describe('sync engine: canonical folders', () => {
  it('loads entity files, lists the others as ignored, and records who, what and hashes', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', accountsCsv([A1, A2, A3]));
    write(ws.scratch, 'events.csv', eventsCsv(10));
    write(ws.scratch, 'ground_truth.json', '{}');
    write(ws.scratch, 'README.md', '# extract');
    fs.mkdirSync(path.join(ws.scratch, 'old'));
    const summary = await sync(ws, ws.scratch);
    expect(summary.status).toBe('succeeded');
    expect(summary.ignored).toEqual(['README.md', 'ground_truth.json', 'old/']);
    expect(summary.files.map((f) => [f.path, f.status, f.rowsInserted])).toEqual([
      ['accounts.csv', 'applied', 3],
      ['events.csv', 'applied', 10],
    ]);
    expect(summary).toMatchObject({
      filesApplied: 2,
      rowsInserted: 13,
      actor: 'Tess Tester <tess@example.com>',
      sourceName: 'src',
    });
    const sha = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(ws.scratch, 'events.csv')))
      .digest('hex');
    expect(summary.files[1]?.sha256).toBe(sha);
    expect(summary.files[1]?.bytes).toBe(fs.statSync(path.join(ws.scratch, 'events.csv')).size);
    expect(ws.db.prepare('SELECT * FROM accounts ORDER BY id').all()).toEqual([
      {
        id: 'acc_1',
        created_at: Date.UTC(2026, 0, 1),
        display_name: 'Ann',
        email: 'ann@example.com',
        phone: '+1-555',
        country: 'US',
        lifecycle_state: 'active',
        risk_score: 0.1,
        attrs: '{}',
      },
      {
        id: 'acc_2',
        created_at: Date.UTC(2026, 0, 2),
        display_name: 'Bo, Jr.',
        email: 'bo@example.com',
        phone: null,
        country: 'GB',
        lifecycle_state: 'suspended',
        risk_score: 0.9,
        attrs: '{}',
      },
      // "" is the empty string, an empty unquoted field NULL; an empty lifecycle_state takes the default.
      {
        id: 'acc_3',
        created_at: Date.UTC(2026, 0, 3),
        display_name: 'Cy',
        email: '',
        phone: null,
        country: 'FR',
        lifecycle_state: 'active',
        risk_score: null,
        attrs: '{}',
      },
    ]);
    const run = ws.db
      .prepare('SELECT status, actor, duration_ms, files_applied, rows_inserted, pid FROM sync_runs')
      .get();
    expect(run).toMatchObject({
      status: 'succeeded',
      actor: 'Tess Tester <tess@example.com>',
      files_applied: 2,
      rows_inserted: 13,
      pid: null,
    });
  });

  it('skips unchanged files on re-sync and changes nothing', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', accountsCsv([A1, A2]));
    write(ws.scratch, 'events.csv', eventsCsv(20));
    await sync(ws, ws.scratch);
    const before = contentFingerprint(ws.db);
    const again = await sync(ws, ws.scratch);
    expect(again.status).toBe('succeeded');
    expect(again.files.map((f) => f.status)).toEqual(['skipped', 'skipped']);
    expect([again.rowsInserted, again.rowsUpdated, again.rowsDeleted]).toEqual([0, 0, 0]);
    expect(contentFingerprint(ws.db)).toEqual(before);
  });

  it('counts inserts, updates (only rows that differ) and tombstone deletes of a changed file', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', accountsCsv([A1, A2, A3]));
    await sync(ws, ws.scratch);
    const header = `${ACCOUNTS_HEADER},deleted,kyc`;
    write(
      ws.scratch,
      'accounts.csv',
      [
        header,
        `${A1},0,passed`, // same values, but now with an extra column: attrs changes
        'acc_2,2026-01-02T00:00:00.000Z,"Bo, Jr.",bo@example.com,,GB,offboarded,0.9,,', // lifecycle changed
        'acc_3,,,,,,,,1,', // tombstone: only the key is needed
        'acc_4,2026-01-04T00:00:00Z,Di,,,,,,false,', // new
        'acc_9,,,,,,,,true,', // tombstone of a row that is not there: not counted
      ].join('\r\n'),
    );
    const summary = await sync(ws, ws.scratch);
    expect(summary.files[0]).toMatchObject({
      status: 'applied',
      rowsInserted: 1,
      rowsUpdated: 2,
      rowsDeleted: 1,
      rowsQuarantined: 0,
    });
    expect(ws.db.prepare('SELECT id, lifecycle_state AS s, attrs FROM accounts ORDER BY id').all()).toEqual([
      { id: 'acc_1', s: 'active', attrs: '{"kyc":"passed"}' },
      { id: 'acc_2', s: 'offboarded', attrs: '{}' },
      { id: 'acc_4', s: 'active', attrs: '{}' },
    ]);
  });

  it('quarantines every unreadable row with file, line, column, reason and raw text, and loads the rest', async () => {
    const ws = makeWorkspace();
    const big = 'x'.repeat((1 << 20) + 1);
    const lines = [
      `${EVENTS_HEADER},note`,
      'ev_ok1,acc_1,2026-01-01T00:00:00Z,login,1.1.1.1,d1,,fine',
      'ev_badtime,acc_1,yesterday,login,,,,',
      ',acc_1,2026-01-01T00:00:00Z,login,,,,', // missing key
      'ev_badamount,acc_1,2026-01-01T00:00:00Z,payout,,,12 EUR,',
      'ev_cols,acc_1,2026-01-01T00:00:00Z,login', // wrong column count
      `ev_big,acc_1,2026-01-01T00:00:00Z,login,,,,${big}`,
      'ev_noacct,,2026-01-01T00:00:00Z,login,,,,',
      '"ev_quote"x,acc_1,2026-01-01T00:00:00Z,login,,,,',
      'ev_ok2,acc_2,2026-01-01T00:00:00Z,login,,,,"multi',
      'line note"',
    ];
    const text = Buffer.concat([
      Buffer.from(lines.join('\n') + '\n'),
      Buffer.from('ev_utf8,acc_1,2026-01-01T00:00:00Z,login,,dev_'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',,\nev_ok3,acc_3,1767225600000,login,,,,\n'),
    ]);
    write(ws.scratch, 'events.csv', text);
    write(ws.scratch, 'accounts.csv', accountsCsv([A1, 'acc_bad,2026-01-01T00:00:00Z,X,,,,banned,']));
    const summary = await sync(ws, ws.scratch);
    expect(summary.status).toBe('succeeded');
    expect(summary.rowsQuarantined).toBe(9);
    expect(count(ws.db, 'events')).toBe(3);
    const rows = quarantine(ws);
    const by = (line: number) => rows.find((r) => r.file === 'events.csv' && r.line === line);
    expect(rows.find((r) => r.file === 'accounts.csv')).toMatchObject({
      line: 3,
      col: 'lifecycle_state',
      reason: expect.stringContaining('"banned" is not a valid lifecycle_state'),
      raw: 'acc_bad,2026-01-01T00:00:00Z,X,,,,banned,',
    });
    expect(by(3)).toMatchObject({
      file: 'events.csv',
      col: 'occurred_at',
      reason: 'not an ISO 8601 time: "yesterday"',
      raw: lines[2],
    });
    expect(by(4)).toMatchObject({ col: 'id', reason: 'missing required field id', raw: lines[3] });
    expect(by(5)).toMatchObject({ col: 'amount', reason: 'not a number: "12 EUR"' });
    expect(by(6)).toMatchObject({ col: null, reason: 'expected 8 fields (as in the header), found 4', raw: lines[5] });
    expect(by(7)).toMatchObject({ col: 'note', reason: 'field larger than 1 MiB' });
    expect(by(7)?.raw).toMatch(new RegExp(`… \\[truncated: ${(lines[6] as string).length} characters in total\\]$`));
    expect(by(7)?.raw.length).toBeLessThan(70_000);
    expect(by(8)).toMatchObject({ col: 'account_id', reason: 'missing required field account_id' });
    expect(by(9)).toMatchObject({ reason: expect.stringMatching(/after a closing quote/) });
    expect(by(12)).toMatchObject({ col: 'device', reason: expect.stringMatching(/invalid UTF-8/) });
    expect(ws.db.prepare("SELECT attrs FROM events WHERE id = 'ev_ok2'").get()).toEqual({
      attrs: '{"note":"multi\\nline note"}',
    });
    expect(ws.db.prepare("SELECT occurred_at FROM events WHERE id = 'ev_ok3'").get()).toEqual({
      occurred_at: 1767225600000,
    });
    // Nothing silently dropped: every data line is either loaded or quarantined.
    expect(count(ws.db, 'events') + rows.filter((r) => r.file === 'events.csv').length).toBe(11);
  });

  it('reads JSON Lines and gzip (by magic bytes), TSV, and derives identifiers from events with min/max times', async () => {
    const ws = makeWorkspace();
    const jsonl = [
      '{"id":"e1","account_id":"a1","occurred_at":"2026-02-01T10:00:00Z","type":"login","ip":"9.9.9.9","device":"d1","amount":null,"geo":{"cc":"FR"}}',
      '{"id":"e2","account_id":"a1","occurred_at":1769940000000,"type":"payout","ip":"9.9.9.9","amount":"12.5"}',
      'not json',
      '[1,2]',
      '',
      '{"id":"e3","account_id":"a2","occurred_at":"2026-02-03T00:00:00+01:00","type":"login","device":"d1","deleted":false}',
    ].join('\n');
    write(ws.scratch, 'events.jsonl.gz', gzip(jsonl));
    // gzip detected by its magic bytes even without the .gz name
    write(
      ws.scratch,
      'identifiers.tsv',
      gzip(
        'account_id\tkind\tvalue\tfirst_seen\tlast_seen\na1\tip\t9.9.9.9\t2026-01-01T00:00:00Z\t2026-01-05T00:00:00Z\n',
      ),
    );
    const summary = await sync(ws, ws.scratch);
    expect(summary.files.map((f) => [f.path, f.format, f.rowsInserted, f.rowsQuarantined])).toEqual([
      ['identifiers.tsv', 'tsv+gzip', 1, 0],
      ['events.jsonl.gz', 'jsonl+gzip', 3, 2],
    ]);
    expect(quarantine(ws).map((q) => [q.line, q.reason.slice(0, 28)])).toEqual([
      [3, 'invalid JSON: Unexpected tok'],
      [4, 'expected a JSON object, got '],
    ]);
    expect(ws.db.prepare("SELECT amount, attrs FROM events WHERE id = 'e2'").get()).toEqual({
      amount: 12.5,
      attrs: '{}',
    });
    expect(ws.db.prepare("SELECT attrs FROM events WHERE id = 'e1'").get()).toEqual({ attrs: '{"geo":{"cc":"FR"}}' });
    expect(
      ws.db
        .prepare(
          'SELECT account_id AS a, kind, value, first_seen AS f, last_seen AS l FROM identifiers ORDER BY 1, 2, 3',
        )
        .all(),
    ).toEqual([
      { a: 'a1', kind: 'device', value: 'd1', f: Date.UTC(2026, 1, 1, 10), l: Date.UTC(2026, 1, 1, 10) },
      // The identifiers file said 01-01..01-05; the events widen it to 02-01 10:00.
      { a: 'a1', kind: 'ip', value: '9.9.9.9', f: Date.UTC(2026, 0, 1), l: Date.UTC(2026, 1, 1, 10) },
      { a: 'a2', kind: 'device', value: 'd1', f: Date.UTC(2026, 1, 2, 23), l: Date.UTC(2026, 1, 2, 23) },
    ]);
  });

  it('reads Parquet row group by row group, with nulls, int64 times and attrs', async () => {
    const ws = makeWorkspace();
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: i === 7 ? null : `pq_${i}`,
      account_id: `acc_${i % 2}`,
      occurred_at: BigInt(Date.UTC(2026, 2, 1) + i * 1000),
      type: 'task_submit',
      amount: i % 3 === 0 ? null : i / 2,
      channel: i % 2 ? 'web' : null,
    }));
    writeParquet(
      path.join(ws.scratch, 'events.parquet'),
      [
        { name: 'id', type: 'utf8' },
        { name: 'account_id', type: 'utf8' },
        { name: 'occurred_at', type: 'int64' },
        { name: 'type', type: 'utf8' },
        { name: 'amount', type: 'double' },
        { name: 'channel', type: 'utf8' },
      ],
      rows,
      { rowGroupSize: 10 },
    );
    const summary = await sync(ws, ws.scratch);
    expect(summary.files[0]).toMatchObject({
      format: 'parquet',
      status: 'applied',
      rowsInserted: 24,
      rowsQuarantined: 1,
    });
    expect(quarantine(ws)[0]).toMatchObject({ line: 8, col: 'id', reason: 'missing required field id' });
    expect(quarantine(ws)[0]?.raw).toContain('"occurred_at":"1772323207000"');
    expect(ws.db.prepare("SELECT occurred_at, amount, attrs FROM events WHERE id = 'pq_13'").get()).toEqual({
      occurred_at: Date.UTC(2026, 2, 1) + 13000,
      amount: 6.5,
      attrs: '{"channel":"web"}',
    });
  });
});

describe('sync engine: corrupt files fail alone and leave the cache as it was', () => {
  const cases: [string, string | Buffer | ((ws: TestWorkspace) => void), RegExp][] = [
    [
      'events.csv.gz',
      Buffer.concat([gzip(eventsCsv(50)).subarray(0, 10), Buffer.from('garbage that is not deflate data at all')]),
      /gzip data is corrupt or truncated/,
    ],
    ['events.csv.gz', gzip(eventsCsv(6000)).subarray(0, 20_000), /gzip data is corrupt or truncated/],
    [
      'events.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      /binary data \(a NUL byte at offset 8\), not CSV text/,
    ],
    ['events.csv.gz', eventsCsv(3), /named \.gz but is not gzip data/],
    [
      'events.csv',
      `${eventsCsv(7000)}ev_x,acc_1,2026-01-01T00:00:00Z,"login`,
      /ends inside a quoted field that starts at line 7002/,
    ],
    ['events.parquet', eventsCsv(3), /not a Parquet file/],
    ['events.jsonl', eventsCsv(3), /not JSON Lines: line 1 does not start with "\{"/],
    ['events.csv', 'id,account,when\nx,y,z\n', /no column "account_id", required for events/],
    ['events.csv', '', /it is empty: no CSV header line/],
    [
      'events.parquet',
      (ws) => {
        const file = path.join(ws.scratch, 'events.parquet');
        writeParquet(file, [{ name: 'id', type: 'utf8' }], [{ id: 'a' }]);
        fs.truncateSync(file, fs.statSync(file).size - 6);
      },
      /Parquet file is truncated/,
    ],
  ];

  it.each(cases.map(([name, content, expected], i) => [i, name, content, expected] as const))(
    'case %i: %s fails with a message naming it, other files load',
    async (_i, name, content, expected) => {
      const ws = makeWorkspace();
      write(ws.scratch, 'accounts.csv', accountsCsv([A1]));
      await sync(ws, ws.scratch);
      const before = contentFingerprint(ws.db);
      if (typeof content === 'function') content(ws);
      else write(ws.scratch, name, content);
      write(ws.scratch, 'cases.csv', 'id,title,status,opened_at\nc1,Ring,new,2026-01-01T00:00:00Z\n');
      const summary = await sync(ws, ws.scratch);
      expect(summary.status).toBe('partial');
      const failed = summary.files.find((f) => f.path === name);
      expect(failed?.status).toBe('failed');
      expect(failed?.error).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}: `));
      expect(failed?.error).toMatch(expected);
      expect(summary.files.find((f) => f.path === 'cases.csv')?.status).toBe('applied');
      expect(summary.files.find((f) => f.path === 'accounts.csv')?.status).toBe('skipped');
      const after = contentFingerprint(ws.db);
      expect({ ...after, cases: '' }).toEqual({ ...before, cases: '' });
      expect(
        ws.db.prepare('SELECT status, error FROM sync_files WHERE path = ? AND run_id = ?').get(name, summary.id),
      ).toEqual({
        status: 'failed',
        error: failed?.error,
      });
      expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    },
  );

  it('cancelling mid-file rolls that file back, keeps the files before it, and records the run cancelled', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', accountsCsv([A1, A2]));
    write(ws.scratch, 'events.csv', eventsCsv(30_000));
    // Progress calls: reading the source (1), accounts start (2) and end (3), events start (4),
    // events after 5,000 rows (5): the check after it sees the cancel, mid-file.
    const ctx = jobContext(ws, { cancelAfterProgress: 5 });
    let error: unknown;
    try {
      await syncLocation(ctx, ws.scratch, { actor: 'tester' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RingsideError);
    expect((error as RingsideError).code).toBe('CANCELLED');
    expect(ctx.reports.some((r) => r.message.startsWith('events.csv') && r.done >= 5000)).toBe(true);
    expect(count(ws.db, 'accounts')).toBe(2);
    expect(count(ws.db, 'events')).toBe(0);
    expect(count(ws.db, 'identifiers')).toBe(0);
    const runId = (error as RingsideError & { details: { runId: number } }).details.runId;
    expect(ws.db.prepare('SELECT status, error FROM sync_runs WHERE id = ?').get(runId)).toMatchObject({
      status: 'cancelled',
      error: expect.stringContaining('events.csv'),
    });
    expect(ws.db.prepare('SELECT path, status FROM sync_files WHERE run_id = ? ORDER BY id').all(runId)).toEqual([
      { path: 'accounts.csv', status: 'applied' },
      { path: 'events.csv', status: 'cancelled' },
    ]);
    // The next sync picks the file up again.
    const next = await sync(ws, ws.scratch);
    expect(next.files.map((f) => f.status)).toEqual(['skipped', 'applied']);
    expect(count(ws.db, 'events')).toBe(30_000);
  });
});

describe('sync engine: bulk loads', () => {
  it('rebuilds the secondary indexes of a table it bulk-loads, and a failed bulk load leaves them as they were', async () => {
    const ws = makeWorkspace();
    const indexes = () =>
      ws.db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")
        .all();
    const before = indexes();
    expect(before.length).toBeGreaterThanOrEqual(2);
    // ~19 MiB: large enough for the engine to defer index maintenance to the end of the file.
    const pad = 'p'.repeat(48);
    let big = `${EVENTS_HEADER},note\n`;
    for (let i = 0; i < 200_000; i++)
      big += `ev_${i},acc_${i % 50},${1767225600000 + ((i * 7919) % 100_000) * 1000},login,,,,${pad}\n`;
    write(ws.scratch, 'events.csv', `${big}ev_x,acc_1,1767225600000,"unterminated`);
    const failed = await sync(ws, ws.scratch);
    expect(failed.files[0]?.status).toBe('failed');
    expect(count(ws.db, 'events')).toBe(0);
    expect(indexes()).toEqual(before);
    write(ws.scratch, 'events.csv', big);
    const ctx = jobContext(ws);
    const loaded = await syncLocation(ctx, ws.scratch, { actor: 'tester' });
    expect(loaded.files[0]).toMatchObject({ status: 'applied', rowsInserted: 200_000 });
    expect(ctx.reports.map((r) => r.message)).toContain('events.csv: building indexes');
    expect(indexes()).toEqual(before);
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const plan = ws.db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM events WHERE account_id = 'acc_7' ORDER BY occurred_at")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_by_account_time');
    expect(ws.db.prepare("SELECT count(*) AS n FROM events WHERE account_id = 'acc_7'").get()).toEqual({ n: 4000 });
  });
});

describe('sync engine: manifests', () => {
  it('maps globbed files, renamed columns, epoch seconds, a default zone, tombstones and derived identifiers', async () => {
    const ws = makeWorkspace();
    write(
      ws.scratch,
      'extract.json',
      JSON.stringify({
        version: 1,
        defaultZone: '+02:00',
        files: [
          {
            path: 'exports/acct_*.csv',
            entity: 'accounts',
            columns: { id: 'account_id', created_at: 'signup' },
            timestamps: { created_at: 'epoch_s' },
            tombstone: 'is_deleted',
          },
          { path: 'exports/ev.tsv', entity: 'events', deriveIdentifiers: [{ kind: 'ip', from: 'client_ip' }] },
        ],
      }),
    );
    write(
      ws.scratch,
      'exports/acct_1.csv',
      'account_id,signup,tier,is_deleted\nu1,1767225600,gold,\nu2,1767225601.5,,\n',
    );
    write(ws.scratch, 'exports/acct_2.csv', 'account_id,signup,is_deleted\nu2,,yes\n');
    write(
      ws.scratch,
      'exports/ev.tsv',
      'id\taccount_id\toccurred_at\ttype\tclient_ip\ne1\tu1\t2026-03-01 12:00:00\tlogin\t8.8.8.8\n',
    );
    write(ws.scratch, 'README.md', 'hello');
    const summary = await sync(ws, ws.scratch);
    expect(summary.status).toBe('succeeded');
    expect(summary.ignored).toEqual(['README.md']);
    expect(summary.files.map((f) => [f.path, f.rowsInserted, f.rowsDeleted])).toEqual([
      ['exports/acct_1.csv', 2, 0],
      ['exports/acct_2.csv', 0, 1],
      ['exports/ev.tsv', 1, 0],
    ]);
    expect(ws.db.prepare('SELECT id, created_at, attrs FROM accounts').all()).toEqual([
      { id: 'u1', created_at: 1767225600000, attrs: '{"tier":"gold"}' },
    ]);
    expect(ws.db.prepare('SELECT occurred_at, attrs FROM events').get()).toEqual({
      occurred_at: Date.UTC(2026, 2, 1, 10),
      attrs: '{"client_ip":"8.8.8.8"}',
    });
    expect(ws.db.prepare('SELECT account_id, kind, value, first_seen FROM identifiers').all()).toEqual([
      { account_id: 'u1', kind: 'ip', value: '8.8.8.8', first_seen: Date.UTC(2026, 2, 1, 10) },
    ]);
  });

  it('refuses an invalid manifest naming the field, and records the run as failed', async () => {
    const ws = makeWorkspace();
    write(
      ws.scratch,
      'extract.json',
      JSON.stringify({ version: 1, files: [{ path: 'a.csv', entity: 'events', timestamps: { occurred_at: 'unix' } }] }),
    );
    await expect(sync(ws, ws.scratch)).rejects.toThrow(/extract\.json: files\[0\]\.timestamps\.occurred_at: /);
    expect(ws.db.prepare('SELECT status, error FROM sync_runs').get()).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('files[0].timestamps.occurred_at'),
    });
    expect(count(ws.db, 'sync_files')).toBe(0);
  });

  it('fails a file whose size or SHA-256 differs from the manifest, and one that is missing', async () => {
    const ws = makeWorkspace();
    const body = accountsCsv([A1]);
    const good = crypto.createHash('sha256').update(body).digest('hex');
    write(ws.scratch, 'a.csv', body);
    write(ws.scratch, 'b.csv', body);
    write(ws.scratch, 'c.csv', body);
    write(
      ws.scratch,
      'extract.json',
      JSON.stringify({
        version: 1,
        files: [
          { path: 'a.csv', entity: 'accounts', sha256: good, bytes: body.length },
          { path: 'b.csv', entity: 'accounts', sha256: 'f'.repeat(64) },
          { path: 'c.csv', entity: 'accounts', bytes: body.length + 10 },
          { path: 'gone.csv', entity: 'accounts' },
        ],
      }),
    );
    const summary = await sync(ws, ws.scratch);
    expect(summary.status).toBe('partial');
    expect(summary.files.map((f) => f.status)).toEqual(['applied', 'failed', 'failed', 'failed']);
    expect(summary.files[1]?.error).toMatch(/^b\.csv: its SHA-256 is [0-9a-f]{64} but the manifest says f{64}/);
    expect(summary.files[2]?.error).toMatch(
      /^c\.csv: it has \d+ bytes but the manifest says \d+ \(truncated or replaced\)/,
    );
    expect(summary.files[3]?.error).toMatch(/^gone\.csv: it is not in /);
  });
});
