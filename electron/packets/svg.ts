/**
 * The packet's two pictures, drawn on the server as plain SVG with a deterministic layout (no
 * force simulation, no randomness, no clock): the same data gives the same bytes.
 *  - graph.svg: a bipartite drawing, subjects on the left, the identifiers they share on the
 *    right (coloured by kind; hubs dashed), relations between subjects as arcs on the left.
 *  - timeline.svg: a lane per subject, events binned per pixel column and coloured by type (so
 *    50k events stay a few thousand marks), decision markers, a UTC day axis.
 */
import type { CaseData } from './collect.js';
import { colourFor, esc, utcDay } from './format.js';
import type { Linkage } from './linkage.js';

const FONT = "font-family='Helvetica, Arial, sans-serif'";
const MAX_ROWS = 60;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function graphSvg(data: CaseData, linkage: Linkage): string {
  const subjects = data.subjects.slice(0, MAX_ROWS).map((s) => s.id);
  const shown = linkage.shared.slice(0, MAX_ROWS);
  const kinds = [...new Set(linkage.shared.map((s) => s.kind))].sort();
  const rowH = 22;
  const top = 70;
  const rows = Math.max(subjects.length, shown.length, 1);
  const width = 900;
  const height = top + rows * rowH + 60;
  const leftX = 260;
  const rightX = 560;
  const y = (i: number, n: number) => top + ((rows - n) * rowH) / 2 + i * rowH + rowH / 2;
  const subjectY = new Map(subjects.map((id, i) => [id, y(i, subjects.length)]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' ${FONT} font-size='12'>`,
  );
  parts.push(`<rect width='${width}' height='${height}' fill='#ffffff'/>`);
  parts.push(
    `<text x='20' y='28' font-size='16' font-weight='bold' fill='#111'>Case ${esc(data.kase['id'])}: subjects and the identifiers they share</text>`,
  );
  parts.push(
    `<text x='20' y='48' fill='#555'>${data.subjects.length} subjects, ${linkage.shared.length} shared identifiers, ${linkage.relations.length} relations between subjects${data.subjects.length > MAX_ROWS || linkage.shared.length > MAX_ROWS ? ` (first ${MAX_ROWS} of each drawn)` : ''}</text>`,
  );
  shown.forEach((s, i) => {
    const iy = y(i, shown.length);
    const colour = colourFor(s.kind, kinds);
    for (const subject of s.subjects) {
      const sy = subjectY.get(subject);
      if (sy === undefined) continue;
      parts.push(
        `<line x1='${leftX}' y1='${sy}' x2='${rightX}' y2='${iy}' stroke='${colour}' stroke-width='1.2' stroke-opacity='0.7'${s.hub ? " stroke-dasharray='4 3'" : ''}/>`,
      );
    }
  });
  linkage.relations.forEach((r) => {
    const a = subjectY.get(r.src);
    const b = subjectY.get(r.dst);
    if (a === undefined || b === undefined || a === b) return;
    const bulge = leftX - 40 - Math.min(80, Math.abs(b - a) / 4);
    parts.push(
      `<path d='M ${leftX - 6} ${a} C ${bulge} ${a}, ${bulge} ${b}, ${leftX - 6} ${b}' fill='none' stroke='#D55E00' stroke-width='1.2'/>`,
    );
  });
  subjects.forEach((id) => {
    const sy = subjectY.get(id) ?? 0;
    parts.push(`<circle cx='${leftX}' cy='${sy}' r='6' fill='#111'/>`);
    parts.push(`<text x='${leftX - 90}' y='${sy + 4}' text-anchor='end' fill='#111'>${esc(truncate(id, 28))}</text>`);
  });
  shown.forEach((s, i) => {
    const iy = y(i, shown.length);
    const colour = colourFor(s.kind, kinds);
    parts.push(
      `<rect x='${rightX - 6}' y='${iy - 6}' width='12' height='12' fill='${s.hub ? '#fff' : colour}' stroke='${colour}' stroke-width='2'/>`,
    );
    parts.push(
      `<text x='${rightX + 14}' y='${iy + 4}' fill='#111'>${esc(truncate(s.value, 30))} <tspan fill='#666'>${esc(s.kind)} · ${s.subjects.length} subj · ${s.accountsOverall} acct${s.hub ? ' · hub' : ''}</tspan></text>`,
    );
  });
  let lx = 20;
  const ly = height - 22;
  for (const kind of kinds) {
    parts.push(
      `<rect x='${lx}' y='${ly - 9}' width='10' height='10' fill='${colourFor(kind, kinds)}'/><text x='${lx + 14}' y='${ly}' fill='#333'>${esc(kind)}</text>`,
    );
    lx += 24 + kind.length * 7;
  }
  parts.push(
    `<path d='M ${lx} ${ly - 4} h 24' stroke='#D55E00' stroke-width='1.5'/><text x='${lx + 28}' y='${ly}' fill='#333'>relation</text>`,
  );
  lx += 90;
  parts.push(
    `<path d='M ${lx} ${ly - 4} h 24' stroke='#555' stroke-dasharray='4 3'/><text x='${lx + 28}' y='${ly}' fill='#333'>hub (shared by ≥30 accounts: weak link)</text>`,
  );
  parts.push('</svg>\n');
  return parts.join('\n');
}

export function timelineSvg(data: CaseData): string {
  const lanes = data.subjects.slice(0, MAX_ROWS).map((s) => s.id);
  const laneIndex = new Map(lanes.map((id, i) => [id, i]));
  const types = [...new Set(data.events.map((e) => e.type))].sort();
  const decisionTimes = data.decisions.map((d) => Number(d['decided_at'])).filter(Number.isFinite);
  const times = [...data.events.map((e) => e.occurred_at), ...decisionTimes];
  const min = times.length ? Math.min(data.events[0]?.occurred_at ?? Infinity, ...decisionTimes) : 0;
  const max = times.length
    ? Math.max(data.events[data.events.length - 1]?.occurred_at ?? -Infinity, ...decisionTimes)
    : 1;
  const span = Math.max(1, max - min);
  const left = 200;
  const plotW = 900;
  const laneH = 18;
  const top = 64;
  const width = left + plotW + 30;
  const height = top + Math.max(1, lanes.length) * laneH + 70;
  const x = (t: number) => left + Math.round(((t - min) / span) * (plotW - 1));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' ${FONT} font-size='11'>`,
  );
  parts.push(`<rect width='${width}' height='${height}' fill='#ffffff'/>`);
  parts.push(
    `<text x='20' y='26' font-size='16' font-weight='bold' fill='#111'>Case ${esc(data.kase['id'])}: timeline (UTC)</text>`,
  );
  parts.push(
    `<text x='20' y='44' fill='#555'>${data.events.length.toLocaleString('en-US')} events of ${data.subjects.length} subjects${data.subjects.length > MAX_ROWS ? ` (first ${MAX_ROWS} lanes drawn)` : ''}; one mark per type per pixel column</text>`,
  );
  lanes.forEach((id, i) => {
    const ly = top + i * laneH;
    if (i % 2 === 0) parts.push(`<rect x='${left}' y='${ly}' width='${plotW}' height='${laneH}' fill='#f4f5f7'/>`);
    parts.push(`<text x='${left - 8}' y='${ly + 13}' text-anchor='end' fill='#111'>${esc(truncate(id, 26))}</text>`);
  });
  const marks = new Set<string>();
  for (const e of data.events) {
    const lane = laneIndex.get(e.account_id);
    if (lane === undefined) continue;
    const key = `${lane}|${x(e.occurred_at)}|${e.type}`;
    if (marks.has(key)) continue;
    marks.add(key);
  }
  const sortedMarks = [...marks].sort();
  for (const key of sortedMarks) {
    const [lane, px, type] = key.split('|') as [string, string, string];
    const slot = types.indexOf(type) % 3;
    const ly = top + Number(lane) * laneH + 3 + slot * 4;
    parts.push(`<rect x='${px}' y='${ly}' width='2' height='5' fill='${colourFor(type, types)}'/>`);
  }
  for (const d of data.decisions) {
    const lane = laneIndex.get(String(d['account_id']));
    const t = Number(d['decided_at']);
    if (lane === undefined || !Number.isFinite(t)) continue;
    const px = x(t);
    const ly = top + lane * laneH;
    parts.push(`<path d='M ${px} ${ly + 2} l 5 7 l -5 7 l -5 -7 z' fill='#C00' stroke='#fff'/>`);
  }
  const axisY = top + Math.max(1, lanes.length) * laneH + 4;
  parts.push(`<line x1='${left}' y1='${axisY}' x2='${left + plotW}' y2='${axisY}' stroke='#333'/>`);
  for (let i = 0; i <= 6; i++) {
    const t = min + (span * i) / 6;
    const px = x(t);
    parts.push(
      `<line x1='${px}' y1='${axisY}' x2='${px}' y2='${axisY + 5}' stroke='#333'/><text x='${px}' y='${axisY + 17}' text-anchor='middle' fill='#333'>${utcDay(t)}</text>`,
    );
  }
  let lx = left;
  const ly = height - 16;
  for (const type of types) {
    parts.push(
      `<rect x='${lx}' y='${ly - 9}' width='10' height='10' fill='${colourFor(type, types)}'/><text x='${lx + 14}' y='${ly}' fill='#333'>${esc(type)}</text>`,
    );
    lx += 24 + type.length * 6.5;
  }
  parts.push(
    `<path d='M ${lx + 5} ${ly - 10} l 5 7 l -5 7 l -5 -7 z' fill='#C00'/><text x='${lx + 14}' y='${ly}' fill='#333'>decision</text>`,
  );
  parts.push('</svg>\n');
  return parts.join('\n');
}
