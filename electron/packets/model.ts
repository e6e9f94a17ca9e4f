/**
 * The packet model: collected case data, redacted, plus everything derived from it (linkage,
 * pictures, evidence sections, activity table). Every file of the packet is rendered from this
 * one object, so a redacting profile cannot leak through a file that forgot to redact.
 */
import type { PacketProfile, RedactableField } from '../../shared/contract/packets.js';
import { RINGSIDE_VERSION } from '../../shared/version.js';
import type { CaseData, Row } from './collect.js';
import { utc } from './format.js';
import type { Linkage } from './linkage.js';
import type { Redactor } from './redact.js';
import { graphSvg, timelineSvg } from './svg.js';

export interface EvidenceSection {
  readonly index: string;
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly sha256: string | null;
  readonly sql: string | null;
  readonly params: unknown;
  readonly meta: (readonly [string, unknown])[];
  readonly columns: string[];
  readonly rows: unknown[][];
  readonly csvPath: string | null;
  readonly svg: string | null;
  readonly pngDataUrl: string | null;
  readonly text: string | null;
  readonly omitted: string | null;
  /** File stem under data/evidence/ (`01-query`). */
  readonly stem: string;
}

export interface PacketModel {
  readonly profile: PacketProfile;
  readonly fields: readonly RedactableField[];
  readonly data: CaseData;
  readonly linkage: Linkage;
  readonly exporter: string;
  readonly tool: string;
  readonly asOfIso: string;
  readonly asOfText: string;
  readonly graphSvg: string;
  readonly timelineSvg: string;
  readonly eventTypes: string[];
  readonly activity: unknown[][];
  readonly evidence: EvidenceSection[];
}

export function buildModel(
  raw: CaseData,
  rawLinkage: Linkage,
  redactor: Redactor,
  profile: PacketProfile,
  exporter: string,
): PacketModel {
  const data = redactor.deep(raw);
  const linkage = redactor.deep(rawLinkage);
  const eventTypes = [...new Set(data.events.map((e) => e.type))].sort();
  const perSubject = new Map<string, { counts: Map<string, number>; first: number; last: number }>();
  for (const e of data.events) {
    const entry = perSubject.get(e.account_id) ?? {
      counts: new Map<string, number>(),
      first: e.occurred_at,
      last: e.occurred_at,
    };
    entry.counts.set(e.type, (entry.counts.get(e.type) ?? 0) + 1);
    entry.last = e.occurred_at;
    perSubject.set(e.account_id, entry);
  }
  const activity = data.subjects.map((s) => {
    const entry = perSubject.get(s.id);
    return [s.id, ...eventTypes.map((t) => entry?.counts.get(t) ?? 0), utc(entry?.first), utc(entry?.last)];
  });
  const asOfIso = new Date(data.asOf.at).toISOString();
  return {
    profile,
    fields: redactor.fields,
    data,
    linkage,
    exporter: redactor.text(exporter),
    tool: `Ringside ${RINGSIDE_VERSION}`,
    asOfIso,
    asOfText: `${utc(data.asOf.at)} (entry recorded in zone ${data.asOf.tz})`,
    graphSvg: graphSvg(data, linkage),
    timelineSvg: timelineSvg(data),
    eventTypes,
    activity,
    evidence: data.evidence.map((item, i) => evidenceSection(item, i, redactor.fields.length > 0)),
  };
}

function evidenceSection(item: CaseData['evidence'][number], i: number, redacting: boolean): EvidenceSection {
  const p: Row = item.payload;
  const index = String(i + 1).padStart(2, '0');
  const slug = item.kind.replace(/[^a-z]/g, '') || 'item';
  const stem = `${index}-${slug}`;
  const columns = Array.isArray(p['columns'])
    ? (p['columns'] as unknown[]).map((c) =>
        typeof c === 'string'
          ? c
          : typeof (c as { name?: unknown })?.name === 'string'
            ? (c as { name: string }).name
            : String(c),
      )
    : [];
  const rows = Array.isArray(p['rows'])
    ? (p['rows'] as unknown[]).map((r) =>
        Array.isArray(r) ? r : columns.map((c) => (r as Record<string, unknown> | null)?.[c] ?? null),
      )
    : [];
  const png = typeof p['png'] === 'string' && p['png'].startsWith('data:image/png;base64,') ? p['png'] : null;
  const svg = typeof p['svg'] === 'string' ? p['svg'] : null;
  const known = new Set(['sql', 'params', 'columns', 'rows', 'svg', 'png', 'body', 'text']);
  const meta = Object.keys(p)
    .filter((key) => !known.has(key))
    .sort()
    .map((key) => [key, key.endsWith('At') && typeof p[key] === 'number' ? utc(p[key]) : p[key]] as const);
  const text = typeof p['body'] === 'string' ? p['body'] : typeof p['text'] === 'string' ? p['text'] : null;
  return {
    index,
    id: item.id,
    kind: item.kind,
    title: item.title,
    createdAt: item.created_at,
    createdBy: item.created_by,
    sha256: item.sha256,
    sql: typeof p['sql'] === 'string' ? p['sql'] : null,
    params: p['params'],
    meta,
    columns,
    rows,
    csvPath: columns.length ? `data/evidence/${stem}.csv` : null,
    svg,
    // A raster image cannot be redacted: under a redacting profile it is left out, and said so.
    pngDataUrl: redacting ? null : png,
    text,
    omitted:
      png && redacting && !svg
        ? 'The raster image of this item is left out: pixels cannot be redacted. Export with the internal profile to include it.'
        : null,
    stem,
  };
}
