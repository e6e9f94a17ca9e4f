/**
 * Collects the account-link graph from the cache in compact typed arrays: accounts indexed in id
 * order (so "smallest index" is "smallest id", which makes ring ids stable), shared identifier
 * values as groups of account indices (one SQL aggregation over `identifiers`), and
 * referral/payment relations as pairs. Values shared by more than the kind's K accounts are
 * hubs: returned separately and never linked.
 */
import type { Db } from '../db/open.js';
import type { GraphParams, LinkKind } from '../../shared/contract/graph.js';
import { hubThreshold, isIdentifierKind, linkWeight } from './params.js';

export interface LinkGraph {
  readonly ids: string[];
  readonly index: Map<string, number>;
  readonly createdAt: Float64Array;
  /** Identifier groups: kind, value, share count, members in groupMembers[groupStart[g]..groupStart[g+1]). */
  readonly groupKind: LinkKind[];
  readonly groupValue: string[];
  readonly groupStart: Int32Array;
  readonly groupMembers: Int32Array;
  /** Relation links (referral/payment) between two accounts. */
  readonly relSrc: Int32Array;
  readonly relDst: Int32Array;
  readonly relKind: LinkKind[];
  readonly relId: string[];
  readonly hubs: { kind: LinkKind; value: string; accounts: number; threshold: number }[];
  /** Number of account-to-account links (pairs per group plus relations). */
  readonly links: number;
}

export interface CollectProgress {
  (step: string, done: number, total: number | null): void;
}

const SEP = '\u001f';

/** Windowed predicate on an identifier row: seen at some time inside [from, to]. */
function identifierWindowSql(params: GraphParams): { sql: string; args: number[] } {
  const parts: string[] = [];
  const args: number[] = [];
  if (params.window.to !== null) {
    parts.push('(first_seen IS NULL OR first_seen <= ?)');
    args.push(params.window.to);
  }
  if (params.window.from !== null) {
    parts.push('(last_seen IS NULL OR last_seen >= ?)');
    args.push(params.window.from);
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', args };
}

/**
 * Reads accounts, shared identifier values and relations. Cost: one pass over `accounts`, one
 * grouped pass over `identifiers` by its (kind, value) index, one pass over `relations`.
 * `checkCancel` is called between batches and may throw CANCELLED.
 */
export function collectLinks(db: Db, params: GraphParams, progress: CollectProgress, checkCancel: () => void): LinkGraph {
  const total = (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  const ids: string[] = new Array<string>(total);
  const createdAt = new Float64Array(total);
  const index = new Map<string, number>();
  let i = 0;
  for (const row of db.prepare('SELECT id, created_at FROM accounts ORDER BY id').raw().iterate() as Iterable<[string, number]>) {
    if (i >= total) break;
    ids[i] = row[0];
    createdAt[i] = row[1];
    index.set(row[0], i);
    i += 1;
    if ((i & 0xffff) === 0) {
      progress('Reading accounts', i, total);
      checkCancel();
    }
  }
  ids.length = i;

  const idKinds = params.kinds.filter(isIdentifierKind);
  const groupKind: LinkKind[] = [];
  const groupValue: string[] = [];
  const starts: number[] = [0];
  let members = new Int32Array(1 << 16);
  let used = 0;
  let links = 0;
  const hubs: LinkGraph['hubs'] = [];
  if (idKinds.length > 0) {
    const win = identifierWindowSql(params);
    const sql =
      `SELECT kind, value, count(*) AS n, group_concat(account_id, char(31)) AS accs FROM identifiers ` +
      `WHERE kind IN (${idKinds.map(() => '?').join(',')})${win.sql} GROUP BY kind, value HAVING count(*) > 1`;
    let seen = 0;
    for (const [kind, value, n, accs] of db.prepare(sql).raw().iterate(...idKinds, ...win.args) as Iterable<
      [LinkKind, string, number, string]
    >) {
      seen += 1;
      if ((seen & 0x3fff) === 0) {
        progress('Grouping shared identifiers', seen, null);
        checkCancel();
      }
      const k = hubThreshold(params, kind);
      if (n > k) {
        hubs.push({ kind, value, accounts: n, threshold: k });
        continue;
      }
      const before = used;
      for (const id of accs.split(SEP)) {
        const a = index.get(id);
        if (a === undefined) continue; // identifier of an account not in the cache: no node
        if (used === members.length) {
          const grown = new Int32Array(members.length * 2);
          grown.set(members);
          members = grown;
        }
        members[used++] = a;
      }
      const m = used - before;
      if (m < 2) {
        used = before;
        continue;
      }
      groupKind.push(kind);
      groupValue.push(value);
      starts.push(used);
      links += (m * (m - 1)) / 2;
    }
  }

  const relKinds = params.kinds.filter((k) => !isIdentifierKind(k));
  const relSrc: number[] = [];
  const relDst: number[] = [];
  const relKind: LinkKind[] = [];
  const relId: string[] = [];
  if (relKinds.length > 0) {
    const args: (string | number)[] = [...relKinds];
    let where = `kind IN (${relKinds.map(() => '?').join(',')})`;
    if (params.window.from !== null) {
      where += ' AND occurred_at >= ?';
      args.push(params.window.from);
    }
    if (params.window.to !== null) {
      where += ' AND occurred_at <= ?';
      args.push(params.window.to);
    }
    const stmt = db.prepare(`SELECT id, src_account_id, dst_account_id, kind FROM relations WHERE ${where}`).raw();
    for (const [id, src, dst, kind] of stmt.iterate(...args) as Iterable<[string, string, string, LinkKind]>) {
      const s = index.get(src);
      const d = index.get(dst);
      if (s === undefined || d === undefined || s === d) continue;
      relSrc.push(s);
      relDst.push(d);
      relKind.push(kind);
      relId.push(id);
      links += 1;
    }
  }
  progress('Links collected', links, links);
  return {
    ids,
    index,
    createdAt,
    groupKind,
    groupValue,
    groupStart: Int32Array.from(starts),
    groupMembers: members.subarray(0, used),
    relSrc: Int32Array.from(relSrc),
    relDst: Int32Array.from(relDst),
    relKind,
    relId,
    hubs,
    links,
  };
}

export function groupSize(g: LinkGraph, group: number): number {
  return (g.groupStart[group + 1] as number) - (g.groupStart[group] as number);
}

export function groupWeight(g: LinkGraph, group: number): number {
  return linkWeight(g.groupKind[group] as LinkKind, groupSize(g, group));
}
