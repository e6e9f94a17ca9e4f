/**
 * Aggregation of large views. Above AGGREGATE_ACCOUNTS accounts (or AGGREGATE_ELEMENTS elements)
 * drawing every account costs seconds per frame in a software-rendered canvas and reads as a
 * hairball, so accounts are drawn as groups: the ring each belongs to in the latest build, else
 * the set of ring-less nodes connected among themselves. A group is one node sized by its member
 * count; links between groups become one edge carrying the count. Expanded groups are drawn
 * member by member (with their own links, and links to other groups aggregated per group).
 * Accounts with no link at all in the view form one more group ("N without links").
 * Groups of one node are never aggregated. Pure (no Cytoscape): also run by the graph bench.
 */
export const AGGREGATE_ACCOUNTS = 400;
export const AGGREGATE_ELEMENTS = 3000;
/** The group of accounts that have no link in the view. */
export const UNLINKED = 'g:unlinked';

export interface AggElement {
  readonly group?: 'nodes' | 'edges';
  readonly data: { readonly id?: string; readonly source?: string; readonly target?: string; readonly type?: string; readonly ringId?: string | null; readonly state?: string; readonly risk?: number; readonly [k: string]: unknown };
}

export interface Aggregation {
  /** Elements to draw. */
  readonly elements: AggElement[];
  /** Group id -> member node ids (only groups of two or more). */
  readonly members: Map<string, string[]>;
  /** Node id -> its group id (only for grouped nodes). */
  readonly groupOf: Map<string, string>;
  readonly groups: number;
  readonly accounts: number;
}

/** auto: above the thresholds; always / never: the investigator's choice (FilterBar's Group). */
export type Grouping = 'auto' | 'always' | 'never';

export function shouldAggregate(elements: readonly AggElement[], grouping: Grouping = 'auto'): boolean {
  if (grouping !== 'auto') return grouping === 'always';
  let accounts = 0;
  for (const e of elements) if (e.data.source === undefined && e.data.type === 'account') accounts += 1;
  return accounts > AGGREGATE_ACCOUNTS || elements.length > AGGREGATE_ELEMENTS;
}

function find(parent: Map<string, string>, x: string): string {
  let r = x;
  while (parent.get(r) !== r) r = parent.get(r) as string;
  while (x !== r) {
    const next = parent.get(x) as string;
    parent.set(x, r);
    x = next;
  }
  return r;
}

/** Groups `elements` and returns what to draw with the groups in `expanded` opened. */
export function aggregate(elements: readonly AggElement[], expanded: ReadonlySet<string>): Aggregation {
  const nodes = elements.filter((e) => e.data.source === undefined);
  const edges = elements.filter((e) => e.data.source !== undefined);
  // Ring-less nodes: union-find over links among themselves, so a connected blob is one group.
  const parent = new Map<string, string>();
  for (const n of nodes) if (!n.data.ringId) parent.set(n.data.id as string, n.data.id as string);
  for (const e of edges) {
    const a = e.data.source as string;
    const b = e.data.target as string;
    if (!parent.has(a) || !parent.has(b)) continue;
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const keyOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const n of nodes) {
    const id = n.data.id as string;
    const key = n.data.ringId ? `g:${n.data.ringId}` : `g:linked:${find(parent, id)}`;
    keyOf.set(id, key);
    const list = members.get(key);
    if (list) list.push(id);
    else members.set(key, [id]);
  }
  for (const [key, list] of members) if (list.length < 2) members.delete(key);
  // Accounts without any link in the view (e.g. most of a rule's flagged set) are one group:
  // thousands of lone dots say nothing, and they cost the layout most of its time.
  const linked = new Set<string>();
  for (const e of edges) {
    linked.add(e.data.source as string);
    linked.add(e.data.target as string);
  }
  const lone = nodes
    .filter((n) => n.data.type === 'account' && !n.data.ringId && !linked.has(n.data.id as string))
    .map((n) => n.data.id as string);
  if (lone.length >= 2) members.set(UNLINKED, lone);
  const groupOf = new Map<string, string>();
  for (const [key, list] of members) for (const id of list) groupOf.set(id, key);

  // What each node is drawn as: itself, or its (collapsed) group.
  const drawnAs = (id: string): string => {
    const g = groupOf.get(id);
    return g !== undefined && !expanded.has(g) ? g : id;
  };
  const byId = new Map(nodes.map((n) => [n.data.id as string, n]));
  const out: AggElement[] = [];
  let accounts = 0;
  for (const n of nodes) {
    if (n.data.type === 'account') accounts += 1;
    if (drawnAs(n.data.id as string) === n.data.id) out.push(n);
  }
  for (const [key, list] of members) {
    if (expanded.has(key)) continue;
    let sanctioned = 0;
    let risk = 0;
    let accountsIn = 0;
    for (const id of list) {
      const d = byId.get(id)?.data;
      if (!d || d.type !== 'account') continue;
      accountsIn += 1;
      if (d.state && d.state !== 'active') sanctioned += 1;
      risk = Math.max(risk, Number(d.risk ?? 0));
    }
    const ring = key.startsWith('g:linked:') || key === UNLINKED ? null : key.slice(2);
    out.push({
      group: 'nodes',
      data: {
        id: key,
        type: 'group',
        label: ring ? `${ring} · ${accountsIn}` : key === UNLINKED ? `${accountsIn} without links` : `${accountsIn} linked`,
        count: list.length,
        accounts: accountsIn,
        ringId: ring,
        share: accountsIn ? sanctioned / accountsIn : 0,
        state: sanctioned * 2 > accountsIn ? 'suspended' : 'active',
        risk,
      },
    });
  }
  const folded = new Map<string, { source: string; target: string; count: number }>();
  for (const e of edges) {
    const s = drawnAs(e.data.source as string);
    const t = drawnAs(e.data.target as string);
    if (s === e.data.source && t === e.data.target) {
      out.push(e);
      continue;
    }
    if (s === t) continue; // inside a collapsed group
    const [a, b] = s < t ? [s, t] : [t, s];
    const key = `${a}\u0000${b}`;
    const f = folded.get(key);
    if (f) f.count += 1;
    else folded.set(key, { source: a, target: b, count: 1 });
  }
  for (const [key, f] of folded) {
    out.push({ group: 'edges', data: { id: `agg:${key}`, source: f.source, target: f.target, count: f.count, weight: Math.min(3, Math.log2(1 + f.count)), aggregate: true } });
  }
  return { elements: out, members, groupOf, groups: members.size, accounts };
}
