/**
 * Rings from links: connected components by union-find over typed arrays (linear in links, fast
 * at a million accounts), then Louvain communities (graphology) for components above the
 * community threshold, so one merged blob of several rings reads as several rings. Louvain runs
 * with a seeded RNG, so the same data gives the same rings.
 */
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import type { LinkGraph } from './links.js';
import { groupWeight } from './links.js';
import { linkWeight } from './params.js';

// The package is CommonJS (`module.exports = louvain`); under NodeNext its default import is the
// function at runtime while its typings describe `.default`. Accept either shape.
type Louvain = (graph: UndirectedGraph, options: { getEdgeWeight: string; rng: () => number }) => Record<string, number>;
const louvain: Louvain =
  typeof louvainImport === 'function' ? (louvainImport as unknown as Louvain) : (louvainImport as unknown as { default: Louvain }).default;

export interface RingGroup {
  /** Account indices, ascending (so members[0] is the smallest id). */
  readonly members: Int32Array;
  readonly componentSize: number;
  readonly community: boolean;
}

/** Union-find with path halving and union by size. */
export class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      const gp = p[p[x] as number] as number;
      p[x] = gp;
      x = gp;
    }
    return x;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
  }
}

/** Connected components of size >= 2, each as ascending account indices. */
export function connectedComponents(g: LinkGraph): Int32Array[] {
  const n = g.accounts;
  const uf = new UnionFind(n);
  const groups = g.groupKind.length;
  for (let k = 0; k < groups; k++) {
    const s = g.groupStart[k] as number;
    const e = g.groupStart[k + 1] as number;
    const first = g.groupMembers[s] as number;
    for (let j = s + 1; j < e; j++) uf.union(first, g.groupMembers[j] as number);
  }
  for (let r = 0; r < g.relSrc.length; r++) uf.union(g.relSrc[r] as number, g.relDst[r] as number);
  // Resolve each root once, count per root, then bucket: linear passes over typed arrays.
  const root = new Int32Array(n);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    root[i] = r;
    count[r] = (count[r] as number) + 1;
  }
  const slot = new Int32Array(n).fill(-1);
  const out: Int32Array[] = [];
  const fill: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = root[i] as number;
    const c = count[r] as number;
    if (c < 2) continue;
    let s = slot[r] as number;
    if (s < 0) {
      s = out.length;
      slot[r] = s;
      out.push(new Int32Array(c));
      fill.push(0);
    }
    const arr = out[s] as Int32Array;
    arr[fill[s] as number] = i; // i ascends, so members come out sorted
    fill[s] = (fill[s] as number) + 1;
  }
  return out;
}

/** Mulberry32: a tiny seeded RNG so Louvain is deterministic. */
function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits every component above `threshold` into Louvain communities (weighted by link rarity);
 * smaller components are kept whole. Communities of one account are dropped (not a ring).
 */
export function ringsFromComponents(g: LinkGraph, components: Int32Array[], threshold: number): RingGroup[] {
  const rings: RingGroup[] = [];
  const big = components.filter((c) => c.length > threshold);
  for (const c of components) if (c.length <= threshold) rings.push({ members: c, componentSize: c.length, community: false });
  if (big.length === 0) return rings;

  const compOf = new Int32Array(g.accounts).fill(-1);
  big.forEach((c, k) => {
    for (const a of c) compOf[a] = k;
  });
  const graphs = big.map(() => new UndirectedGraph());
  const addWeight = (a: number, b: number, w: number) => {
    const k = compOf[a] as number;
    if (k < 0 || a === b) return;
    const graph = graphs[k] as UndirectedGraph;
    const x = String(a);
    const y = String(b);
    graph.mergeNode(x);
    graph.mergeNode(y);
    graph.updateEdge(x, y, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + w }));
  };
  for (let k = 0; k < g.groupKind.length; k++) {
    const s = g.groupStart[k] as number;
    const e = g.groupStart[k + 1] as number;
    if ((compOf[g.groupMembers[s] as number] as number) < 0) continue;
    const w = groupWeight(g, k);
    for (let i = s; i < e; i++) for (let j = i + 1; j < e; j++) addWeight(g.groupMembers[i] as number, g.groupMembers[j] as number, w);
  }
  for (let r = 0; r < g.relSrc.length; r++) {
    addWeight(g.relSrc[r] as number, g.relDst[r] as number, linkWeight(g.relKind[r] as 'referral', 2));
  }
  big.forEach((c, k) => {
    const graph = graphs[k] as UndirectedGraph;
    const mapping = louvain(graph, { getEdgeWeight: 'weight', rng: seededRng(c[0] as number) });
    const byCommunity = new Map<number, number[]>();
    for (const [node, community] of Object.entries(mapping)) {
      const list = byCommunity.get(community);
      if (list) list.push(Number(node));
      else byCommunity.set(community, [Number(node)]);
    }
    for (const list of byCommunity.values()) {
      if (list.length < 2) continue;
      rings.push({ members: Int32Array.from(list.sort((a, b) => a - b)), componentSize: c.length, community: byCommunity.size > 1 });
    }
  });
  return rings;
}
