/**
 * The case lifecycle: new -> in_review -> escalated -> decided -> appealed -> closed, and only the
 * moves in CASE_TRANSITIONS. `decided` and `appealed` are entered only by recording a decision or
 * opening an appeal (so a case cannot claim a decision it does not have). Every move is audited.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { CaseSummary } from '../../shared/contract/cases.js';
import type { Db } from '../db/open.js';
import { appendAudit } from '../audit/audit.js';
import { getCase } from './seam.js';

export const CASE_TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  new: ['in_review', 'escalated', 'closed'],
  in_review: ['escalated', 'decided', 'closed'],
  escalated: ['in_review', 'decided', 'closed'],
  decided: ['appealed', 'closed', 'in_review'],
  appealed: ['decided', 'closed'],
  closed: ['in_review', 'appealed'],
};

/** Statuses only the decision and appeal services may enter. */
const SERVICE_ONLY: Readonly<Record<string, string>> = {
  decided: 'record a decision on it',
  appealed: 'open an appeal on one of its decisions',
};

/** Throws CONFLICT naming the case, both statuses and the allowed moves when a move is not allowed. */
export function assertTransition(kase: Pick<CaseSummary, 'id' | 'status'>, to: string): void {
  const allowed = CASE_TRANSITIONS[kase.status] ?? [];
  if (kase.status === to) throw new RingsideError('CONFLICT', `Case ${kase.id} is already ${to}.`);
  if (!allowed.includes(to)) {
    throw new RingsideError('CONFLICT', `Case ${kase.id} cannot move from ${kase.status} to ${to}. Allowed from ${kase.status}: ${allowed.join(', ') || 'none'}.`, {
      from: kase.status,
      to,
      allowed,
    });
  }
}

/**
 * Moves a case (inside the caller's transaction when `viaService`, which allows decided/appealed).
 * Closing needs a reason; returns the updated case.
 */
export function moveCase(db: Db, caseId: string, to: string, actor: string, opts: { reason?: string | undefined; viaService?: boolean } = {}): CaseSummary {
  const kase = getCase(db, caseId);
  assertTransition(kase, to);
  const serviceHint = SERVICE_ONLY[to];
  if (serviceHint && !opts.viaService) throw new RingsideError('CONFLICT', `Case ${caseId} becomes ${to} when you ${serviceHint}, not by a status change.`);
  if (to === 'closed' && !opts.reason?.trim()) throw new RingsideError('BAD_REQUEST', `Give a reason to close case ${caseId}.`);
  const now = Date.now();
  db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(to, now, caseId);
  appendAudit(db, { actor, action: 'case.status_changed', entityType: 'case', entityId: caseId, payload: { from: kase.status, to, reason: opts.reason ?? null }, at: now });
  return getCase(db, caseId);
}

/** Bulk status change: all-or-nothing, so a refused case leaves every case as it was. */
export function transitionCases(db: Db, caseIds: readonly string[], to: string, actor: string, reason?: string): CaseSummary[] {
  return db.transaction(() => caseIds.map((id) => moveCase(db, id, to, actor, { reason })))();
}
