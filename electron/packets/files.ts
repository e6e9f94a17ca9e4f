/**
 * The packet's payload files (everything under data/ except the rendered PDF and PNGs), rendered
 * from the redacted model. Paths are fixed and the list is sorted, so the bag is deterministic.
 */
import { csvDocument } from '../../shared/packets/csv.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import { SUBJECT_COLUMNS } from './collect.js';
import type { PacketModel } from './model.js';
import { reportHtml } from './report.js';

export type FileMap = Map<string, Uint8Array>;

const enc = new TextEncoder();

function iso(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

function rowsOf(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  times: readonly string[] = [],
): unknown[][] {
  return rows.map((r) => columns.map((c) => (times.includes(c) ? iso(r[c]) : r[c])));
}

export function textFiles(m: PacketModel): FileMap {
  const d = m.data;
  const files: FileMap = new Map();
  const put = (path: string, text: string) => files.set(path, enc.encode(text));
  put('data/report.html', reportHtml(m));
  put('data/graph.svg', m.graphSvg);
  put('data/timeline.svg', m.timelineSvg);
  put(
    'data/subjects.csv',
    csvDocument(
      SUBJECT_COLUMNS.map((c) => c.csv),
      d.subjects.map((s) => SUBJECT_COLUMNS.map((c) => c.cell(s, iso))),
    ),
  );

  put(
    'data/identifiers.csv',
    csvDocument(
      ['account_id', 'kind', 'value', 'first_seen', 'last_seen'],
      rowsOf(d.identifiers, ['account_id', 'kind', 'value', 'first_seen', 'last_seen'], ['first_seen', 'last_seen']),
    ),
  );
  put(
    'data/events.csv',
    csvDocument(
      ['id', 'account_id', 'occurred_at', 'type', 'ip', 'device', 'amount', 'attrs'],
      d.events.map((e) => [e.id, e.account_id, iso(e.occurred_at), e.type, e.ip, e.device, e.amount, e.attrs]),
    ),
  );
  put(
    'data/shared_identifiers.csv',
    csvDocument(
      ['kind', 'value', 'subjects_sharing', 'accounts_overall', 'hub', 'subjects'],
      m.linkage.shared.map((s) => [s.kind, s.value, s.subjects.length, s.accountsOverall, s.hub, s.subjects.join(' ')]),
    ),
  );
  put(
    'data/relations.csv',
    csvDocument(
      ['src_account_id', 'dst_account_id', 'kind', 'occurred_at', 'amount'],
      m.linkage.relations.map((r) => [r.src, r.dst, r.kind, iso(r.occurredAt), r.amount]),
    ),
  );
  const decisionCols = [
    'id',
    'account_id',
    'policy',
    'tier',
    'sanction',
    'lifecycle_from',
    'lifecycle_to',
    'effective_at',
    'ends_at',
    'decided_by',
    'decided_at',
    'status',
    'approved_by',
    'approved_at',
    'appeal_outcome',
    'rationale',
  ];
  put(
    'data/decisions.csv',
    csvDocument(
      decisionCols,
      rowsOf(d.decisions, decisionCols, ['effective_at', 'ends_at', 'decided_at', 'approved_at']),
    ),
  );
  const appealCols = [
    'id',
    'decision_id',
    'opened_at',
    'opened_by',
    'reason',
    'status',
    'reviewer',
    'outcome',
    'rationale',
    'decided_at',
  ];
  put('data/appeals.csv', csvDocument(appealCols, rowsOf(d.appeals, appealCols, ['opened_at', 'decided_at'])));
  put(
    'data/notes.csv',
    csvDocument(
      ['id', 'author', 'created_at', 'tz', 'body_md'],
      rowsOf(d.notes, ['id', 'author', 'created_at', 'tz', 'body_md'], ['created_at']),
    ),
  );
  put(
    'data/audit.csv',
    csvDocument(
      ['seq', 'at', 'tz', 'actor', 'action', 'entity_type', 'entity_id', 'payload', 'hash'],
      d.audit.map((a) => [
        a.seq,
        iso(a.at),
        a.tz,
        a.actor,
        a.action,
        a.entity_type,
        a.entity_id,
        canonicalJson(a.payload),
        a.hash,
      ]),
    ),
  );
  for (const e of m.evidence) {
    const item = d.evidence.find((x) => x.id === e.id);
    const payload = { ...(item?.payload ?? {}) };
    if (m.fields.length > 0) delete payload['png'];
    put(
      `data/evidence/${e.stem}.json`,
      `${JSON.stringify(sortKeys({ id: e.id, kind: e.kind, title: e.title, createdAt: iso(e.createdAt), createdBy: e.createdBy, payloadSha256: e.sha256, payload }), null, 2)}\n`,
    );
    if (e.csvPath) put(e.csvPath, csvDocument(e.columns, e.rows));
    if (e.svg) put(`data/evidence/${e.stem}.svg`, e.svg);
    if (e.pngDataUrl)
      files.set(
        `data/evidence/${e.stem}.png`,
        Buffer.from(e.pngDataUrl.slice('data:image/png;base64,'.length), 'base64'),
      );
  }
  return files;
}

/** Parses canonical JSON back so it can be pretty-printed with sorted keys. */
function sortKeys(value: unknown): unknown {
  return JSON.parse(canonicalJson(value));
}

/** Width and height declared on an SVG root (for rendering it to PNG at its own size). */
export function svgSize(svg: string): { width: number; height: number } {
  const w = /width='(\d+(?:\.\d+)?)'/.exec(svg)?.[1] ?? /width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  const h = /height='(\d+(?:\.\d+)?)'/.exec(svg)?.[1] ?? /height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  return { width: Number(w ?? 1000), height: Number(h ?? 600) };
}
