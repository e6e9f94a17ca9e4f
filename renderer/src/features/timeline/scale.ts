/**
 * Time ↔ pixel mapping and axis ticks. Ticks fall on round steps in the displayed zone (UTC or
 * the machine's local zone) and every label set names its zone, so a screenshot is unambiguous.
 */
import type { DisplayZone } from '../../lib/format';

export interface Viewport {
  /** UTC epoch ms. */
  readonly from: number;
  readonly to: number;
}

export const MIN_SPAN_MS = 2_000;
export const MAX_SPAN_MS = 20 * 365 * 86_400_000;

export function xOf(t: number, vp: Viewport, x0: number, width: number): number {
  return x0 + ((t - vp.from) / (vp.to - vp.from)) * width;
}

export function tOf(x: number, vp: Viewport, x0: number, width: number): number {
  return vp.from + ((x - x0) / width) * (vp.to - vp.from);
}

/** Zooms by `factor` (< 1 zooms in) keeping time `anchor` at the same pixel. */
export function zoomAround(vp: Viewport, anchor: number, factor: number): Viewport {
  const span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, (vp.to - vp.from) * factor));
  const ratio = (anchor - vp.from) / (vp.to - vp.from);
  const from = anchor - ratio * span;
  return { from: Math.round(from), to: Math.round(from + span) };
}

export function panBy(vp: Viewport, deltaMs: number): Viewport {
  return { from: Math.round(vp.from + deltaMs), to: Math.round(vp.to + deltaMs) };
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const STEPS = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 30 * D, 91 * D, 365 * D];

/** Offset of the display zone from UTC at time t, in ms (0 for UTC). */
function zoneOffset(t: number, zone: DisplayZone): number {
  return zone === 'utc' ? 0 : -new Date(t).getTimezoneOffset() * M;
}

export function zoneLabel(zone: DisplayZone, at = Date.now()): string {
  if (zone === 'utc') return 'UTC';
  const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName');
  return name?.value ?? 'local';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Wall-clock parts of t in the zone (via a shifted UTC date: no Intl in the hot path). */
function wall(t: number, zone: DisplayZone): Date {
  return new Date(t + zoneOffset(t, zone));
}

export function formatTick(t: number, step: number, zone: DisplayZone): string {
  const d = wall(t, zone);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (step >= D) return date;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (step >= M) return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? date : hm;
  return `${hm}:${pad(d.getUTCSeconds())}`;
}

/** Full time with zone, for tooltips and the header: 2025-03-01 12:00:05 UTC. */
export function formatInstant(t: number, zone: DisplayZone): string {
  const d = wall(t, zone);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zoneLabel(zone, t)}`;
}

export function formatSpan(ms: number): string {
  if (ms < M) return `${Math.round(ms / S)} s`;
  if (ms < H) return `${Math.round(ms / M)} min`;
  if (ms < 2 * D) return `${(ms / H).toFixed(ms < 10 * H ? 1 : 0)} h`;
  return `${(ms / D).toFixed(ms < 10 * D ? 1 : 0)} d`;
}

export interface Tick {
  readonly at: number;
  readonly label: string;
}

/** Ticks about `minPx` apart, on round steps of the zone's wall clock. */
export function ticks(vp: Viewport, width: number, zone: DisplayZone, minPx = 90): { step: number; ticks: Tick[] } {
  const span = vp.to - vp.from;
  const raw = (span / Math.max(1, width)) * minPx;
  const step = STEPS.find((s) => s >= raw) ?? STEPS[STEPS.length - 1]!;
  const out: Tick[] = [];
  const offset = zoneOffset(vp.from, zone);
  let t: number;
  if (step >= 30 * D) {
    const d = wall(vp.from, zone);
    const months = step >= 365 * D ? 12 : step >= 91 * D ? 3 : 1;
    let y = d.getUTCFullYear();
    let m = Math.floor(d.getUTCMonth() / months) * months;
    for (let i = 0; i < 400; i++) {
      t = Date.UTC(y, m, 1) - offset;
      if (t > vp.to) break;
      if (t >= vp.from) out.push({ at: t, label: formatTick(t, D, zone) });
      m += months;
      if (m >= 12) {
        m -= 12;
        y += 1;
      }
    }
    return { step, ticks: out };
  }
  t = Math.ceil((vp.from + offset) / step) * step - offset;
  for (let i = 0; t <= vp.to && i < 1000; i++, t += step) out.push({ at: t, label: formatTick(t, step, zone) });
  return { step, ticks: out };
}
