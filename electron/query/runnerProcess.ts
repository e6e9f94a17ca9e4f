/**
 * The query runner: a child process (forked by runner.ts) holding read-only connections to the
 * cache. It exists so the host can stop a runaway statement by killing it: better-sqlite3 has
 * no interrupt, and a worker thread cannot be terminated while a statement runs. Every request
 * is checked again here (checkStatement + stmt.readonly + stmt.reader) even though the host
 * checked it, so this process alone upholds the read-only rule; connections are opened with
 * readonly + query_only and extensions are never loaded.
 */
import fs from 'node:fs';
import { toApiError } from '../../shared/contract/errors.js';
import type { SqlPlanRow, SqlValue } from '../../shared/contract/sql.js';
import { openDatabase, type Db } from '../db/open.js';
import { Cursor, describeColumns, toSqlValue } from './cursor.js';
import { csvLine, jsonRow, uniqueNames } from './exportFormat.js';
import { iterate, prepare, sqlError, type Prepared } from './prepared.js';
import { runBacktest, runCompare } from '../rules/backtest.js';
import type { CollectResult, ExportFileResult, Params, RunnerMessage, RunnerRequest, RunResult } from './protocol.js';

const MAX_CURSORS = 8;
const cacheFile = process.env['RINGSIDE_QUERY_CACHE'] ?? '';
const send = (message: RunnerMessage) => process.send?.(message);
const cursors = new Map<string, Cursor>();
let shared: Db;

/**
 * A read-only connection for ad hoc SQL. Memory-mapped I/O (up to 1 GiB) lets a cold connection
 * scan straight from the OS page cache instead of copying every page into SQLite's own cache
 * (each cursor has a fresh connection, so this matters for big GROUP BYs). An I/O error on a
 * mapped page would kill this process only, which the host reports and replaces.
 */
function openReadOnly(): Db {
  const db = openDatabase(cacheFile, { readonly: true });
  db.pragma('mmap_size = 1073741824');
  return db;
}

function openCursor(queryId: string, sql: string, params: Params): { cursor: Cursor; prepared: Prepared } {
  cursors.get(queryId)?.close();
  cursors.delete(queryId);
  if (cursors.size >= MAX_CURSORS) {
    const oldest = [...cursors.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
    if (oldest) {
      oldest[1].close();
      cursors.delete(oldest[0]);
    }
  }
  const db = openReadOnly();
  try {
    const prepared = prepare(db, sql, params);
    const cursor = new Cursor(db, () => {
      try {
        return iterate(prepared);
      } catch (err) {
        throw sqlError(err);
      }
    });
    cursors.set(queryId, cursor);
    return { cursor, prepared };
  } catch (err) {
    db.close();
    throw err;
  }
}

function readPage(cursor: Cursor, offset: number, limit: number) {
  try {
    return cursor.read(offset, limit);
  } catch (err) {
    throw sqlError(err);
  }
}

function run(req: Extract<RunnerRequest, { type: 'run' }>): RunResult {
  const { cursor, prepared } = openCursor(req.queryId, req.sql, req.params);
  const page = readPage(cursor, 0, req.pageSize);
  const columns = describeColumns(prepared.stmt.columns(), page.rows[0]);
  if (page.done) {
    cursor.close();
    cursors.delete(req.queryId);
  }
  return { columns, rows: page.rows, done: page.done, rowCount: page.rowCount };
}

function page(req: Extract<RunnerRequest, { type: 'page' }>) {
  // A closed cursor (evicted, finished, or lost with a killed runner) is re-opened and skipped.
  const cursor = cursors.get(req.queryId) ?? openCursor(req.queryId, req.sql, req.params).cursor;
  return readPage(cursor, req.offset, req.limit);
}

function explain(req: Extract<RunnerRequest, { type: 'explain' }>): SqlPlanRow[] {
  const p = prepare(shared, req.sql, req.params, true);
  try {
    const rows = (Object.keys(p.bound).length > 0 ? p.stmt.all(p.bound) : p.stmt.all()) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    return rows.map((r) => ({ id: r.id, parent: r.parent, detail: r.detail }));
  } catch (err) {
    throw sqlError(err);
  }
}

function collect(req: Extract<RunnerRequest, { type: 'collect' }>): CollectResult {
  const p = prepare(shared, req.sql, req.params);
  const rows: SqlValue[][] = [];
  let rowCount = 0;
  try {
    for (const raw of iterate(p)) {
      if (rowCount < req.cap) rows.push(raw.map(toSqlValue));
      rowCount++;
    }
  } catch (err) {
    throw sqlError(err);
  }
  return { columns: describeColumns(p.stmt.columns(), rows[0]), rows, rowCount };
}

/** Streams every row to `file` in 1 MiB writes, reporting progress every 10,000 rows. */
function exportFile(id: number, req: Extract<RunnerRequest, { type: 'export' }>): ExportFileResult {
  const p = prepare(shared, req.sql, req.params);
  const names = uniqueNames(p.stmt.columns().map((c) => c.name));
  const fd = fs.openSync(req.file, 'w');
  let buffer = '';
  let bytes = 0;
  let rows = 0;
  const flush = () => {
    if (buffer.length === 0) return;
    bytes += fs.writeSync(fd, buffer);
    buffer = '';
  };
  try {
    buffer += req.format === 'csv' ? csvLine(names) : '[\n';
    for (const raw of iterate(p)) {
      const values = raw.map(toSqlValue);
      buffer += req.format === 'csv' ? csvLine(values) : `${rows > 0 ? ',\n' : ''}${jsonRow(names, values)}`;
      rows++;
      if (buffer.length > 1 << 20) flush();
      if (rows % 10_000 === 0) send({ type: 'progress', id, rows });
    }
    if (req.format === 'json') buffer += `${rows > 0 ? '\n' : ''}]\n`;
    flush();
  } catch (err) {
    throw sqlError(err);
  } finally {
    fs.closeSync(fd);
  }
  return { rows, bytes };
}

function lastSyncRun(): number | null {
  const row = shared.prepare("SELECT max(id) AS id FROM sync_runs WHERE status IN ('succeeded','partial')").get() as {
    id: number | null;
  };
  return row.id;
}

function handle(id: number, req: RunnerRequest): unknown {
  switch (req.type) {
    case 'run':
      return run(req);
    case 'page':
      return page(req);
    case 'close': {
      const cursor = cursors.get(req.queryId);
      cursor?.close();
      cursors.delete(req.queryId);
      return { closed: cursor !== undefined };
    }
    case 'explain':
      return explain(req);
    case 'collect':
      return collect(req);
    case 'export':
      return exportFile(id, req);
    case 'lastSyncRun':
      return lastSyncRun();
    case 'backtest':
      return runBacktest(shared, req.spec, (rows) => send({ type: 'progress', id, rows }));
    case 'compare':
      return runCompare(shared, req.spec);
  }
}

try {
  shared = openReadOnly();
  send({ type: 'ready' });
  process.on('message', (message: { id: number; request: RunnerRequest }) => {
    try {
      send({ type: 'result', id: message.id, ok: true, value: handle(message.id, message.request) });
    } catch (err) {
      send({ type: 'result', id: message.id, ok: false, error: toApiError(err) });
    }
  });
  // The host going away (crash, kill) must not leave a runner behind.
  process.on('disconnect', () => process.exit(0));
} catch (err) {
  send({ type: 'fatal', error: toApiError(sqlError(err)) });
  process.exit(1);
}
