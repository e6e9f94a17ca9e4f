/**
 * Everything the case workspace shows in one read: the case, its subjects (with lifecycle state
 * and standing prior sanctions), origin and linked rings, evidence, notes, decisions, appeals and
 * the full activity history (audit entries on the case, its decisions, appeals and the lifecycle
 * changes they caused). Failure: unknown case -> NOT_FOUND.
 */
import type { CaseDetail } from '../../shared/contract/cases.js';
import type { AuditEntryInfo } from '../../shared/contract/decisions.js';
import type { Db } from '../db/open.js';
import { appealsOfCase, decisionsOfCase } from './decisionRows.js';
import { getCase } from './seam.js';

interface AuditRow {
  seq: number;
  at: number;
  tz: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  payload: string;
  prevHash: string;
  hash: string;
}
const AUDIT_COLUMNS = 'seq, at, tz, actor, action, entity_type AS entityType, entity_id AS entityId, payload, prev_hash AS prevHash, hash';

export function toAuditEntry(row: AuditRow): AuditEntryInfo {
  let payload: unknown = row.payload;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    // Shown as stored; `audit verify` reports it.
  }
  return { ...row, payload };
}

export function listAudit(db: Db, q: { entityType?: string | undefined; entityId?: string | undefined; limit: number }): AuditEntryInfo[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.entityType) {
    where.push('entity_type = ?');
    params.push(q.entityType);
  }
  if (q.entityId) {
    where.push('entity_id = ?');
    params.push(q.entityId);
  }
  const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  return (db.prepare(sql).all(...params, q.limit) as AuditRow[]).map(toAuditEntry);
}

function parseAttrs(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function caseDetail(db: Db, caseId: string): CaseDetail {
  const summary = getCase(db, caseId);
  const attrs = parseAttrs((db.prepare('SELECT attrs FROM cases WHERE id = ?').pluck().get(caseId) as string | undefined) ?? '{}');
  const createdFrom = (attrs['createdFrom'] as CaseDetail['createdFrom'] | undefined) ?? null;
  const subjects = db
    .prepare(
      `SELECT a.id, a.display_name AS displayName, a.email, a.country, a.lifecycle_state AS lifecycleState, a.created_at AS createdAt, cs.role,
         (SELECT count(*) FROM decisions d WHERE d.account_id = a.id AND d.status = 'effective' AND d.sanction <> 'no_action'
            AND coalesce(d.appeal_outcome, '') NOT IN ('overturned', 'overturn')) AS priorSanctions
       FROM case_subjects cs JOIN accounts a ON a.id = cs.account_id WHERE cs.case_id = ? ORDER BY a.id`,
    )
    .all(caseId) as CaseDetail['subjectAccounts'][number][];
  const evidence = (
    db.prepare('SELECT id, case_id AS caseId, kind, title, created_at AS createdAt, created_by AS createdBy, sha256, payload FROM evidence_items WHERE case_id = ? ORDER BY id').all(caseId) as (Omit<CaseDetail['evidence'][number], 'payload'> & { payload: string })[]
  ).map((row) => ({ ...row, payload: parseAttrs(row.payload) }));
  const notes = db.prepare('SELECT id, case_id AS caseId, author, created_at AS createdAt, tz, body_md AS bodyMd FROM notes WHERE case_id = ? ORDER BY created_at, id').all(caseId) as CaseDetail['notes'][number][];
  const decisions = decisionsOfCase(db, caseId);
  const appeals = appealsOfCase(db, caseId);
  const rings = new Set<string>();
  if (createdFrom?.kind === 'ring' && createdFrom.ref) rings.add(createdFrom.ref);
  for (const item of evidence) {
    const ring = item.payload['ringId'] ?? item.payload['ring'];
    if (typeof ring === 'string' || typeof ring === 'number') rings.add(String(ring));
  }
  const activity = (
    db
      .prepare(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE (entity_type = 'case' AND entity_id = :id)
           OR (entity_type = 'decision' AND entity_id IN (SELECT id FROM decisions WHERE case_id = :id))
           OR (entity_type = 'appeal' AND entity_id IN (SELECT CAST(a.id AS TEXT) FROM appeals a JOIN decisions d ON d.id = a.decision_id WHERE d.case_id = :id))
           OR (entity_type = 'account' AND json_extract(payload, '$.caseId') = :id)
         ORDER BY seq DESC LIMIT 1000`,
      )
      .all({ id: caseId }) as AuditRow[]
  ).map(toAuditEntry);
  return { ...summary, createdFrom, linkedRings: [...rings], subjectAccounts: subjects, evidence, notes, decisions, appeals, activity };
}
