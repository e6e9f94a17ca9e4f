/**
 * The draw model: turns the data and the viewport into a flat list of primitives plus hit
 * targets. The canvas paints it (paint.ts), the SVG export serialises the same list, and hover
 * and click use its hit targets, so what is exported is exactly what is on screen. Pure and
 * allocation-light: built once per animation frame.
 */
import type { BurstPattern, LockstepGroup, TimelineMarker, TimelinePatterns, TimelineView } from '../../../../shared/contract/timeline';
import type { DisplayZone } from '../../lib/format';
import { PATTERN_COLOURS, typeColour, type CanvasTheme } from './palette';
import { ticks, xOf, zoneLabel, type Viewport } from './scale';

export const LABEL_W = 176;
export const AXIS_H = 24;
export const MARKER_H = 16;
const RIGHT_PAD = 8;

export type Prim =
  | { k: 'rect'; x: number; y: number; w: number; h: number; fill: string; alpha?: number }
  | { k: 'rects'; fill: string; alpha?: number; data: number[] }
  | { k: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: readonly number[]; alpha?: number }
  | { k: 'text'; x: number; y: number; text: string; fill: string; size: number; align: 'left' | 'right' | 'center'; mono?: boolean; bold?: boolean }
  | { k: 'poly'; points: number[]; fill: string }
  /** The cached bins bitmap (see binLayer.ts): source columns [sx, sx+sw) drawn into the box. */
  | { k: 'layer'; sx: number; sw: number; x: number; y: number; w: number; h: number };

export interface EventRef {
  readonly id: string;
  readonly accountId: string;
  readonly at: number;
  readonly type: string;
  readonly lane: string;
}

export type HitTarget =
  | { kind: 'event'; event: EventRef }
  | { kind: 'bin'; lane: string; from: number; to: number; count: number; parts: () => readonly (readonly [string, number])[] }
  | { kind: 'lockstep'; group: LockstepGroup }
  | { kind: 'burst'; burst: BurstPattern }
  | { kind: 'marker'; marker: TimelineMarker };

export interface Hit {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly target: HitTarget;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly prims: Prim[];
  readonly hits: Hit[];
}

export interface SceneInput {
  readonly view: TimelineView | null;
  readonly patterns: TimelinePatterns | null;
  readonly markers: readonly TimelineMarker[];
  readonly vp: Viewport;
  readonly width: number;
  readonly laneHeight: number;
  readonly zone: DisplayZone;
  readonly theme: CanvasTheme;
  readonly selectedEventId: string | null;
  readonly highlightedAccount: string | null;
  readonly brush: Viewport | null;
  readonly show: { readonly lockstep: boolean; readonly bursts: boolean; readonly markers: boolean };
  /**
   * Live canvas: bins come from one cached bitmap stretched to the viewport (one drawImage per
   * frame instead of tens of thousands of rects) and hit targets are skipped unless asked for.
   * Exports leave both off, so the SVG carries every bin as a vector shape.
   */
  readonly binsAsLayer?: boolean;
  readonly withHits?: boolean;
}

export function sceneHeight(lanes: number, laneHeight: number): number {
  return AXIS_H + MARKER_H + Math.max(1, lanes) * laneHeight + 4;
}

interface BinCell {
  lane: number;
  bin: number;
  total: number;
  parts: [number, number][];
}

/** Per-(lane, bin) totals with their type mix; computed once per answer. */
const binCache = new WeakMap<TimelineView, { cells: BinCell[]; max: number }>();
function binCells(view: TimelineView): { cells: BinCell[]; max: number } {
  const cached = binCache.get(view);
  if (cached) return cached;
  const byKey = new Map<number, BinCell>();
  let max = 0;
  for (const [lane, bin, type, count] of view.bins) {
    const key = lane * 1e7 + bin;
    let cell = byKey.get(key);
    if (!cell) {
      cell = { lane, bin, total: 0, parts: [] };
      byKey.set(key, cell);
    }
    cell.total += count;
    cell.parts.push([type, count]);
    if (cell.total > max) max = cell.total;
  }
  const result = { cells: [...byKey.values()], max };
  binCache.set(view, result);
  return result;
}

/** First index whose `at` ≥ t (events are sorted by time). */
function lowerBound(events: TimelineView['events'], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function buildScene(input: SceneInput): Scene {
  const { view, vp, theme, laneHeight: laneH } = input;
  const lanes = view?.lanes ?? [];
  const width = Math.max(LABEL_W + 50, input.width);
  const height = sceneHeight(lanes.length, laneH);
  const x0 = LABEL_W;
  const plotW = width - LABEL_W - RIGHT_PAD;
  const x1 = x0 + plotW;
  const top = AXIS_H + MARKER_H;
  const bottom = top + lanes.length * laneH;
  const X = (t: number) => xOf(t, vp, x0, plotW);
  const prims: Prim[] = [];
  const hits: Hit[] = [];
  const withHits = input.withHits ?? true;
  const laneOfAccount = new Map<string, number>();
  lanes.forEach((l, i) => l.key.startsWith('account:') && laneOfAccount.set(l.key.slice(8), i));

  prims.push({ k: 'rect', x: 0, y: 0, w: width, h: height, fill: theme.surface });
  // Lane backgrounds: alternate shading, the highlighted account in the accent tint.
  lanes.forEach((lane, i) => {
    const y = top + i * laneH;
    const highlighted = input.highlightedAccount !== null && lane.key === `account:${input.highlightedAccount}`;
    if (highlighted) prims.push({ k: 'rect', x: 0, y, w: width, h: laneH, fill: theme.accentSoft });
    else if (i % 2 === 1) prims.push({ k: 'rect', x: 0, y, w: width, h: laneH, fill: theme.surface2 });
  });

  // Axis and grid lines.
  const { ticks: tickList } = ticks(vp, plotW, input.zone);
  for (const tick of tickList) {
    const x = X(tick.at);
    prims.push({ k: 'line', x1: x, y1: AXIS_H - 4, x2: x, y2: bottom, stroke: theme.border, width: 1 });
    if (x + 4 < x1 - 30) prims.push({ k: 'text', x: x + 4, y: AXIS_H / 2, text: tick.label, fill: theme.muted, size: 11, align: 'left', mono: true });
  }
  prims.push({ k: 'text', x: 10, y: AXIS_H / 2, text: `Time (${zoneLabel(input.zone, vp.from)})`, fill: theme.faint, size: 11, align: 'left' });
  prims.push({ k: 'line', x1: 0, y1: AXIS_H, x2: width, y2: AXIS_H, stroke: theme.border, width: 1 });
  prims.push({ k: 'line', x1: 0, y1: top, x2: width, y2: top, stroke: theme.border, width: 1 });
  prims.push({ k: 'line', x1: x0, y1: AXIS_H, x2: x0, y2: bottom, stroke: theme.borderStrong, width: 1 });
  if (input.show.markers) prims.push({ k: 'text', x: 10, y: AXIS_H + MARKER_H / 2, text: 'Markers', fill: theme.faint, size: 10, align: 'left' });

  // Lane labels.
  lanes.forEach((lane, i) => {
    const y = top + i * laneH + laneH / 2;
    const mono = lane.key.startsWith('account:') || lane.key.startsWith('device:') || lane.key.startsWith('ip:');
    prims.push({ k: 'text', x: 10, y, text: truncate(lane.label, 19), fill: theme.text, size: laneH < 18 ? 10 : 11, align: 'left', mono });
    prims.push({ k: 'text', x: x0 - 8, y, text: lane.count.toLocaleString('en-US'), fill: theme.faint, size: 10, align: 'right' });
  });

  // Lockstep bands behind the events, spanning the lanes of the accounts involved.
  if (input.show.lockstep && input.patterns) {
    for (const group of input.patterns.lockstep) {
      if (group.to < vp.from || group.from > vp.to) continue;
      const laneIdx = group.accounts.map((a) => laneOfAccount.get(a)).filter((n): n is number => n !== undefined);
      const first = laneIdx.length > 0 ? Math.min(...laneIdx) : 0;
      const last = laneIdx.length > 0 ? Math.max(...laneIdx) : lanes.length - 1;
      const bx = Math.max(x0, X(group.from) - 2);
      const bw = Math.min(x1, X(group.to) + 2) - bx;
      if (bw <= 0) continue;
      const by = top + first * laneH + 1;
      const bh = (last - first + 1) * laneH - 2;
      // A faint band across the span of lanes, solid on the lanes of the accounts involved, so
      // a zoomed-out view of hundreds of groups still shows who, not just when.
      if (bw >= 6) prims.push({ k: 'rect', x: bx, y: by, w: bw, h: bh, fill: PATTERN_COLOURS.lockstep, alpha: 0.1 });
      for (const lane of laneIdx.length > 0 ? laneIdx : lanes.map((_, i) => i)) {
        prims.push({ k: 'rect', x: bx, y: top + lane * laneH + 1, w: Math.max(2, bw), h: laneH - 2, fill: PATTERN_COLOURS.lockstep, alpha: 0.35 });
      }
      if (bw >= 6) {
        prims.push({ k: 'line', x1: bx, y1: by, x2: bx, y2: by + bh, stroke: PATTERN_COLOURS.lockstep, width: 1, alpha: 0.8 });
        prims.push({ k: 'line', x1: bx + bw, y1: by, x2: bx + bw, y2: by + bh, stroke: PATTERN_COLOURS.lockstep, width: 1, alpha: 0.8 });
      }
      if (withHits) hits.push({ x: bx, y: by, w: Math.max(3, bw), h: bh, target: { kind: 'lockstep', group } });
    }
  }

  // The selected range sits under the events so they stay crisp.
  if (input.brush) {
    const bx = Math.max(x0, X(input.brush.from));
    const bw = Math.min(x1, X(input.brush.to)) - bx;
    if (bw > 0) {
      prims.push({ k: 'rect', x: bx, y: AXIS_H, w: bw, h: bottom - AXIS_H, fill: theme.accent, alpha: 0.12 });
      prims.push({ k: 'line', x1: bx, y1: AXIS_H, x2: bx, y2: bottom, stroke: theme.accent, width: 1.5 });
      prims.push({ k: 'line', x1: bx + bw, y1: AXIS_H, x2: bx + bw, y2: bottom, stroke: theme.accent, width: 1.5 });
    }
  }
  // Events (raw) or bins (aggregates), batched by colour.
  const batches = new Map<string, number[]>();
  const batch = (fill: string) => {
    let list = batches.get(fill);
    if (!list) batches.set(fill, (list = []));
    return list;
  };
  const inner = laneH - 6;
  if (view && view.mode === 'events') {
    const start = lowerBound(view.events, vp.from - (vp.to - vp.from) * 0.01);
    for (let i = start; i < view.events.length; i++) {
      const e = view.events[i]!;
      if (e.at > vp.to) break;
      const x = X(e.at);
      const y = top + e.lane * laneH + 3;
      const typeName = view.types[e.type]?.type ?? '';
      batch(typeColour(typeName)).push(x - 1, y, 2, inner);
      const laneKey = lanes[e.lane]?.key ?? '';
      if (withHits) hits.push({ x: x - 3, y, w: 6, h: inner, target: { kind: 'event', event: { id: e.id, accountId: e.accountId, at: e.at, type: typeName, lane: laneKey } } });
      if (e.id === input.selectedEventId) {
        prims.push({ k: 'rect', x: x - 4, y: y - 2, w: 8, h: inner + 4, fill: theme.text, alpha: 0.85 });
      }
    }
  } else if (view && view.mode === 'bins' && input.binsAsLayer && !withHits) {
    const columns = Math.ceil((view.to - view.from) / view.binMs);
    const sx = (vp.from - view.from) / view.binMs;
    const sw = (vp.to - vp.from) / view.binMs;
    // Clip to the columns the layer has; the rest of the plot stays empty until the refetch.
    const left = Math.max(0, sx);
    const right = Math.min(columns, sx + sw);
    if (right > left) {
      const dx = x0 + ((left - sx) / sw) * plotW;
      const dw = ((right - left) / sw) * plotW;
      prims.push({ k: 'layer', sx: left, sw: right - left, x: dx, y: top, w: dw, h: lanes.length * laneH });
    }
  } else if (view && view.mode === 'bins') {
    const { cells, max } = binCells(view);
    const binW = (view.binMs / (vp.to - vp.from)) * plotW;
    for (const cell of cells) {
      const t = view.from + cell.bin * view.binMs;
      if (t + view.binMs < vp.from || t > vp.to) continue;
      const bx = X(t);
      const w = Math.max(1, binW - (binW > 4 ? 1 : 0));
      const h = Math.max(2, inner * Math.sqrt(cell.total / Math.max(1, max)));
      let y = top + (cell.lane + 1) * laneH - 3;
      for (const [type, count] of cell.parts) {
        const seg = (h * count) / cell.total;
        y -= seg;
        batch(typeColour(view.types[type]?.type ?? '')).push(bx, y, w, seg);
      }
      if (withHits) hits.push({
        x: bx,
        y: top + cell.lane * laneH,
        w: Math.max(3, w),
        h: laneH,
        target: {
          kind: 'bin',
          lane: lanes[cell.lane]?.key ?? '',
          from: t,
          to: t + view.binMs,
          count: cell.total,
          parts: () => cell.parts.map(([type, n]) => [view.types[type]?.type ?? '', n] as const),
        },
      });
    }
  }
  for (const [fill, data] of batches) prims.push({ k: 'rects', fill, data: clampRects(data, x0, x1) });

  // Bursts: a bar along the bottom of the account's lane, with its factor.
  if (input.show.bursts && input.patterns) {
    for (const burst of input.patterns.bursts) {
      const lane = laneOfAccount.get(burst.accountId);
      if (lane === undefined || burst.to < vp.from || burst.from > vp.to) continue;
      const bx = Math.max(x0, X(burst.from));
      const bw = Math.max(3, Math.min(x1, X(burst.to)) - bx);
      const by = top + (lane + 1) * laneH - 3;
      prims.push({ k: 'rect', x: bx, y: by, w: bw, h: 3, fill: PATTERN_COLOURS.burst });
      if (bw > 28) prims.push({ k: 'text', x: bx + 2, y: top + lane * laneH + 7, text: `×${burst.factor.toFixed(1)}`, fill: PATTERN_COLOURS.burst, size: 9, align: 'left', bold: true });
      hits.push({ x: bx, y: by - 3, w: bw, h: 7, target: { kind: 'burst', burst } });
    }
  }

  // Markers: a flag in the marker row and a dashed line down the lanes.
  if (input.show.markers) {
    for (const marker of input.markers) {
      if (marker.at < vp.from || marker.at > vp.to) continue;
      const x = X(marker.at);
      const colour = markerColour(marker);
      const lane = marker.accountId !== null ? laneOfAccount.get(marker.accountId) : undefined;
      const y1 = lane !== undefined ? top + lane * laneH : top;
      const y2 = lane !== undefined ? y1 + laneH : bottom;
      prims.push({ k: 'line', x1: x, y1: AXIS_H + 3, x2: x, y2, stroke: colour, width: 1, dash: [3, 3], alpha: 0.9 });
      if (lane !== undefined) prims.push({ k: 'line', x1: x, y1, x2: x, y2, stroke: colour, width: 2 });
      prims.push({ k: 'poly', points: [x, AXIS_H + 3, x + 8, AXIS_H + 6.5, x, AXIS_H + 10], fill: colour });
      hits.push({ x: x - 3, y: AXIS_H, w: 12, h: MARKER_H, target: { kind: 'marker', marker } });
    }
  }

  if (lanes.length === 0) {
    prims.push({ k: 'text', x: x0 + plotW / 2, y: top + laneH / 2, text: input.view ? 'No lanes' : 'Loading…', fill: theme.faint, size: 12, align: 'center' });
  }
  return { width, height, prims, hits };
}

function clampRects(data: number[], x0: number, x1: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 4) {
    let x = data[i]!;
    let w = data[i + 2]!;
    if (x + w < x0 || x > x1) continue;
    if (x < x0) {
      w -= x0 - x;
      x = x0;
    }
    if (x + w > x1) w = x1 - x;
    out.push(x, data[i + 1]!, w, data[i + 3]!);
  }
  return out;
}

export function markerColour(marker: TimelineMarker): string {
  switch (marker.kind) {
    case 'decision':
      return PATTERN_COLOURS.decision;
    case 'enforcement':
      return PATTERN_COLOURS.enforcement;
    default:
      return PATTERN_COLOURS.case;
  }
}

/** The topmost hit target under (x, y), events preferred over bands. */
export function hitTest(scene: Scene, x: number, y: number): HitTarget | null {
  let best: HitTarget | null = null;
  let bestDistance = Infinity;
  for (const hit of scene.hits) {
    if (x < hit.x || x > hit.x + hit.w || y < hit.y || y > hit.y + hit.h) continue;
    const rank = hit.target.kind === 'lockstep' ? 1000 : 0;
    const distance = Math.abs(hit.x + hit.w / 2 - x) + rank;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = hit.target;
    }
  }
  return best;
}

/** Per-(lane, bin) cells of a binned answer, for the bitmap layer. */
export function binCellsOf(view: TimelineView): { cells: readonly { lane: number; bin: number; total: number; parts: readonly [number, number][] }[]; max: number } {
  return binCells(view);
}
