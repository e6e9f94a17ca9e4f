/**
 * The large-graph layout: O(nodes + edges), no force simulation. Connected components are
 * packed on shelves, biggest first, and each component's nodes sit on a sunflower spiral in
 * breadth-first order from its best-connected node, so linked accounts land near each other.
 * Above LARGE_GRAPH nodes a force layout cannot finish within the 3 s first-paint budget on a
 * laptop CPU; this one takes milliseconds. Pure: also run by the graph bench.
 */
export interface PackElement {
  readonly data: { readonly id?: string; readonly source?: string; readonly target?: string };
}

const SPACING = 16;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

export function packLayout(elements: readonly PackElement[]): Map<string, { x: number; y: number }> {
  const adj = new Map<string, string[]>();
  for (const el of elements) if (el.data.source === undefined && el.data.id) adj.set(el.data.id, []);
  for (const el of elements) {
    const { source, target } = el.data;
    if (source === undefined || target === undefined) continue;
    adj.get(source)?.push(target);
    adj.get(target)?.push(source);
  }
  const seen = new Set<string>();
  const components: string[][] = [];
  const byDegree = [...adj.keys()].sort((a, b) => (adj.get(b)?.length ?? 0) - (adj.get(a)?.length ?? 0));
  for (const start of byDegree) {
    if (seen.has(start)) continue;
    const order = [start];
    seen.add(start);
    for (let i = 0; i < order.length; i++) {
      for (const next of adj.get(order[i] as string) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          order.push(next);
        }
      }
    }
    components.push(order);
  }
  components.sort((a, b) => b.length - a.length);
  const out = new Map<string, { x: number; y: number }>();
  const rowWidth = Math.max(600, Math.sqrt(adj.size) * SPACING * 2.2);
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const comp of components) {
    const radius = SPACING * Math.sqrt(comp.length) * 0.6 + SPACING;
    const size = radius * 2 + SPACING;
    if (x > 0 && x + size > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const cx = x + size / 2;
    const cy = y + size / 2;
    comp.forEach((id, i) => {
      const r = SPACING * 0.6 * Math.sqrt(i);
      out.set(id, { x: cx + r * Math.cos(i * GOLDEN), y: cy + r * Math.sin(i * GOLDEN) });
    });
    x += size;
    rowHeight = Math.max(rowHeight, size);
  }
  return out;
}
