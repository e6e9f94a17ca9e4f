/**
 * The Cytoscape elements of a graph view, per mode: `collapsed` draws account-to-account links
 * (and hubs through their identifier node only), `bipartite` draws identifier nodes with their
 * memberships. Pure, so it is unit-tested without a browser.
 */
import type { ElementDefinition } from 'cytoscape';
import type { GraphView } from '../../../../shared/contract/graph.js';

export type ViewMode = 'collapsed' | 'bipartite';

export function elementsOf(view: GraphView, mode: ViewMode): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  // The collapsed view draws account-to-account links, except through hubs (a clique of 200
  // says nothing): a shown hub keeps its identifier node, so accounts reached only through it
  // are not drawn as if unconnected.
  const hubIds = new Set(view.nodes.filter((n) => n.type === 'identifier' && n.hub).map((n) => n.id));
  for (const n of view.nodes) {
    if (n.type === 'identifier' && mode === 'collapsed' && !hubIds.has(n.id)) continue;
    out.push({
      group: 'nodes',
      data: {
        id: n.id,
        type: n.type,
        state: n.state,
        kind: n.kind,
        label: n.label,
        short: n.label.length > 18 ? `${n.label.slice(0, 16)}…` : n.label,
        risk: n.riskScore ?? 0,
        hub: n.hub ?? false,
        depth: n.depth,
        ringId: n.ringId ?? null,
      },
    });
  }
  if (mode === 'collapsed') {
    for (const e of view.edges) out.push({ group: 'edges', data: { ...e, id: e.id } });
    for (const m of view.memberships)
      if (hubIds.has(m.identifier))
        out.push({ group: 'edges', data: { id: `m:${m.account}:${m.identifier}`, source: m.account, target: m.identifier, kind: m.kind, weight: 1, membership: true } });
  } else {
    for (const m of view.memberships) out.push({ group: 'edges', data: { id: `m:${m.account}:${m.identifier}`, source: m.account, target: m.identifier, kind: m.kind, weight: 1, membership: true } });
    for (const e of view.edges) if (e.kind === 'referral' || e.kind === 'payment') out.push({ group: 'edges', data: { ...e } });
  }
  return out;
}
