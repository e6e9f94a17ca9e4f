/**
 * The bins of one `timeline.view` answer drawn once into an offscreen bitmap: one column per
 * bin, lanes at their on-screen height. While zooming and panning, the canvas stretches the
 * visible columns of this bitmap into the plot with a single drawImage, so a frame costs the
 * same for 100 or 100,000 events; the refetch on settle brings bins at the new resolution.
 */
import type { TimelineView } from '../../../../shared/contract/timeline';
import { typeColour } from './palette';
import { binCellsOf } from './scene';

const cache = new WeakMap<TimelineView, { key: string; canvas: HTMLCanvasElement }>();

export function binLayer(view: TimelineView, laneHeight: number, dpr: number): HTMLCanvasElement | null {
  if (view.mode !== 'bins' || view.binMs <= 0) return null;
  const key = `${laneHeight}:${dpr}`;
  const cached = cache.get(view);
  if (cached?.key === key) return cached.canvas;
  const columns = Math.max(1, Math.ceil((view.to - view.from) / view.binMs));
  const canvas = document.createElement('canvas');
  canvas.width = columns;
  canvas.height = Math.max(1, Math.round(view.lanes.length * laneHeight * dpr));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const { cells, max } = binCellsOf(view);
  const inner = (laneHeight - 6) * dpr;
  const batches = new Map<string, number[]>();
  for (const cell of cells) {
    const h = Math.max(2 * dpr, inner * Math.sqrt(cell.total / Math.max(1, max)));
    let y = ((cell.lane + 1) * laneHeight - 3) * dpr;
    for (const [type, count] of cell.parts) {
      const seg = (h * count) / cell.total;
      y -= seg;
      const fill = typeColour(view.types[type]?.type ?? '');
      let list = batches.get(fill);
      if (!list) batches.set(fill, (list = []));
      list.push(cell.bin, y, 1, seg);
    }
  }
  for (const [fill, data] of batches) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    for (let i = 0; i < data.length; i += 4) ctx.rect(data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!);
    ctx.fill();
  }
  cache.set(view, { key, canvas });
  return canvas;
}
