/** Text helpers for packet files: HTML/XML escaping and UTC times (packets never use the local zone). */
export function esc(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value as number);
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** `2026-03-01 14:05:09 UTC`, or an em dash for a missing time. */
export function utc(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A stable colour per category, from a fixed palette (colour-blind friendly Okabe–Ito + greys). */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  '#7F7F7F',
  '#8C564B',
];

export function colourFor(category: string, order: readonly string[]): string {
  const i = order.indexOf(category);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length] ?? '#7F7F7F';
}
