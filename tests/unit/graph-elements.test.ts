/** The Graph screen's element lists per view mode (renderer/src/features/graph/elements.ts). */
import { describe, expect, it } from 'vitest';
import type { GraphView } from '../../shared/contract/graph.js';
import { elementsOf } from '../../renderer/src/features/graph/elements.js';

// a and b share a device (a link); c reaches a only through a hub IP (no link).
const view = {
  nodes: [
    { id: 'a', type: 'account', state: 'active', label: 'a', depth: 0 },
    { id: 'b', type: 'account', state: 'active', label: 'b', depth: 1 },
    { id: 'c', type: 'account', state: 'active', label: 'c', depth: 1 },
    { id: 'i:device:d1', type: 'identifier', state: 'device', kind: 'device', label: 'd1', accounts: 2, hub: false, depth: 0 },
    { id: 'i:ip:10.0.0.1', type: 'identifier', state: 'ip', kind: 'ip', label: '10.0.0.1', accounts: 80, hub: true, depth: 0 },
  ],
  edges: [{ id: 'e:device:d1:a:b', source: 'a', target: 'b', kind: 'device', via: 'd1', weight: 1, shared: 2, hub: false, since: null }],
  memberships: [
    { account: 'a', identifier: 'i:device:d1', kind: 'device' },
    { account: 'b', identifier: 'i:device:d1', kind: 'device' },
    { account: 'a', identifier: 'i:ip:10.0.0.1', kind: 'ip' },
    { account: 'c', identifier: 'i:ip:10.0.0.1', kind: 'ip' },
  ],
  truncated: false,
  limit: 3000,
} as unknown as GraphView;

const ids = (els: ReturnType<typeof elementsOf>, group: 'nodes' | 'edges') => els.filter((e) => e.group === group).map((e) => e.data.id).sort();

describe('elementsOf', () => {
  it('collapsed: account links, and a shown hub through its identifier node so nobody looks unconnected', () => {
    const els = elementsOf(view, 'collapsed');
    expect(ids(els, 'nodes')).toEqual(['a', 'b', 'c', 'i:ip:10.0.0.1']);
    expect(ids(els, 'edges')).toEqual(['e:device:d1:a:b', 'm:a:i:ip:10.0.0.1', 'm:c:i:ip:10.0.0.1']);
  });

  it('bipartite: every identifier node with its memberships', () => {
    const els = elementsOf(view, 'bipartite');
    expect(ids(els, 'nodes')).toEqual(['a', 'b', 'c', 'i:device:d1', 'i:ip:10.0.0.1']);
    expect(ids(els, 'edges')).toEqual(['m:a:i:device:d1', 'm:a:i:ip:10.0.0.1', 'm:b:i:device:d1', 'm:c:i:ip:10.0.0.1']);
  });
});
