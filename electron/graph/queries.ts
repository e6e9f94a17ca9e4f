/**
 * Graph queries on the reader: expand N hops around accounts, the shortest link path between two
 * accounts (optionally time-ordered), and the accounts behind one identifier value.
 */
import type { Db } from '../db/open.js';
import { RingsideError } from '../../shared/contract/errors.js';
import type { GraphEdge, GraphNode, GraphParams, GraphView, LinkKind, PathHop } from '../../shared/contract/graph.js';
import { hubThreshold, isIdentifierKind, linkWeight } from './params.js';
import { identifierUses, linksOf, type Link } from './neighbours.js';

interface AccountRow {
  id: string;
  lifecycle_state: string;
  risk_score: number | null;
  ring_id: string | null;
}

function accountRows(db: Db, ids: readonly string[]): Map<string, AccountRow> {
  const stmt = db.prepare(
    'SELECT a.id, a.lifecycle_state, a.risk_score, (SELECT ring_id FROM ring_members m WHERE m.account_id = a.id LIMIT 1) AS ring_id FROM accounts a WHERE a.id = ?',
  );
  const out = new Map<string, AccountRow>();
  for (const id of ids) {
    const row = stmt.get(id) as AccountRow | undefined;
    if (row) out.set(id, row);
  }
  return out;
}

function requireAccounts(db: Db, ids: readonly string[]): void {
  const known = accountRows(db, ids);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new RingsideError('NOT_FOUND', `Unknown account${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`, { missing });
  }
}

/**
 * Breadth-first expansion from `seeds` for `hops` hops, then one more hop from each account of
 * `expandOne` only (the screen's per-node expand: the base view stays what it was and only the
 * double-clicked accounts grow). Every account in view has its links read, so links among them
 * are complete whichever step brought them in. Stops adding accounts at `limit` and sets
 * `truncated`. Hub identifiers are skipped when `hideHubs`, otherwise shown (bipartite) with at
 * most K + 1 of their holders. NOT_FOUND if a seed or an expanded account does not exist.
 */
export function expand(db: Db, params: GraphParams, seeds: readonly string[], hops: number, limit: number, hideHubs: boolean, expandOne: readonly string[] = []): GraphView {
  requireAccounts(db, [...new Set([...seeds, ...expandOne])]);
  const depth = new Map<string, number>();
  for (const s of seeds) depth.set(s, 0);
  const identifiers = new Map<string, { kind: LinkKind; value: string; shared: number; hub: boolean; holders: Set<string> }>();
  const relEdges = new Map<string, GraphEdge>();
  const relationParams = { ...params, kinds: params.kinds.filter((k) => !isIdentifierKind(k)) };
  let truncated = false;
  /** Reads `account`'s links; adds unseen holders at `nextDepth` when `grow`, else only links to accounts in view. */
  const visit = (account: string, grow: boolean, nextDepth: number, added: string[]): void => {
    const admit = (other: string): boolean => {
      if (depth.has(other)) return true;
      if (!grow) return false; // the last level only connects accounts already in view
      if (depth.size >= limit) {
        truncated = true;
        return false;
      }
      depth.set(other, nextDepth);
      added.push(other);
      return true;
    };
    for (const use of identifierUses(db, params, account)) {
      if (use.hub && hideHubs) continue;
      const key = `${use.kind}\u0000${use.value}`;
      let entry = identifiers.get(key);
      if (!entry) {
        entry = { kind: use.kind, value: use.value, shared: use.shared, hub: use.hub, holders: new Set() };
        identifiers.set(key, entry);
      }
      for (const h of use.holders) if (admit(h.account)) entry.holders.add(h.account);
    }
    for (const link of linksOf(db, relationParams, account, false)) {
      if (!admit(link.other)) continue;
      const [a, b] = account < link.other ? [account, link.other] : [link.other, account];
      relEdges.set(link.via, { id: `r:${link.via}`, source: a, target: b, kind: link.kind, via: link.via, weight: link.weight, shared: 2, hub: false, since: link.since });
    }
  };
  let frontier = [...new Set(seeds)];
  for (let level = 0; level <= hops && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const account of frontier) visit(account, level < hops, level + 1, next);
    frontier = next;
  }
  // Per-node expansion, in the order the accounts were expanded (an account a previous expansion
  // brought in may itself be expanded). Newcomers are read once more to link them to the view.
  for (const account of expandOne) {
    if (!depth.has(account)) depth.set(account, hops);
    const added: string[] = [];
    visit(account, true, (depth.get(account) as number) + 1, added);
    for (const other of added) visit(other, false, 0, []);
  }

  const rows = accountRows(db, [...depth.keys()]);
  const nodes: GraphNode[] = [];
  for (const [id, d] of depth) {
    const row = rows.get(id);
    nodes.push({ id, type: 'account', state: row?.lifecycle_state ?? 'active', label: id, riskScore: row?.risk_score ?? null, ringId: row?.ring_id ?? null, depth: d });
  }
  const edges: GraphEdge[] = [...relEdges.values()];
  const memberships: { account: string; identifier: string; kind: LinkKind }[] = [];
  for (const entry of identifiers.values()) {
    const holders = [...entry.holders].filter((h) => depth.has(h)).sort();
    if (holders.length < 2) continue;
    const nodeId = `i:${entry.kind}:${entry.value}`;
    nodes.push({ id: nodeId, type: 'identifier', state: entry.kind, kind: entry.kind, label: entry.value, accounts: entry.shared, hub: entry.hub, depth: 0 });
    for (const h of holders) memberships.push({ account: h, identifier: nodeId, kind: entry.kind });
    // Collapsed view: hubs only through their identifier node (a clique of 200 says nothing).
    if (entry.hub) continue;
    const weight = Math.round(linkWeight(entry.kind, entry.shared) * 1000) / 1000;
    for (let i = 0; i < holders.length; i++)
      for (let j = i + 1; j < holders.length; j++)
        edges.push({ id: `e:${entry.kind}:${entry.value}:${holders[i]}:${holders[j]}`, source: holders[i] as string, target: holders[j] as string, kind: entry.kind, via: entry.value, weight, shared: entry.shared, hub: false, since: null });
  }
  return { nodes, edges, memberships, truncated, limit };
}

/**
 * Fewest-hop link path from `from` to `to` (BFS). With `timeOrdered`, a hop may only follow a
 * hop whose link existed no later than it (`since` non-decreasing): a node is re-expanded at a
 * deeper level only if it is reached earlier in time. NOT_FOUND for unknown accounts; returns
 * found=false when no path exists within maxHops (or when hubs, hidden, were the only bridge).
 */
export function shortestPath(
  db: Db,
  params: GraphParams,
  from: string,
  to: string,
  opts: { timeOrdered: boolean; maxHops: number; hideHubs: boolean; maxExplored?: number },
): { found: boolean; hops: PathHop[]; explored: number } {
  requireAccounts(db, [from, to]);
  if (from === to) return { found: true, hops: [], explored: 0 };
  const maxExplored = opts.maxExplored ?? 50_000;
  interface State {
    account: string;
    time: number;
    prev: State | null;
    link: Link | null;
  }
  const best = new Map<string, number>([[from, -Infinity]]);
  let frontier: State[] = [{ account: from, time: -Infinity, prev: null, link: null }];
  let explored = 0;
  for (let level = 0; level < opts.maxHops && frontier.length > 0; level++) {
    const next: State[] = [];
    for (const state of frontier) {
      explored += 1;
      if (explored > maxExplored) break;
      for (const link of linksOf(db, params, state.account, !opts.hideHubs)) {
        const t = link.since ?? -Infinity;
        if (opts.timeOrdered && t < state.time) continue;
        const arrival = opts.timeOrdered ? t : -Infinity;
        const seen = best.get(link.other);
        if (seen !== undefined && (!opts.timeOrdered || seen <= arrival)) continue;
        best.set(link.other, arrival);
        const reached: State = { account: link.other, time: arrival, prev: state, link };
        if (link.other === to) return { found: true, hops: unwind(reached), explored };
        next.push(reached);
      }
    }
    frontier = next;
  }
  return { found: false, hops: [], explored };

  function unwind(end: State): PathHop[] {
    const hops: PathHop[] = [];
    for (let s: State | null = end; s?.prev && s.link; s = s.prev) {
      hops.push({ from: s.prev.account, to: s.account, kind: s.link.kind, via: s.link.via, shared: s.link.shared, since: s.link.since });
    }
    return hops.reverse();
  }
}

/** Accounts sharing one identifier value, oldest sighting first. Hub when above the kind's K. */
export function identifierNeighbours(db: Db, params: GraphParams, kind: LinkKind, value: string, limit: number) {
  if (!isIdentifierKind(kind)) throw new RingsideError('BAD_REQUEST', `${kind} is a relation, not an identifier kind; use graph.expand for relations.`, { kind });
  const total = db.prepare('SELECT count(*) FROM identifiers WHERE kind = ? AND value = ?').pluck().get(kind, value) as number;
  if (total === 0) throw new RingsideError('NOT_FOUND', `No account has ${kind} "${value}".`, { kind, value });
  const accounts = (
    db
      .prepare(
        'SELECT i.account_id AS id, a.lifecycle_state AS lifecycleState, i.first_seen AS firstSeen, i.last_seen AS lastSeen FROM identifiers i LEFT JOIN accounts a ON a.id = i.account_id WHERE i.kind = ? AND i.value = ? ORDER BY i.first_seen, i.account_id LIMIT ?',
      )
      .all(kind, value, limit) as { id: string; lifecycleState: string | null; firstSeen: number | null; lastSeen: number | null }[]
  ).map((r) => ({ ...r, lifecycleState: r.lifecycleState ?? 'unknown' }));
  return { kind, value, accounts, total, hub: total > hubThreshold(params, kind) };
}
