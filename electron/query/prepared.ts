/**
 * Preparing user SQL in the query runner: the lexical check, parameter binding, and SQLite's own
 * verdict (stmt.readonly, stmt.reader), shared by the scratchpad requests and rule backtests so
 * both uphold exactly the same read-only rule. SQLite errors become SQL_ERROR with their message.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { SqlValue } from '../../shared/contract/sql.js';
import type { Db } from '../db/open.js';
import { bindParams, checkStatement } from './check.js';
import type { Params } from './protocol.js';

export type Statement = ReturnType<Db['prepare']> & {
  all(...args: unknown[]): unknown[];
  iterate(...args: unknown[]): IterableIterator<unknown>;
};

export interface Prepared {
  readonly db: Db;
  readonly stmt: Statement;
  readonly bound: Record<string, SqlValue>;
}

/** Checks and prepares on `db`; SQLite's own errors become SQL_ERROR with their message. */
export function prepare(db: Db, sql: string, params: Params, explainPlan = false): Prepared {
  const checked = checkStatement(sql);
  const bound = bindParams(checked, params);
  const text = explainPlan && !checked.explain ? `EXPLAIN QUERY PLAN ${checked.sql}` : checked.sql;
  let stmt: Statement;
  try {
    stmt = db.prepare(text);
  } catch (err) {
    throw sqlError(err);
  }
  if (!stmt.readonly)
    throw new RingsideError(
      'SQL_REFUSED',
      'SQLite reports that this statement would write to the database; the scratchpad is read-only.',
    );
  if (!stmt.reader)
    throw new RingsideError('SQL_REFUSED', 'This statement returns no rows; the scratchpad runs queries only.');
  return { db, stmt, bound };
}

export function sqlError(err: unknown): RingsideError {
  if (err instanceof RingsideError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  if (message.includes('interrupted')) return new RingsideError('CANCELLED', 'The query was interrupted.');
  return new RingsideError(
    'SQL_ERROR',
    `SQLite: ${message}`,
    typeof code === 'string' ? { sqliteCode: code } : undefined,
  );
}

export function iterate(p: Prepared): IterableIterator<unknown[]> {
  const stmt = p.stmt.raw(true);
  return (Object.keys(p.bound).length > 0 ? stmt.iterate(p.bound) : stmt.iterate()) as IterableIterator<unknown[]>;
}

