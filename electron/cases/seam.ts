/**
 * Creating cases, adding subjects and pinning evidence: the operations other screens use (graph,
 * timeline, SQL). Each runs in one transaction with its audit entry, so a change never exists
 * without its record. Failure modes: unknown accounts or case -> NOT_FOUND naming them;
 * a closed case refuses new subjects and evidence -> CONFLICT.
 */
import { createHash } from 'node:crypto';
import { RingsideError } from '../../shared/contract/errors.js';
import type { CaseSummary, EvidenceItemInfo } from '../../shared/contract/cases.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import type { Db } from '../db/open.js';
import { appendAudit } from '../audit/audit.js';
import { SLA_HOURS_BY_PRIORITY, slaState } from './sla.js';

const CASE_COLUMNS = `c.id, c.title, c.status, c.priority, c.severity, c.policy, c.assignee,
  c.opened_at AS openedAt, c.sla_due_at AS slaDueAt, c.origin, c.origin_rule AS originRule, c.updated_at AS updatedAt,
  (SELECT count(*) FROM case_subjects cs WHERE cs.case_id = c.id) AS subjects`;

type CaseRow = Omit<CaseSummary, 'slaState'>;

export function toSummary(row: CaseRow, now = Date.now()): CaseSummary {
  return { ...row, slaState: slaState(row.status, row.openedAt, row.slaDueAt, now) };
}

export function getCase(db: Db, caseId: string): CaseSummary {
  const row = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = ?`).get(caseId) as CaseRow | undefined;
  if (!row) throw new RingsideError('NOT_FOUND', `No case ${caseId}.`);
  return toSummary(row);
}

function assertAccountsExist(db: Db, accounts: readonly string[]): void {
  const exists = db.prepare('SELECT 1 FROM accounts WHERE id = ?').pluck();
  const missing = accounts.filter((id) => exists.get(id) === undefined);
  if (missing.length > 0) {
    throw new RingsideError('NOT_FOUND', `Unknown account${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}.`, { missing });
  }
}

function nextCaseId(db: Db): string {
  const last = db.prepare("SELECT id FROM cases WHERE origin = 'ringside' AND id LIKE 'RS-%' ORDER BY id DESC LIMIT 1").pluck().get() as
    | string
    | undefined;
  const n = last ? Number(last.slice(3)) + 1 : 1;
  return `RS-${String(n).padStart(5, '0')}`;
}

export interface CreateCaseInput {
  readonly title: string;
  readonly subjects: readonly string[];
  readonly policy?: string | undefined;
  readonly severity?: string | undefined;
  readonly priority: string;
  readonly origin: { readonly kind: string; readonly ref?: string | undefined };
}

export function createCase(db: Db, input: CreateCaseInput, actor: string, now = Date.now()): CaseSummary {
  const subjects = [...new Set(input.subjects)];
  return db.transaction(() => {
    assertAccountsExist(db, subjects);
    const id = nextCaseId(db);
    const due = now + (SLA_HOURS_BY_PRIORITY[input.priority] ?? 168) * 3600_000;
    db.prepare(
      `INSERT INTO cases (id, title, status, priority, severity, policy, assignee, opened_at, sla_due_at, origin_rule, origin, updated_at, attrs)
       VALUES (?, ?, 'new', ?, ?, ?, NULL, ?, ?, NULL, 'ringside', ?, ?)`,
    ).run(id, input.title, input.priority, input.severity ?? null, input.policy ?? null, now, due, now, canonicalJson({ createdFrom: input.origin }));
    const addSubject = db.prepare("INSERT INTO case_subjects (case_id, account_id, role) VALUES (?, ?, 'subject')");
    for (const account of subjects) addSubject.run(id, account);
    appendAudit(db, {
      actor,
      action: 'case.created',
      entityType: 'case',
      entityId: id,
      payload: { title: input.title, subjects, policy: input.policy ?? null, severity: input.severity ?? null, priority: input.priority, origin: input.origin },
      at: now,
    });
    return getCase(db, id);
  })();
}

function assertOpen(kase: CaseSummary): void {
  if (kase.status === 'closed') throw new RingsideError('CONFLICT', `Case ${kase.id} is closed; reopen it before changing it.`);
}

export function addSubjects(db: Db, caseId: string, accounts: readonly string[], actor: string): { added: number; alreadyPresent: number } {
  const unique = [...new Set(accounts)];
  return db.transaction(() => {
    assertOpen(getCase(db, caseId));
    assertAccountsExist(db, unique);
    const insert = db.prepare("INSERT INTO case_subjects (case_id, account_id, role) VALUES (?, ?, 'subject') ON CONFLICT DO NOTHING");
    const added = unique.filter((account) => insert.run(caseId, account).changes === 1);
    if (added.length > 0) {
      db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(Date.now(), caseId);
      appendAudit(db, { actor, action: 'case.subjects_added', entityType: 'case', entityId: caseId, payload: { accounts: added } });
    }
    return { added: added.length, alreadyPresent: unique.length - added.length };
  })();
}

export interface EvidenceInput {
  readonly caseId: string;
  readonly kind: EvidenceItemInfo['kind'];
  readonly title: string;
  readonly payload: Record<string, unknown>;
}

export function addEvidence(db: Db, input: EvidenceInput, actor: string, now = Date.now()): EvidenceItemInfo {
  return db.transaction(() => {
    assertOpen(getCase(db, input.caseId));
    const payloadText = canonicalJson(input.payload);
    const sha256 = createHash('sha256').update(payloadText, 'utf8').digest('hex');
    const info = db
      .prepare('INSERT INTO evidence_items (case_id, kind, title, created_at, created_by, payload, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(input.caseId, input.kind, input.title, now, actor, payloadText, sha256);
    const id = Number(info.lastInsertRowid);
    db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(now, input.caseId);
    appendAudit(db, {
      actor,
      action: 'evidence.added',
      entityType: 'case',
      entityId: input.caseId,
      payload: { evidenceId: id, kind: input.kind, title: input.title, sha256 },
      at: now,
    });
    return { id, caseId: input.caseId, kind: input.kind, title: input.title, createdAt: now, createdBy: actor, sha256 };
  })();
}

export function listCases(
  db: Db,
  req: { search?: string | undefined; statuses?: readonly string[] | undefined; assignee?: string | undefined; offset: number; limit: number },
): { rows: CaseSummary[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (req.search) {
    where.push("(c.id LIKE :q ESCAPE '\\' OR c.title LIKE :q ESCAPE '\\')");
    params['q'] = `%${req.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  }
  if (req.statuses && req.statuses.length > 0) {
    where.push(`c.status IN (${req.statuses.map((_, i) => `:s${i}`).join(', ')})`);
    req.statuses.forEach((status, i) => (params[`s${i}`] = status));
  }
  if (req.assignee !== undefined) {
    where.push(req.assignee === '' ? 'c.assignee IS NULL' : 'c.assignee = :assignee');
    if (req.assignee !== '') params['assignee'] = req.assignee;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM cases c ${whereSql}`).pluck().get(params) as number;
  const rows = db
    .prepare(`SELECT ${CASE_COLUMNS} FROM cases c ${whereSql} ORDER BY c.sla_due_at IS NULL, c.sla_due_at, c.id LIMIT :limit OFFSET :offset`)
    .all({ ...params, limit: req.limit, offset: req.offset }) as CaseRow[];
  const now = Date.now();
  return { rows: rows.map((row) => toSummary(row, now)), total };
}
