/**
 * Assignment, triage fields and notes: the small edits a queue needs, each audited in the same
 * transaction. Bulk forms are all-or-nothing. Failure modes: unknown case -> NOT_FOUND; closed
 * case -> CONFLICT (reopen it first).
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { CaseSummary } from '../../shared/contract/cases.js';
import type { Db } from '../db/open.js';
import { appendAudit, localZone } from '../audit/audit.js';
import { getCase } from './seam.js';
import { SLA_HOURS_BY_PRIORITY } from './sla.js';

function assertNotClosed(kase: CaseSummary): void {
  if (kase.status === 'closed') throw new RingsideError('CONFLICT', `Case ${kase.id} is closed; reopen it before changing it.`);
}

/** Assigns (or unassigns with null) every case; returns them updated. */
export function assignCases(db: Db, caseIds: readonly string[], assignee: string | null, actor: string): CaseSummary[] {
  return db.transaction(() =>
    caseIds.map((id) => {
      const kase = getCase(db, id);
      assertNotClosed(kase);
      if (kase.assignee === assignee) return kase;
      const now = Date.now();
      db.prepare('UPDATE cases SET assignee = ?, updated_at = ? WHERE id = ?').run(assignee, now, id);
      appendAudit(db, { actor, action: 'case.assigned', entityType: 'case', entityId: id, payload: { from: kase.assignee, to: assignee }, at: now });
      return getCase(db, id);
    }),
  )();
}

export interface CaseUpdate {
  readonly priority?: string | undefined;
  readonly severity?: string | null | undefined;
  readonly policy?: string | null | undefined;
  readonly title?: string | undefined;
}

/** Changes triage fields; a new priority re-computes the SLA due time from when the case opened. */
export function updateCases(db: Db, caseIds: readonly string[], update: CaseUpdate, actor: string): CaseSummary[] {
  return db.transaction(() =>
    caseIds.map((id) => {
      const kase = getCase(db, id);
      assertNotClosed(kase);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const now = Date.now();
      if (update.priority !== undefined && update.priority !== kase.priority) {
        const due = kase.openedAt + (SLA_HOURS_BY_PRIORITY[update.priority] ?? 168) * 3600_000;
        db.prepare('UPDATE cases SET priority = ?, sla_due_at = ? WHERE id = ?').run(update.priority, due, id);
        changes['priority'] = { from: kase.priority, to: update.priority };
      }
      if (update.severity !== undefined && update.severity !== kase.severity) {
        db.prepare('UPDATE cases SET severity = ? WHERE id = ?').run(update.severity, id);
        changes['severity'] = { from: kase.severity, to: update.severity };
      }
      if (update.policy !== undefined && update.policy !== kase.policy) {
        db.prepare('UPDATE cases SET policy = ? WHERE id = ?').run(update.policy, id);
        changes['policy'] = { from: kase.policy, to: update.policy };
      }
      if (update.title !== undefined && update.title !== kase.title) {
        db.prepare('UPDATE cases SET title = ? WHERE id = ?').run(update.title, id);
        changes['title'] = { from: kase.title, to: update.title };
      }
      if (Object.keys(changes).length === 0) return kase;
      db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(now, id);
      appendAudit(db, { actor, action: 'case.updated', entityType: 'case', entityId: id, payload: changes, at: now });
      return getCase(db, id);
    }),
  )();
}

export interface NoteInfo {
  readonly id: number;
  readonly caseId: string;
  readonly author: string;
  readonly createdAt: number;
  readonly tz: string;
  readonly bodyMd: string;
}

/** Appends a Markdown note (notes are never edited: a correction is a new note). */
export function addNote(db: Db, caseId: string, bodyMd: string, actor: string): NoteInfo {
  const body = bodyMd.trim();
  if (body === '') throw new RingsideError('BAD_REQUEST', 'A note cannot be empty.');
  return db.transaction(() => {
    assertNotClosed(getCase(db, caseId));
    const now = Date.now();
    const tz = localZone();
    const id = Number(db.prepare('INSERT INTO notes (case_id, author, created_at, tz, body_md) VALUES (?, ?, ?, ?, ?)').run(caseId, actor, now, tz, body).lastInsertRowid);
    db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(now, caseId);
    appendAudit(db, { actor, action: 'note.added', entityType: 'case', entityId: caseId, payload: { noteId: id, body }, at: now, tz });
    return { id, caseId, author: actor, createdAt: now, tz, bodyMd: body };
  })();
}
