/**
 * Formatting of figures, sizes, durations and times. Stored times are UTC epoch milliseconds;
 * they are shown in UTC or the local zone per Settings, always with the zone named so a
 * screenshot in a case file is never ambiguous.
 */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : integer.format(n);
}

export function formatCompact(n: number): string {
  return n < 10000 ? integer.format(n) : compact.format(n);
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const pct = (part / whole) * 100;
  return `${pct < 10 && pct > 0 ? oneDecimal.format(pct) : integer.format(pct)}%`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? integer.format(value) : oneDecimal.format(value)} ${units[unit]}`;
}

/** 850 ms, 12.4 s, 3m 05s, 2h 04m. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${oneDecimal.format(s)} s`;
  const totalS = Math.round(s);
  const m = Math.floor(totalS / 60);
  if (m < 60) return `${m}m ${String(totalS % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export function formatRate(rate: number | null, unit: string): string {
  if (rate === null || !Number.isFinite(rate)) return '';
  return `${rate >= 100 ? formatCompact(rate) : oneDecimal.format(rate)} ${unit}/s`;
}

export function formatEta(etaMs: number | null): string {
  if (etaMs === null) return '';
  return `${formatDuration(Math.max(etaMs, 1000))} left`;
}

export type DisplayZone = 'utc' | 'local';

function parts(ms: number, zone: DisplayZone) {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone === 'utc' ? 'UTC' : undefined,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const out: Record<string, string> = {};
  for (const part of fmt.formatToParts(new Date(ms))) out[part.type] = part.value;
  return out;
}

/** 2024-05-01 13:45:12 UTC (ISO-like, sorts and reads the same everywhere). */
export function formatDateTime(ms: number | null, zone: DisplayZone): string {
  if (ms === null) return '—';
  const p = parts(ms, zone);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${zone === 'utc' ? 'UTC' : (p['timeZoneName'] ?? '')}`.trim();
}

export function formatDate(ms: number | null, zone: DisplayZone): string {
  if (ms === null) return '—';
  const p = parts(ms, zone);
  return `${p['year']}-${p['month']}-${p['day']}`;
}

/** "3 min ago", for recency at a glance; the exact time goes in the title attribute. */
export function formatAgo(ms: number | null, now = Date.now()): string {
  if (ms === null) return '—';
  const diff = Math.max(0, now - ms);
  if (diff < 45_000) return 'just now';
  const min = Math.round(diff / 60_000);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 36) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

/** Words from identifiers: reactivation_eligible -> Reactivation eligible. */
export function humanize(value: string): string {
  const text = value.replace(/[_.]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
