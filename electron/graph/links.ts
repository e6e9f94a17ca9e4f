/**
 * Collects the account-link graph from the cache in compact typed arrays: accounts indexed in id
 * order (so "smallest index" is "smallest id", which makes ring ids stable), shared identifier
 * values as groups of account indices, and referral/payment relations as pairs. Values shared by more than the kind's K accounts are
 * hubs: returned separately and never linked.
 */
import type { Db } from '../db/open.js';
import type { GraphParams, LinkKind } from '../../shared/contract/graph.js';
import { hubThreshold, isIdentifierKind, linkWeight } from './params.js';

export interface LinkGraph {
  /**
   * Number of accounts. An account's index is its rank in id order, so "smallest index" is
   * "smallest id" (ring ids stay stable); its id string is read only if it ends up in a ring.
   */
  readonly accounts: number;
  /** SQLite rowid of each account index (facts and ids are then read by rowid). */
  readonly rowids: Float64Array;
  /** Account index of a rowid (-1: none); see rankOfRowid. */
  readonly rankOf: Int32Array;
  /** Identifier groups: kind, value, share count, members in groupMembers[groupStart[g]..groupStart[g+1]). */
  readonly groupKind: LinkKind[];
  readonly groupValue: string[];
  readonly groupStart: Int32Array;
  readonly groupMembers: Int32Array;
  /** Relation links (referral/payment) between two accounts. */
  readonly relSrc: Int32Array;
  readonly relDst: Int32Array;
  readonly relKind: LinkKind[];
  readonly hubs: { kind: LinkKind; value: string; accounts: number; threshold: number }[];
  /** Number of account-to-account links (pairs per group plus relations). */
  readonly links: number;
}

export interface CollectProgress {
  (step: string, done: number, total: number | null): void;
}

/** Windowed predicate on an identifier row (alias `alias`): seen at some time inside [from, to]. */
function identifierWindowSql(params: GraphParams, alias: string): { sql: string; args: number[] } {
  const parts: string[] = [];
  const args: number[] = [];
  if (params.window.to !== null) {
    parts.push(`(${alias}.first_seen IS NULL OR ${alias}.first_seen <= ?)`);
    args.push(params.window.to);
  }
  if (params.window.from !== null) {
    parts.push(`(${alias}.last_seen IS NULL OR ${alias}.last_seen >= ?)`);
    args.push(params.window.from);
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', args };
}

/** Grows an Int32Array to hold at least `need` items (doubling). */
function ensure(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const grown = new Int32Array(Math.max(need, a.length * 2));
  grown.set(a);
  return grown;
}

/**
 * Reads accounts, shared identifier values and relations. Three streamed statements, no
 * per-account objects and no string-keyed map:
 *  1. rowids of `accounts` in id order (its covering id index; integers only, no id strings),
 *     giving each account its rank and a rowid -> rank table (Int32Array);
 *  2. shared values: the (kind, value) groups with more than one holder, found on the covering
 *     identifiers_by_value index, joined back to their holders and to `accounts` for the rowid,
 *     one row per holder, grouped by (kind, value) in order;
 *  3. referral/payment relations, both ends resolved to rowids by the same join.
 * `checkCancel` is called between batches and may throw CANCELLED.
 */
export function collectLinks(db: Db, params: GraphParams, progress: CollectProgress, checkCancel: () => void): LinkGraph {
  const total = db.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
  const maxRowid = (db.prepare('SELECT max(rowid) FROM accounts').pluck().get() as number | null) ?? 0;
  const rowids = new Float64Array(total);
  const rankOf = new Int32Array(maxRowid + 1).fill(-1);
  let i = 0;
  for (const rowid of db.prepare('SELECT rowid FROM accounts ORDER BY id').pluck().iterate() as Iterable<number>) {
    if (i >= total) break;
    rowids[i] = rowid;
    rankOf[rowid] = i;
    i += 1;
    if ((i & 0xffff) === 0) {
      progress('Reading accounts', i, total);
      checkCancel();
    }
  }
  const rank = (rowid: number): number => (rowid <= maxRowid ? (rankOf[rowid] as number) : -1);

  const idKinds = params.kinds.filter(isIdentifierKind);
  const groupKind: LinkKind[] = [];
  const groupValue: string[] = [];
  let starts = new Int32Array(1 << 12);
  let groups = 0;
  let members = new Int32Array(1 << 16);
  let used = 0;
  let links = 0;
  const hubs: LinkGraph['hubs'] = [];
  if (idKinds.length > 0) {
    const inner = identifierWindowSql(params, 'w');
    const outer = identifierWindowSql(params, 'i');
    // The inner GROUP BY reads only the (kind, value) index (covering: the table is WITHOUT ROWID,
    // so the index carries account_id); only shared values are joined back to their holders.
    // ORDER BY keeps each value's holders contiguous whatever plan SQLite picks (a small sort).
    const sql =
      `SELECT g.kind, g.value, g.n, a.rowid FROM (SELECT w.kind, w.value, count(*) AS n FROM identifiers w ` +
      `WHERE w.kind IN (${idKinds.map(() => '?').join(',')})${inner.sql} GROUP BY w.kind, w.value HAVING count(*) > 1) g ` +
      `JOIN identifiers i ON i.kind = g.kind AND i.value = g.value${outer.sql} JOIN accounts a ON a.id = i.account_id ORDER BY g.kind, g.value`;
    let kind: LinkKind | null = null;
    let value = '';
    let n = 0;
    let before = 0;
    let seen = 0;
    // Closes the current (kind, value) run: a hub, a link group, or nothing (one known holder).
    const close = () => {
      if (kind === null) return;
      const k = hubThreshold(params, kind);
      if (n > k) {
        hubs.push({ kind, value, accounts: n, threshold: k });
        used = before;
        return;
      }
      const m = used - before;
      if (m < 2) {
        used = before;
        return;
      }
      groupKind.push(kind);
      groupValue.push(value);
      starts = ensure(starts, groups + 2);
      groups += 1;
      starts[groups] = used;
      links += (m * (m - 1)) / 2;
    };
    for (const row of db.prepare(sql).raw().iterate(...idKinds, ...inner.args, ...outer.args) as Iterable<[LinkKind, string, number, number]>) {
      if (row[0] !== kind || row[1] !== value) {
        close();
        kind = row[0];
        value = row[1];
        n = row[2];
        before = used;
        seen += 1;
        if ((seen & 0x3fff) === 0) {
          progress('Grouping shared identifiers', seen, null);
          checkCancel();
        }
      }
      if (n > hubThreshold(params, kind)) continue; // a hub: counted, never linked
      const a = rank(row[3]);
      if (a < 0) continue;
      members = ensure(members, used + 1);
      members[used++] = a;
    }
    close();
  }

  const relKinds = params.kinds.filter((k) => !isIdentifierKind(k));
  let relSrc = new Int32Array(1 << 12);
  let relDst = new Int32Array(1 << 12);
  const relKind: LinkKind[] = [];
  if (relKinds.length > 0) {
    const args: (string | number)[] = [...relKinds];
    let where = `r.kind IN (${relKinds.map(() => '?').join(',')})`;
    if (params.window.from !== null) {
      where += ' AND r.occurred_at >= ?';
      args.push(params.window.from);
    }
    if (params.window.to !== null) {
      where += ' AND r.occurred_at <= ?';
      args.push(params.window.to);
    }
    // Relations whose ends are not both accounts in the cache are dropped by the joins (no node).
    const stmt = db
      .prepare(`SELECT s.rowid, d.rowid, r.kind FROM relations r JOIN accounts s ON s.id = r.src_account_id JOIN accounts d ON d.id = r.dst_account_id WHERE ${where}`)
      .raw();
    for (const [src, dst, kind] of stmt.iterate(...args) as Iterable<[number, number, LinkKind]>) {
      const s = rank(src);
      const d = rank(dst);
      if (s < 0 || d < 0 || s === d) continue;
      relSrc = ensure(relSrc, relKind.length + 1);
      relDst = ensure(relDst, relKind.length + 1);
      relSrc[relKind.length] = s;
      relDst[relKind.length] = d;
      relKind.push(kind);
      links += 1;
    }
  }
  progress('Links collected', links, links);
  return {
    accounts: i,
    rowids: rowids.subarray(0, i),
    rankOf,
    groupKind,
    groupValue,
    groupStart: starts.slice(0, groups + 1),
    groupMembers: members.slice(0, used),
    relSrc: relSrc.slice(0, relKind.length),
    relDst: relDst.slice(0, relKind.length),
    relKind,
    hubs,
    links,
  };
}

/** Account index of a SQLite rowid, or -1 when the rowid is not an account of this graph. */
export function rankOfRowid(g: LinkGraph, rowid: number): number {
  return rowid >= 0 && rowid < g.rankOf.length ? (g.rankOf[rowid] as number) : -1;
}

export function groupSize(g: LinkGraph, group: number): number {
  return (g.groupStart[group + 1] as number) - (g.groupStart[group] as number);
}

export function groupWeight(g: LinkGraph, group: number): number {
  return linkWeight(g.groupKind[group] as LinkKind, groupSize(g, group));
}
