import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbox, outboxFileName } from '../../electron/sync/outbox.js';
import {
  ACCOUNTS_HEADER,
  closeWorkspaces,
  makeWorkspace,
  write,
  type TestWorkspace,
} from '../fixtures/sync/helpers.js';

afterEach(closeWorkspaces);

async function addFolder(ws: TestWorkspace, folder: string) {
  const added = await ws.service.call('sources.add', { location: folder });
  if (!added.ok) throw new Error(added.error.message);
  return added.value;
}

describe('sync service methods', () => {
  it('registers sources with validated, normalised locations', async () => {
    const ws = makeWorkspace();
    const rel = path.relative(process.cwd(), ws.scratch);
    const source = await addFolder(ws, rel);
    expect(source).toMatchObject({ kind: 'folder', location: ws.scratch, name: 'src', lastRun: null });
    expect((await addFolder(ws, ws.scratch)).id).toBe(source.id);
    const missing = path.join(ws.dir, 'nope');
    expect(await ws.service.call('sources.add', { location: missing })).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `Folder ${missing} does not exist (or cannot be reached).`,
        details: { location: missing },
      },
    });
    const file = write(ws.scratch, 'accounts.csv', `${ACCOUNTS_HEADER}\n`);
    const notFolder = await ws.service.call('sources.add', { location: file });
    expect(!notFolder.ok && notFolder.error).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining(`${file} is a file, not a folder`),
    });
    const ftp = await ws.service.call('sources.add', { location: 'ftp://example.com/x' });
    expect(!ftp.ok && ftp.error.message).toBe('Only http(s) URLs can be sources, not ftp:// (ftp://example.com/x).');
    const url = await ws.service.call('sources.add', { location: 'https://data.example.com/t-s/', name: 'Warehouse' });
    expect(url.ok && url.value).toMatchObject({
      kind: 'http',
      location: 'https://data.example.com/t-s/extract.json',
      name: 'Warehouse',
    });
    const empty = await ws.service.call('sources.add', { location: '  ' });
    expect(!empty.ok && empty.error.code).toBe('BAD_REQUEST');
  });

  it('runs sync.run as a job and serves runs, files and quarantine pages', async () => {
    const ws = makeWorkspace();
    const rows = Array.from({ length: 7 }, (_, i) => `acc_${i},not-a-date,,,,,,`);
    write(ws.scratch, 'accounts.csv', [ACCOUNTS_HEADER, 'ok_1,2026-01-01T00:00:00Z,,,,,,', ...rows].join('\n'));
    const source = await addFolder(ws, ws.scratch);
    const progress: string[] = [];
    const job = await ws.service.runJob('sync.run', { sourceId: source.id }, (p) => progress.push(p.unit));
    expect(job.ok && job.value).toMatchObject({
      status: 'succeeded',
      rowsInserted: 1,
      rowsQuarantined: 7,
      sourceName: 'src',
    });
    expect(progress.every((unit) => unit === 'rows')).toBe(true);
    await ws.service.runJob('sync.run', { sourceId: source.id });
    const runs = await ws.service.call('sync.runs', {});
    expect(runs.ok && runs.value.map((r) => [r.id, r.filesApplied, r.filesSkipped])).toEqual([
      [2, 0, 1],
      [1, 1, 0],
    ]);
    const files = await ws.service.call('sync.runFiles', { runId: 1 });
    expect(files.ok && files.value[0]).toMatchObject({
      path: 'accounts.csv',
      entity: 'accounts',
      status: 'applied',
      rowsQuarantined: 7,
    });
    expect(await ws.service.call('sync.runFiles', { runId: 99 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Sync run #99 does not exist.' },
    });
    const page = await ws.service.call('sync.quarantine', { runId: 1, offset: 2, limit: 3 });
    expect(page.ok && page.value.total).toBe(7);
    expect(page.ok && page.value.rows.map((r) => [r.line, r.column, r.filePath])).toEqual([
      [5, 'created_at', 'accounts.csv'],
      [6, 'created_at', 'accounts.csv'],
      [7, 'created_at', 'accounts.csv'],
    ]);
    const list = await ws.service.call('sources.list', {});
    expect(list.ok && list.value[0]?.lastRun).toMatchObject({ id: 2, status: 'succeeded' });
  });

  it('forgets a removed source but keeps its runs, and restores it when added again', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', `${ACCOUNTS_HEADER}\na,2026-01-01T00:00:00Z,,,,,,\n`);
    const source = await addFolder(ws, ws.scratch);
    await ws.service.runJob('sync.run', { sourceId: source.id });
    expect(await ws.service.call('sources.remove', { sourceId: source.id })).toEqual({
      ok: true,
      value: { removed: true },
    });
    expect(await ws.service.call('sources.remove', { sourceId: source.id })).toEqual({
      ok: true,
      value: { removed: false },
    });
    expect(await ws.service.call('sources.list', {})).toEqual({ ok: true, value: [] });
    const runs = await ws.service.call('sync.runs', { sourceId: source.id });
    expect(runs.ok && runs.value.length).toBe(1);
    expect((await ws.service.runJob('sync.run', { sourceId: source.id })).ok).toBe(false);
    expect((await addFolder(ws, ws.scratch)).id).toBe(source.id);
  });

  it('marks a run left running by a killed process as interrupted', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', `${ACCOUNTS_HEADER}\na,2026-01-01T00:00:00Z,,,,,,\n`);
    const source = await addFolder(ws, ws.scratch);
    // pid 2^22+1 is above Linux's pid_max default and cannot be alive.
    ws.db
      .prepare(
        "INSERT INTO sync_runs (source_id, started_at, status, actor, pid) VALUES (?, 1, 'running', 'x', 4194305)",
      )
      .run(source.id);
    await ws.service.runJob('sync.run', { sourceId: source.id });
    expect(ws.db.prepare('SELECT status, error FROM sync_runs WHERE id = 1').get()).toEqual({
      status: 'failed',
      error: expect.stringContaining('Interrupted'),
    });
  });
});

describe('outbox to a folder', () => {
  it('appends one JSON line per item and never writes a key twice', async () => {
    const ws = makeWorkspace();
    write(ws.scratch, 'accounts.csv', `${ACCOUNTS_HEADER}\n`);
    const source = await addFolder(ws, ws.scratch);
    const first = enqueueOutbox(ws.db, {
      kind: 'decision',
      entityId: 'd1',
      payload: { sanction: 'warning' },
      idempotencyKey: 'dec-d1-1',
    });
    expect(
      enqueueOutbox(ws.db, { kind: 'decision', entityId: 'd1', payload: { other: true }, idempotencyKey: 'dec-d1-1' })
        .id,
    ).toBe(first.id);
    enqueueOutbox(ws.db, {
      kind: 'lifecycle',
      entityId: 'a1',
      payload: { to: 'offboarded' },
      idempotencyKey: 'lc-a1-1',
    });
    const pending = await ws.service.call('outbox.list', { pendingOnly: true });
    expect(pending.ok && pending.value.map((i) => i.idempotencyKey)).toEqual(['dec-d1-1', 'lc-a1-1']);

    const flushed = await ws.service.runJob('outbox.flush', { sourceId: source.id });
    expect(flushed).toEqual({ ok: true, value: { sent: 2, alreadySent: 0, failed: 0 } });
    const decisions = path.join(ws.scratch, 'outbox', outboxFileName(first));
    expect(path.basename(decisions)).toMatch(/^decisions-\d{8}\.jsonl$/);
    const lines = fs
      .readFileSync(decisions, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        idempotencyKey: 'dec-d1-1',
        kind: 'decision',
        entityId: 'd1',
        payload: { sanction: 'warning' },
        createdAt: expect.any(String),
      },
    ]);

    // The cache lost the "sent" mark (a crash after the append): flushing again writes nothing new.
    ws.db.prepare('UPDATE outbox SET sent_at = NULL').run();
    fs.appendFileSync(decisions, '{"idempotencyKey":"cut-sh'); // a line cut short by a crash
    expect(await ws.service.runJob('outbox.flush', { sourceId: source.id })).toEqual({
      ok: true,
      value: { sent: 0, alreadySent: 2, failed: 0 },
    });
    enqueueOutbox(ws.db, { kind: 'decision', entityId: 'd2', payload: {}, idempotencyKey: 'dec-d2-1' });
    expect(await ws.service.runJob('outbox.flush', { sourceId: source.id })).toEqual({
      ok: true,
      value: { sent: 1, alreadySent: 0, failed: 0 },
    });
    const text = fs.readFileSync(decisions, 'utf8');
    expect(text.split('\n').filter((l) => l.includes('"dec-d1-1"'))).toHaveLength(1);
    // The new line starts on a line of its own after the cut one.
    const fileLines = text.split('\n');
    expect(fileLines.at(-3)).toBe('{"idempotencyKey":"cut-sh');
    expect(JSON.parse(fileLines.at(-2) ?? '{}')).toMatchObject({ idempotencyKey: 'dec-d2-1', entityId: 'd2' });
    const all = await ws.service.call('outbox.list', { pendingOnly: false });
    expect(all.ok && all.value.every((i) => i.sentAt !== null && i.sourceId === source.id)).toBe(true);
    // The outbox folder is ours: a later sync neither loads nor lists it.
    const summary = await ws.service.runJob('sync.run', { sourceId: source.id });
    expect(summary.ok && summary.value.ignored).toEqual([]);
  });
});

describe('files.listFolder', () => {
  it('lists folders first, then files, sorted, without hidden entries, with the parent', async () => {
    const ws = makeWorkspace();
    for (const dir of ['beta', 'Alpha', '.git', 'item10', 'item9']) fs.mkdirSync(path.join(ws.scratch, dir));
    write(ws.scratch, 'b.csv', '12345');
    write(ws.scratch, 'A.csv', '1');
    write(ws.scratch, '.hidden', 'x');
    const listing = await ws.service.call('files.listFolder', { path: ws.scratch });
    expect(listing).toEqual({
      ok: true,
      value: {
        path: ws.scratch,
        parent: ws.dir,
        entries: [
          { name: 'Alpha', isDir: true, bytes: null },
          { name: 'beta', isDir: true, bytes: null },
          { name: 'item9', isDir: true, bytes: null },
          { name: 'item10', isDir: true, bytes: null },
          { name: 'A.csv', isDir: false, bytes: 1 },
          { name: 'b.csv', isDir: false, bytes: 5 },
        ],
      },
    });
    const root = await ws.service.call('files.listFolder', { path: '/' });
    expect(root.ok && root.value.parent).toBeNull();
    const home = await ws.service.call('files.listFolder', {});
    expect(home.ok && path.isAbsolute(home.value.path)).toBe(true);
    const missing = path.join(ws.scratch, 'gone');
    expect(await ws.service.call('files.listFolder', { path: missing })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `Folder ${missing} does not exist.`, details: { path: missing } },
    });
  });
});
