/**
 * Cytoscape stylesheet built from the app's CSS variables, so light and dark themes match the
 * rest of the UI. Accounts are coloured by lifecycle state with a risk ring (border width), edges
 * by link kind; labels keep a background so they stay legible over edges.
 */
import type { StylesheetJson } from 'cytoscape';

export const KIND_COLOURS: Readonly<Record<string, string>> = {
  device: '#3d63dd',
  payment_instrument: '#c2410c',
  bank_account: '#b45309',
  phone: '#0f766e',
  email: '#7c3aed',
  address: '#4d7c0f',
  ip: '#64748b',
  referral: '#db2777',
  payment: '#dc2626',
};

export const STATE_COLOURS: Readonly<Record<string, string>> = {
  active: '#5b8def',
  suspended: '#e0962b',
  reactivation_eligible: '#a78bfa',
  offboarded: '#d9434f',
};

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function graphStylesheet(large: boolean): StylesheetJson {
  const text = cssVar('--text', '#1a1d21');
  const surface = cssVar('--surface', '#ffffff');
  const muted = cssVar('--text-faint', '#8a929c');
  const accent = cssVar('--accent', '#3d63dd');
  const kindRules = Object.entries(KIND_COLOURS).map(([kind, colour]) => ({
    selector: `edge[kind = "${kind}"], node[kind = "${kind}"]`,
    style: { 'line-color': colour, 'background-color': colour },
  }));
  const stateRules = Object.entries(STATE_COLOURS).map(([state, colour]) => ({
    selector: `node[type = "account"][state = "${state}"]`,
    style: { 'background-color': colour },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: large ? '' : 'data(label)',
        'font-size': 10,
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace',
        color: text,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-background-color': surface,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
        width: 18,
        height: 18,
        'border-color': text,
        'border-width': 0,
      },
    },
    { selector: 'node[type = "account"]', style: { 'border-width': 'mapData(risk, 0, 1, 0, 4)', 'border-color': '#b91c1c' } },
    ...stateRules,
    {
      selector: 'node[type = "identifier"]',
      style: { shape: 'round-diamond', width: 12, height: 12, 'font-size': 8, color: muted, label: large ? '' : 'data(short)' },
    },
    { selector: 'node[?hub]', style: { shape: 'round-octagon', width: 16, height: 16, 'background-opacity': 0.5 } },
    { selector: 'node[depth = 0][type = "account"]', style: { width: 24, height: 24 } },
    // Aggregated views: a group (ring, or linked accounts outside rings) sized by its members and
    // shaded from blue to red by the share of them not active; links between groups as one edge.
    {
      selector: 'node[type = "group"]',
      style: {
        shape: 'ellipse',
        width: 'mapData(count, 2, 60, 16, 56)',
        height: 'mapData(count, 2, 60, 16, 56)',
        'background-color': `mapData(share, 0, 1, ${STATE_COLOURS['active']}, ${STATE_COLOURS['offboarded']})`,
        'background-opacity': 0.8,
        'border-width': 'mapData(risk, 0, 1, 0, 4)',
        'border-color': '#b91c1c',
        label: 'data(label)',
        'font-size': 9,
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'mapData(weight, 0, 3, 1, 4)',
        'curve-style': large ? 'haystack' : 'bezier',
        opacity: 0.75,
        'line-color': muted,
      },
    },
    ...kindRules,
    { selector: 'edge[kind = "referral"], edge[kind = "payment"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
    { selector: 'edge[?membership]', style: { width: 1, opacity: 0.5 } },
    { selector: 'edge[?aggregate]', style: { width: 'mapData(count, 1, 40, 1, 6)', 'line-color': muted, opacity: 0.45, 'curve-style': 'haystack' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': accent, 'overlay-opacity': 0 } },
    { selector: 'node.highlighted', style: { 'border-width': 4, 'border-color': '#facc15', width: 28, height: 28, 'z-index': 10 } },
    { selector: 'edge.path', style: { width: 5, opacity: 1, 'z-index': 9 } },
    { selector: '.faded', style: { opacity: 0.15 } },
  ];
}
