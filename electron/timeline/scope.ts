/**
 * What every timeline query shares: the account set and type filter bound as JSON arrays (one
 * prepared statement whatever their length, never string-built SQL), the window resolution, and
 * a per-connection statement cache so hot queries are prepared once.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

/** The statement for `sql` on this connection, prepared on first use. */
export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

/**
 * The WHERE clause every events query uses. Parameters: @accounts (JSON array), @from, @to
 * (window, [from, to)), @types (JSON array or NULL for every type). `events_by_account_time`
 * serves it: one range scan per account.
 */
export const EVENTS_IN_SCOPE = `account_id IN (SELECT value FROM json_each(@accounts))
  AND occurred_at >= @from AND occurred_at < @to
  AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))`;

export interface Scope {
  readonly accounts: string;
  readonly from: number;
  readonly to: number;
  readonly types: string | null;
}

/** First and last event of the accounts (any type), or null when they have none. */
export function accountsExtent(db: Db, accounts: readonly string[]): { from: number; to: number } | null {
  const row = stmt(
    db,
    `SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM events
     WHERE account_id IN (SELECT value FROM json_each(@accounts))`,
  ).get({ accounts: JSON.stringify(accounts) }) as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : { from: row.first, to: row.last };
}

/**
 * Binds a request's window: given bounds are kept; missing ones default to the accounts' extent
 * (padded by 1% so the first and last events are not on the edge), or the last day when the
 * accounts have no events.
 */
export function resolveScope(
  db: Db,
  req: { accounts: readonly string[]; from?: number | undefined; to?: number | undefined; types?: readonly string[] | undefined },
): Scope & { extent: { from: number; to: number } | null } {
  const extent = accountsExtent(db, req.accounts);
  const span = extent ? Math.max(extent.to - extent.from, 60_000) : 86_400_000;
  const pad = Math.ceil(span * 0.01);
  const fallbackTo = extent ? extent.to + pad + 1 : Date.now();
  const from = req.from ?? (extent ? extent.from - pad : fallbackTo - span);
  const to = req.to ?? Math.max(fallbackTo, from + 1);
  return {
    accounts: JSON.stringify([...new Set(req.accounts)]),
    from,
    to,
    types: req.types && req.types.length > 0 ? JSON.stringify(req.types) : null,
    extent,
  };
}
