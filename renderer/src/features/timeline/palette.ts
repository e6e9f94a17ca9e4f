/**
 * One colour per event type, shared by the canvas, the SVG export and the legend, so a colour
 * means the same thing everywhere. Known types have fixed, distinguishable hues that read on
 * light and dark backgrounds; unknown types get a stable hue from their name.
 */
const KNOWN: Record<string, string> = {
  signup: '#2f9e6e',
  kyc_check: '#7b8794',
  login: '#4c7bf0',
  password_reset: '#d9480f',
  payout_method_change: '#c2255c',
  payout: '#e8a317',
  task_submit: '#6e56cf',
  enforcement: '#e03131',
  referral: '#0c8599',
};

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function typeColour(type: string): string {
  return KNOWN[type] ?? `hsl(${hash(type) % 360} 55% 52%)`;
}

/** Pattern and marker colours (fixed, not themed: they must survive an SVG export as-is). */
export const PATTERN_COLOURS = {
  lockstep: '#f59f00',
  burst: '#e03131',
  case: '#3d63dd',
  decision: '#9c36b5',
  enforcement: '#e03131',
} as const;

/** The theme's colours the canvas needs, read from the CSS variables when the theme changes. */
export interface CanvasTheme {
  readonly surface: string;
  readonly surface2: string;
  readonly border: string;
  readonly borderStrong: string;
  readonly text: string;
  readonly muted: string;
  readonly faint: string;
  readonly accent: string;
  readonly accentSoft: string;
  readonly font: string;
  readonly mono: string;
}

export function readCanvasTheme(): CanvasTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    surface: v('--surface', '#ffffff'),
    surface2: v('--surface-2', '#f9fafb'),
    border: v('--border', '#e2e5e9'),
    borderStrong: v('--border-strong', '#cdd2d8'),
    text: v('--text', '#1a1d21'),
    muted: v('--text-muted', '#5b636d'),
    faint: v('--text-faint', '#8a929c'),
    accent: v('--accent', '#3d63dd'),
    accentSoft: v('--accent-soft', '#e6edfe'),
    font: v('--font-ui', 'system-ui, sans-serif'),
    mono: v('--font-mono', 'monospace'),
  };
}
