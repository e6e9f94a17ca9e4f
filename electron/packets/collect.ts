/**
 * Reads everything a packet shows about one case from the cache, in a fixed order, so the same
 * case always yields the same data. Tables are read by column name (`SELECT *`, then picked), so a
 * column added by a later migration does not break the packet. Fails with NOT_FOUND when the case
 * does not exist. Packet-export audit entries are excluded from the excerpt and the as-of time:
 * exporting must not change the next export (see docs/README-packets.md, "Determinism").
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { Db } from '../db/open.js';

export type Row = Record<string, unknown>;

export const PACKET_EXPORT_ACTION = 'packet.exported';

export interface SubjectRow {
  readonly id: string;
  readonly role: string;
  readonly created_at: number | null;
  readonly display_name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly country: string | null;
  readonly lifecycle_state: string | null;
  readonly risk_score: number | null;
  readonly kyc_status: string | null;
}

export interface EventRow {
  readonly id: string;
  readonly account_id: string;
  readonly occurred_at: number;
  readonly type: string;
  readonly ip: string | null;
  readonly device: string | null;
  readonly amount: number | null;
  readonly attrs: string;
}

export interface EvidenceRow {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly created_at: number;
  readonly created_by: string;
  readonly sha256: string | null;
  readonly payload: Row;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly tz: string;
  readonly actor: string;
  readonly action: string;
  readonly entity_type: string;
  readonly entity_id: string;
  readonly payload: unknown;
  readonly hash: string;
}

export interface CaseData {
  readonly kase: Row;
  readonly subjects: SubjectRow[];
  readonly identifiers: Row[];
  readonly events: EventRow[];
  /** Relations with both ends among the subjects. */
  readonly relations: Row[];
  readonly decisions: Row[];
  readonly appeals: Row[];
  readonly notes: Row[];
  readonly evidence: EvidenceRow[];
  readonly audit: AuditRow[];
  readonly syncRuns: Row[];
  /** The packet's time: the newest audit entry of the case (exports excluded), else opened_at. */
  readonly asOf: {
    readonly at: number;
    readonly tz: string;
    readonly seq: number | null;
    readonly hash: string | null;
  };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function inList(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/**
 * The subjects table of a packet, in order: its CSV header, its title in the report, and the
 * cell (`time` formats the creation time: ISO 8601 in the CSV, a readable UTC time in the report).
 */
export const SUBJECT_COLUMNS: readonly {
  readonly csv: string;
  readonly title: string;
  readonly cell: (s: SubjectRow, time: (ms: unknown) => string) => unknown;
}[] = [
  { csv: 'account_id', title: 'Account', cell: (s) => s.id },
  { csv: 'role', title: 'Role', cell: (s) => s.role },
  { csv: 'display_name', title: 'Name', cell: (s) => s.display_name },
  { csv: 'email', title: 'Email', cell: (s) => s.email },
  { csv: 'phone', title: 'Phone', cell: (s) => s.phone },
  { csv: 'country', title: 'Country', cell: (s) => s.country },
  { csv: 'created_at', title: 'Created', cell: (s, time) => time(s.created_at) },
  { csv: 'lifecycle_state', title: 'Lifecycle', cell: (s) => s.lifecycle_state },
  { csv: 'kyc_status', title: 'KYC', cell: (s) => s.kyc_status },
  { csv: 'risk_score', title: 'Risk', cell: (s) => s.risk_score },
];

/** All rows of `sql` for ids, chunked so a case with thousands of subjects stays under SQLite's bind limit. */
function chunked<T>(
  db: Db,
  sql: (placeholders: string) => string,
  ids: readonly string[],
  extra: readonly unknown[] = [],
): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    out.push(...(db.prepare(sql(inList(part.length))).all(...extra, ...part) as T[]));
  }
  return out;
}

export function collectCase(db: Db, caseId: string): CaseData {
  const kase = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row | undefined;
  if (!kase)
    throw new RingsideError(
      'NOT_FOUND',
      `No case ${caseId}. Check the id in the Cases screen or with \`ringside cases\`.`,
    );
  const subjectRows = db
    .prepare('SELECT account_id, role FROM case_subjects WHERE case_id = ? ORDER BY account_id')
    .all(caseId) as {
    account_id: string;
    role: string;
  }[];
  const ids = subjectRows.map((s) => s.account_id);
  const accounts = new Map(
    chunked<Row>(db, (p) => `SELECT * FROM accounts WHERE id IN (${p})`, ids).map((a) => [String(a['id']), a]),
  );
  const subjects: SubjectRow[] = subjectRows.map(({ account_id, role }) => {
    const a = accounts.get(account_id) ?? {};
    const attrs = (parseJson(a['attrs']) ?? {}) as Row;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      id: account_id,
      role,
      created_at: typeof a['created_at'] === 'number' ? a['created_at'] : null,
      display_name: str(a['display_name']),
      email: str(a['email']),
      phone: str(a['phone']),
      country: str(a['country']),
      lifecycle_state: str(a['lifecycle_state']),
      risk_score: typeof a['risk_score'] === 'number' ? a['risk_score'] : null,
      kyc_status: str(attrs['kyc_status']),
    };
  });
  const identifiers = chunked<Row>(
    db,
    (p) => `SELECT account_id, kind, value, first_seen, last_seen FROM identifiers WHERE account_id IN (${p})`,
    ids,
  ).sort((a, b) => cmp(a['account_id'], b['account_id']) || cmp(a['kind'], b['kind']) || cmp(a['value'], b['value']));
  const events = chunked<EventRow>(
    db,
    (p) => `SELECT id, account_id, occurred_at, type, ip, device, amount, attrs FROM events WHERE account_id IN (${p})`,
    ids,
  ).sort((a, b) => a.occurred_at - b.occurred_at || cmp(a.id, b.id));
  const subjectSet = new Set(ids);
  const relations = chunked<Row>(db, (p) => `SELECT * FROM relations WHERE src_account_id IN (${p})`, ids)
    .filter((r) => subjectSet.has(String(r['dst_account_id'])))
    .map((r): Row => ({ ...r, attrs: parseJson(r['attrs']) }))
    .sort((a, b) => cmp(a['occurred_at'], b['occurred_at']) || cmp(a['id'], b['id']));
  const decisions = (
    db.prepare('SELECT * FROM decisions WHERE case_id = ? ORDER BY decided_at, id').all(caseId) as Row[]
  ).map((r): Row => ({ ...r, attrs: parseJson(r['attrs']) }));
  const decisionIds = decisions.map((d) => String(d['id']));
  const appeals = chunked<Row>(db, (p) => `SELECT * FROM appeals WHERE decision_id IN (${p})`, decisionIds).sort(
    (a, b) => cmp(a['opened_at'], b['opened_at']) || cmp(a['id'], b['id']),
  );
  const notes = db.prepare('SELECT * FROM notes WHERE case_id = ? ORDER BY created_at, id').all(caseId) as Row[];
  const evidence = (db.prepare('SELECT * FROM evidence_items WHERE case_id = ? ORDER BY id').all(caseId) as Row[]).map(
    (e) => ({
      id: Number(e['id']),
      kind: String(e['kind']),
      title: String(e['title']),
      created_at: Number(e['created_at']),
      created_by: String(e['created_by']),
      sha256: typeof e['sha256'] === 'string' ? e['sha256'] : null,
      payload: (parseJson(e['payload']) ?? {}) as Row,
    }),
  );
  const audit = chunked<Row>(
    db,
    (p) =>
      `SELECT seq, at, tz, actor, action, entity_type, entity_id, payload, hash FROM audit_log WHERE action <> ? AND entity_id IN (${p})`,
    [caseId, ...decisionIds, ...appeals.map((a) => String(a['id']))],
    [PACKET_EXPORT_ACTION],
  )
    .sort((a, b) => Number(a['seq']) - Number(b['seq']))
    .map((r) => ({ ...(r as unknown as AuditRow), payload: parseJson(r['payload']) }));
  const syncRuns = db
    .prepare(
      `SELECT r.id, s.name AS source, r.started_at, r.finished_at, r.status, r.rows_inserted, r.rows_updated, r.rows_deleted
       FROM sync_runs r LEFT JOIN sync_sources s ON s.id = r.source_id
       WHERE r.status IN ('succeeded', 'partial') ORDER BY r.id`,
    )
    .all() as Row[];
  const last = audit[audit.length - 1];
  const asOf = last
    ? { at: last.at, tz: last.tz, seq: last.seq, hash: last.hash }
    : { at: Number(kase['opened_at']), tz: 'UTC', seq: null, hash: null };
  return {
    kase: { ...kase, attrs: parseJson(kase['attrs']) },
    subjects,
    identifiers,
    events,
    relations,
    decisions,
    appeals,
    notes,
    evidence,
    audit,
    syncRuns,
    asOf,
  };
}

export function cmp(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}
