/**
 * SQL scratchpad methods (issue #7). Ad hoc SQL runs in the query runner: a child process with a
 * read-only connection that the host kills on cancel or timeout and starts afresh, so a runaway
 * query can always be stopped and can never damage the cache. `query` methods run in the host,
 * which owns the runner (see define.ts); history and saved queries go through the writer.
 */
import { z } from 'zod';
import { method, queryMethod } from './define.js';
import type { EvidenceItemInfo } from './cases.js';
import type { Page } from './types.js';

/** A cell as it crosses the boundary: blobs become `0x…` hex text (see runnerProcess.ts). */
export type SqlValue = string | number | null;

export interface SqlColumn {
  readonly name: string;
  /** Declared type of the source column (e.g. INTEGER), or null for an expression. */
  readonly declaredType: string | null;
  /** SQLite affinity from the declared type, or from the first page's values for expressions. */
  readonly affinity: 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB' | 'NUMERIC';
  /** Table the column comes from, when SQLite can tell. */
  readonly table: string | null;
}

export interface SqlRunResult {
  readonly queryId: string;
  readonly columns: readonly SqlColumn[];
  readonly firstPage: readonly (readonly SqlValue[])[];
  /** True when the first page holds every row (then `rowCount` is exact). */
  readonly done: boolean;
  readonly rowCount: number | null;
  /** Time to prepare the statement and read the first page. */
  readonly elapsedMs: number;
}

export interface SqlPage {
  readonly rows: readonly (readonly SqlValue[])[];
  readonly done: boolean;
  /** Known once the cursor has reached the end. */
  readonly rowCount: number | null;
  readonly elapsedMs: number;
}

export interface SqlPlanRow {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

export interface SqlSchemaTable {
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly rows: number | null;
  readonly columns: readonly {
    readonly name: string;
    readonly type: string;
    readonly pk: boolean;
    readonly notNull: boolean;
  }[];
}

export interface SqlHistoryEntry {
  readonly id: number;
  readonly sql: string;
  readonly params: Readonly<Record<string, SqlValue>>;
  readonly startedAt: number;
  readonly durationMs: number | null;
  readonly rows: number | null;
  readonly error: string | null;
  readonly actor: string | null;
}

export interface SavedQuery {
  /** File name inside the queries folder (`<slug>.sql`); starter queries are `starter/<slug>.sql`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly sql: string;
  /** Starter library entries are read-only; saving one writes a copy to the workspace. */
  readonly readOnly: boolean;
  readonly file: string;
}

export interface SqlExportResult {
  readonly file: string;
  readonly metaFile: string;
  readonly rows: number;
  readonly bytes: number;
  readonly elapsedMs: number;
}

const sqlText = z.string().min(1, 'The query is empty').max(200_000);
const sqlValue = z.union([z.string().max(10_000), z.number(), z.null()]);
export const sqlParamsSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), sqlValue).default({});
const timeoutMs = z.number().int().min(100).max(3_600_000).default(30_000);

export const sqlMethods = {
  'sql.run': queryMethod<SqlRunResult>()(
    z
      .object({
        sql: sqlText,
        params: sqlParamsSchema,
        timeoutMs,
        pageSize: z.number().int().min(1).max(5000).default(200),
        /** Chosen by the caller so it can sql.cancel the run before sql.run has answered. */
        queryId: z
          .string()
          .regex(/^[A-Za-z0-9_-]{8,64}$/)
          .optional(),
      })
      .strict(),
    'Check and run one read-only statement in the query runner; returns the columns and the first page. SQL_REFUSED / SQL_ERROR / TIMEOUT / CANCELLED.',
  ),
  'sql.page': queryMethod<SqlPage>()(
    z
      .object({
        queryId: z.string().min(1),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(5000),
        timeoutMs,
      })
      .strict(),
    'Rows [offset, offset+limit) of a run, pulled from its open cursor (re-run and skipped to when the cursor was closed).',
  ),
  'sql.cancel': queryMethod<{ readonly cancelled: boolean }>()(
    z.object({ queryId: z.string().min(1) }).strict(),
    'Stop a query: kills the runner process if the query is executing (a fresh one starts at once); closes its cursor otherwise.',
  ),
  'sql.explain': queryMethod<readonly SqlPlanRow[]>()(
    z.object({ sql: sqlText, params: sqlParamsSchema, timeoutMs }).strict(),
    'EXPLAIN QUERY PLAN of a statement, after the same safety checks as sql.run.',
  ),
  'sql.export': queryMethod<SqlExportResult>()(
    z
      .object({
        sql: sqlText,
        params: sqlParamsSchema,
        format: z.enum(['csv', 'json']),
        name: z.string().max(100).optional(),
      })
      .strict(),
    'Stream the full result to <workspace>/exports/ as CSV (formula injection neutralised) or JSON, with a .meta.json sidecar. Shown as a job; cancellable.',
  ),
  'sql.pin': queryMethod<EvidenceItemInfo & { readonly rowCount: number; readonly truncated: boolean }>()(
    z
      .object({
        caseId: z.string().min(1),
        title: z.string().trim().min(1).max(300),
        sql: sqlText,
        params: sqlParamsSchema,
        timeoutMs,
      })
      .strict(),
    'Re-run a query and pin its result (first 5,000 rows, row count, SHA-256 of the rows) to a case as evidence.',
  ),
  'sql.schema': method<readonly SqlSchemaTable[]>()(
    'read',
    z.object({}).strict(),
    'Tables and views of the cache with their columns and types (autocomplete, schema browser).',
  ),
  'sql.history': method<Page<SqlHistoryEntry>>()(
    'read',
    z
      .object({
        search: z.string().max(200).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    'Past runs, newest first; search matches the SQL text and the error.',
  ),
  'sql.recordHistory': method<{ readonly id: number }>()(
    'write',
    z
      .object({
        sql: sqlText,
        params: sqlParamsSchema,
        startedAt: z.number().int(),
        durationMs: z.number().int().min(0).nullable(),
        rows: z.number().int().min(0).nullable(),
        error: z.string().max(2000).nullable(),
      })
      .strict(),
    'Append a run to the history (the host calls this after every run: the runner itself is read-only).',
  ),
  'sql.saved.list': method<readonly SavedQuery[]>()(
    'read',
    z.object({}).strict(),
    'Saved queries of the workspace (queries/*.sql) and the read-only starter library.',
  ),
  'sql.saved.save': method<SavedQuery>()(
    'write',
    z
      .object({
        name: z.string().trim().min(1, 'A name is required').max(120),
        description: z.string().max(2000).default(''),
        tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
        sql: sqlText,
        /** The file to overwrite; omitted for a new query (the file name comes from the name). */
        id: z.string().max(200).optional(),
      })
      .strict(),
    'Write a saved query as queries/<slug>.sql with a header comment; starter queries are copied, never overwritten.',
  ),
  'sql.saved.delete': method<{ readonly deleted: boolean }>()(
    'write',
    z.object({ id: z.string().min(1).max(200) }).strict(),
    'Delete a saved query file from the workspace (starter queries cannot be deleted).',
  ),
} as const;
