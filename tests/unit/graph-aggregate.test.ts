/** Grouping large graph views (renderer/src/features/graph/aggregate.ts): rings, linked sets, lone accounts. */
import { describe, expect, it } from 'vitest';
import { aggregate, shouldAggregate, UNLINKED, type AggElement } from '../../renderer/src/features/graph/aggregate.js';

const acc = (id: string, ringId: string | null = null): AggElement => ({ group: 'nodes', data: { id, type: 'account', ringId, state: 'active', risk: 0 } });
const link = (a: string, b: string): AggElement => ({ group: 'edges', data: { id: `${a}-${b}`, source: a, target: b } });

// Ring R1 = r1 r2 r3; ring-less x1-x2 linked; x3 linked to r1 only; l1 l2 l3 without links.
const view: AggElement[] = [
  acc('r1', 'R1'), acc('r2', 'R1'), acc('r3', 'R1'),
  acc('x1'), acc('x2'), acc('x3'),
  acc('l1'), acc('l2'), acc('l3'),
  link('r1', 'r2'), link('r2', 'r3'), link('x1', 'x2'), link('x2', 'r3'), link('x3', 'r1'),
];

describe('aggregate', () => {
  it('draws a ring, a linked set and the lone accounts as one node each; links between groups carry a count', () => {
    const agg = aggregate(view, new Set());
    const nodes = agg.elements.filter((e) => e.data.source === undefined).map((e) => [e.data.id, e.data['label'] ?? e.data.id]);
    expect(nodes.sort()).toEqual(
      [
        ['g:R1', 'R1 · 3'],
        ['g:linked:x1', '2 linked'],
        [UNLINKED, '3 without links'],
        ['x3', 'x3'],
      ].sort(),
    );
    const edges = agg.elements.filter((e) => e.data.source !== undefined).map((e) => [e.data.source, e.data.target, e.data['count'] ?? 1]);
    expect(edges.sort()).toEqual([['g:R1', 'g:linked:x1', 1], ['g:R1', 'x3', 1]].sort());
    expect(agg.accounts).toBe(9);
  });

  it('opens a group in place: its members and their links, other groups still folded', () => {
    const agg = aggregate(view, new Set(['g:R1']));
    const ids = agg.elements.filter((e) => e.data.source === undefined).map((e) => e.data.id).sort();
    expect(ids).toEqual(['g:linked:x1', UNLINKED, 'r1', 'r2', 'r3', 'x3'].sort());
    expect(agg.elements.some((e) => e.data.source === 'r1' && e.data.target === 'r2')).toBe(true);
  });

  it('groups automatically above 400 accounts only', () => {
    const many = Array.from({ length: 401 }, (_, i) => acc(`a${i}`));
    expect(shouldAggregate(many)).toBe(true);
    expect(shouldAggregate(many.slice(0, 400))).toBe(false);
    expect(shouldAggregate(many.slice(0, 3), 'always')).toBe(true);
    expect(shouldAggregate(many, 'never')).toBe(false);
  });
});
