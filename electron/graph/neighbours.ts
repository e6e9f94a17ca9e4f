/**
 * The account-link graph read live from the cache (reader connection): the links of one account
 * under a set of filters. `expand` and `path` are built on this; statements are prepared once per
 * connection and reused.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { GraphParams, LinkKind } from '../../shared/contract/graph.js';
import { hubThreshold, isIdentifierKind, linkWeight } from './params.js';

export interface Link {
  readonly other: string;
  readonly kind: LinkKind;
  /** Identifier value or relation id. */
  readonly via: string;
  readonly shared: number;
  readonly hub: boolean;
  readonly weight: number;
  readonly since: number | null;
}

export interface IdentifierUse {
  readonly kind: LinkKind;
  readonly value: string;
  readonly shared: number;
  readonly hub: boolean;
  /** Accounts holding it (at most K + 1 for hubs, so a hub never floods the view). */
  readonly holders: readonly { readonly account: string; readonly firstSeen: number | null }[];
}

type Stmt = Database.Statement<unknown[], unknown>;
interface Statements {
  ids: Stmt;
  holders: Stmt;
  count: Stmt;
  relOut: Stmt;
  relIn: Stmt;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      ids: db.prepare('SELECT kind, value, first_seen, last_seen FROM identifiers WHERE account_id = ?'),
      holders: db.prepare('SELECT account_id, first_seen, last_seen FROM identifiers WHERE kind = ? AND value = ? LIMIT ?'),
      count: db.prepare('SELECT count(*) FROM identifiers WHERE kind = ? AND value = ?').pluck(),
      relOut: db.prepare('SELECT id, dst_account_id AS other, kind, occurred_at FROM relations WHERE src_account_id = ?'),
      relIn: db.prepare('SELECT id, src_account_id AS other, kind, occurred_at FROM relations WHERE dst_account_id = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

function inWindow(params: GraphParams, first: number | null, last: number | null): boolean {
  if (params.window.to !== null && first !== null && first > params.window.to) return false;
  if (params.window.from !== null && last !== null && last < params.window.from) return false;
  return true;
}

/** The identifiers of an account under the filters, each with its holders and share count. */
export function identifierUses(db: Db, params: GraphParams, account: string): IdentifierUse[] {
  const st = statements(db);
  const out: IdentifierUse[] = [];
  for (const row of st.ids.all(account) as { kind: LinkKind; value: string; first_seen: number | null; last_seen: number | null }[]) {
    if (!params.kinds.includes(row.kind) || !isIdentifierKind(row.kind)) continue;
    if (!inWindow(params, row.first_seen, row.last_seen)) continue;
    const k = hubThreshold(params, row.kind);
    const rows = (st.holders.all(row.kind, row.value, k + 1) as { account_id: string; first_seen: number | null; last_seen: number | null }[]).filter((h) =>
      inWindow(params, h.first_seen, h.last_seen),
    );
    if (rows.length < 2) continue;
    const hub = rows.length > k;
    const shared = hub ? (st.count.get(row.kind, row.value) as number) : rows.length;
    out.push({ kind: row.kind, value: row.value, shared, hub, holders: rows.map((h) => ({ account: h.account_id, firstSeen: h.first_seen })) });
  }
  return out;
}

/** Every link of `account` under the filters; hub links only when `includeHubs`. */
export function linksOf(db: Db, params: GraphParams, account: string, includeHubs: boolean): Link[] {
  const st = statements(db);
  const links: Link[] = [];
  for (const use of identifierUses(db, params, account)) {
    if (use.hub && !includeHubs) continue;
    const mine = use.holders.find((h) => h.account === account)?.firstSeen ?? null;
    const weight = linkWeight(use.kind, use.shared);
    for (const h of use.holders) {
      if (h.account === account) continue;
      const since = mine === null || h.firstSeen === null ? (mine ?? h.firstSeen) : Math.max(mine, h.firstSeen);
      links.push({ other: h.account, kind: use.kind, via: use.value, shared: use.shared, hub: use.hub, weight, since });
    }
  }
  const relKinds = params.kinds.filter((k) => !isIdentifierKind(k));
  if (relKinds.length > 0) {
    const rows = [...(st.relOut.all(account) as RelRow[]), ...(st.relIn.all(account) as RelRow[])];
    for (const r of rows) {
      if (!(relKinds as readonly LinkKind[]).includes(r.kind) || r.other === account) continue;
      if (params.window.from !== null && r.occurred_at < params.window.from) continue;
      if (params.window.to !== null && r.occurred_at > params.window.to) continue;
      links.push({ other: r.other, kind: r.kind, via: r.id, shared: 2, hub: false, weight: linkWeight(r.kind, 2), since: r.occurred_at });
    }
  }
  return links;
}

interface RelRow {
  id: string;
  other: string;
  kind: LinkKind;
  occurred_at: number;
}
