/**
 * The scratchpad's reader and writer handlers: schema, history, saved queries. (The `query`
 * methods that run SQL live in service.ts on the host's query runner.)
 */
import type { SqlHistoryEntry, SqlSchemaTable, SqlValue } from '../../shared/contract/sql.js';
import type { ReadHandlers, WriteHandlers } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import type { Db } from '../db/open.js';
import { deleteSavedQuery, listSavedQueries, saveQuery } from './savedFiles.js';

/** Tables and views with their columns; row counts only for the data tables the analyst queries. */
function schema(db: Db): SqlSchemaTable[] {
  const objects = db
    .prepare(
      "SELECT name, type FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; type: 'table' | 'view' }[];
  const columns = db.prepare('SELECT name, type, pk, "notnull" AS not_null FROM pragma_table_info(?) ORDER BY cid');
  return objects.map((o) => {
    const cols = columns.all(o.name) as { name: string; type: string; pk: number; not_null: number }[];
    return {
      name: o.name,
      kind: o.type,
      rows: null,
      columns: cols.map((c) => ({ name: c.name, type: c.type || 'ANY', pk: c.pk > 0, notNull: c.not_null === 1 })),
    };
  });
}

function history(db: Db, search: string | undefined, offset: number, limit: number) {
  const where = search ? "WHERE sql LIKE '%' || :q || '%' ESCAPE '\\' OR error LIKE '%' || :q || '%' ESCAPE '\\'" : '';
  const q = search?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? '';
  const args = search ? { q, limit, offset } : { limit, offset };
  const rows = db
    .prepare(
      `SELECT id, sql, params, started_at, duration_ms, rows, error, actor FROM query_history ${where} ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset`,
    )
    .all(args) as {
    id: number;
    sql: string;
    params: string;
    started_at: number;
    duration_ms: number | null;
    rows: number | null;
    error: string | null;
    actor: string | null;
  }[];
  const total = (
    db.prepare(`SELECT count(*) AS n FROM query_history ${where}`).get(search ? { q } : {}) as { n: number }
  ).n;
  const items: SqlHistoryEntry[] = rows.map((r) => ({
    id: r.id,
    sql: r.sql,
    params: JSON.parse(r.params) as Record<string, SqlValue>,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    rows: r.rows,
    error: r.error,
    actor: r.actor,
  }));
  return { rows: items, total };
}

export const sqlReadHandlers = {
  'sql.schema': (_req, { db }) => schema(db),
  'sql.history': (req, { db }) => history(db, req.search, req.offset, req.limit),
  'sql.saved.list': (_req, { workspace }) => listSavedQueries(workspace.queriesDir),
} satisfies Partial<ReadHandlers>;

export const sqlWriteHandlers = {
  'sql.recordHistory': (req, ctx) => {
    const info = ctx.db
      .prepare(
        'INSERT INTO query_history (sql, params, started_at, duration_ms, rows, error, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(req.sql, JSON.stringify(req.params), req.startedAt, req.durationMs, req.rows, req.error, actorName(ctx.db));
    ctx.changed('query_history');
    return { id: Number(info.lastInsertRowid) };
  },
  // The files are the store; `saved_queries` in data.changed tells open screens to re-list.
  'sql.saved.save': (req, ctx) => {
    const saved = saveQuery(ctx.workspace.queriesDir, req);
    ctx.changed('saved_queries');
    return saved;
  },
  'sql.saved.delete': (req, ctx) => {
    const deleted = deleteSavedQuery(ctx.workspace.queriesDir, req.id);
    ctx.changed('saved_queries');
    return { deleted };
  },
} satisfies Partial<WriteHandlers>;
