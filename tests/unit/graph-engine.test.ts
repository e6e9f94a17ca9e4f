/** Pure parts of the graph engine: union-find components, Louvain splitting, rarity weights, ring scores. */
import { describe, expect, it } from 'vitest';
import { connectedComponents, ringsFromComponents, UnionFind } from '../../electron/graph/components.js';
import type { LinkGraph } from '../../electron/graph/links.js';
import { linkWeight, resolveParams } from '../../electron/graph/params.js';
import { scoreRing, type MemberFacts } from '../../electron/graph/score.js';
import type { BindingIdentifier, LinkKind } from '../../shared/contract/graph.js';

const DAY = 86_400_000;

/** A LinkGraph of `n` accounts from identifier groups (lists of account indices). */
function graphOf(n: number, groups: number[][], kind: LinkKind = 'device'): LinkGraph {
  const starts = [0];
  const members: number[] = [];
  for (const g of groups) {
    members.push(...g);
    starts.push(members.length);
  }
  return {
    accounts: n,
    rowids: Float64Array.from({ length: n }, (_, i) => i + 1),
    rankOf: Int32Array.from({ length: n + 1 }, (_, r) => r - 1),
    groupKind: groups.map(() => kind),
    groupValue: groups.map((_, i) => `v${i}`),
    groupStart: Int32Array.from(starts),
    groupMembers: Int32Array.from(members),
    relSrc: new Int32Array(0),
    relDst: new Int32Array(0),
    relKind: [],
    hubs: [],
    links: 0,
  };
}

describe('components', () => {
  it('union-find joins transitively and components come out sorted, singletons dropped', () => {
    const uf = new UnionFind(5);
    uf.union(0, 3);
    uf.union(3, 4);
    expect(uf.find(4)).toBe(uf.find(0));
    expect(uf.find(1)).not.toBe(uf.find(0));
    const comps = connectedComponents(graphOf(8, [[5, 1], [1, 6], [2, 7]]));
    expect(comps.map((c) => Array.from(c))).toEqual([[1, 5, 6], [2, 7]]);
  });

  it('splits a large component of two cliques joined by one link into two communities, deterministically', () => {
    const a = Array.from({ length: 20 }, (_, i) => i);
    const b = Array.from({ length: 20 }, (_, i) => i + 20);
    const g = graphOf(40, [a, b, [19, 20]]);
    const comps = connectedComponents(g);
    expect(comps).toHaveLength(1);
    const rings = ringsFromComponents(g, comps, 30);
    expect(rings.map((r) => Array.from(r.members)).sort((x, y) => (x[0] as number) - (y[0] as number))).toEqual([a, b]);
    expect(rings.every((r) => r.community && r.componentSize === 40)).toBe(true);
    expect(ringsFromComponents(g, comps, 30).map((r) => Array.from(r.members))).toEqual(rings.map((r) => Array.from(r.members)));
    expect(ringsFromComponents(g, comps, 50)).toHaveLength(1);
  });
});

describe('weights and params', () => {
  it('weights rare payout links above common IPs', () => {
    expect(linkWeight('payment_instrument', 3)).toBeGreaterThan(10 * linkWeight('ip', 40));
    expect(linkWeight('device', 2)).toBeGreaterThan(linkWeight('device', 10));
  });
  it('fills defaults and lets thresholds be overridden per kind', () => {
    const p = resolveParams({ hubThresholds: { ip: 50 } });
    expect(p.kinds).not.toContain('ip');
    expect(p.hubThresholds).toMatchObject({ ip: 50, device: 25, address: 8 });
  });
});

describe('ring score', () => {
  const fact = (createdAt: number, extra: Partial<MemberFacts> = {}): MemberFacts => ({
    createdAt,
    sanctioned: false,
    flagged: false,
    lastActivity: createdAt + DAY,
    answers: [],
    fastSubmissions: 0,
    ...extra,
  });
  const bind = (kind: LinkKind, inRing: number): BindingIdentifier => ({ kind, value: 'x', accounts: inRing, inRing, weight: linkWeight(kind, inRing) });

  it('scores a burst-created ring with a shared payout above a family sharing a device', () => {
    const t = Date.UTC(2026, 6, 1);
    const farm = scoreRing([0, 1, 2, 3, 4].map((h) => fact(t + h * 3_600_000, { sanctioned: h < 2 })), [bind('payment_instrument', 5), bind('device', 5)], t + 10 * DAY, false);
    const family = scoreRing([0, 45, 90].map((d) => fact(t + d * DAY)), [bind('device', 3), bind('address', 3)], t + 100 * DAY, false);
    expect(farm.score).toBeGreaterThan(family.score + 40);
    expect(family.explanation.factors.find((f) => f.name === 'velocity')?.value).toBe(0);
    expect(farm.headline).toContain('shared payout');
    expect(farm.explanation.factors.find((f) => f.name === 'sanctioned')?.detail).toBe('2 of 5 sanctioned, 0 on cases');
  });

  it('counts duplicate answers between members as task gaming', () => {
    const t = Date.UTC(2026, 6, 1);
    const members = [fact(t, { answers: ['t1|h1', 't2|h9'] }), fact(t + 5 * DAY, { answers: ['t1|h1'] }), fact(t + 9 * DAY, { answers: ['t3|h3'] })];
    const r = scoreRing(members, [bind('device', 3)], t + 20 * DAY, false);
    expect(r.explanation.factors.find((f) => f.name === 'gaming')).toMatchObject({ value: 1, detail: '2 of 3 with duplicate answers or ≤3 s submissions' });
  });
});
