/** Reading decisions and appeals into their contract shapes, and the ladder's view of history. */
import { RingsideError } from '../../shared/contract/errors.js';
import type { AppealInfo, DecisionInfo } from '../../shared/contract/decisions.js';
import type { Db } from '../db/open.js';

export const DECISION_COLUMNS = `d.id, d.case_id AS caseId, d.account_id AS accountId, d.policy, d.tier, d.sanction,
  d.lifecycle_from AS lifecycleFrom, d.lifecycle_to AS lifecycleTo, d.effective_at AS effectiveAt, d.ends_at AS endsAt,
  d.rationale, d.decided_by AS decidedBy, d.decided_at AS decidedAt, d.status, d.precedent, d.approved_by AS approvedBy,
  d.approved_at AS approvedAt, d.appeal_outcome AS appealOutcome, d.origin, d.attrs`;

export type DecisionRow = Omit<DecisionInfo, 'precedent' | 'evidenceIds' | 'priorSanctions'> & { precedent: number; attrs: string };

export interface DecisionAttrs {
  deciderEmail?: string;
  evidenceIds?: number[];
  priorSanctions?: number;
  tz?: string;
  policySha256?: string;
  modifies?: string;
}

export function decisionAttrs(row: { attrs: string }): DecisionAttrs {
  try {
    const parsed = JSON.parse(row.attrs) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as DecisionAttrs) : {};
  } catch {
    return {};
  }
}

export function toDecision(row: DecisionRow): DecisionInfo {
  const attrs = decisionAttrs(row);
  const { attrs: _attrs, ...rest } = row;
  return {
    ...rest,
    precedent: row.precedent === 1,
    evidenceIds: Array.isArray(attrs.evidenceIds) ? attrs.evidenceIds : [],
    priorSanctions: typeof attrs.priorSanctions === 'number' ? attrs.priorSanctions : null,
  };
}

export function getDecisionRow(db: Db, id: string): DecisionRow {
  const row = db.prepare(`SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.id = ?`).get(id) as DecisionRow | undefined;
  if (!row) throw new RingsideError('NOT_FOUND', `No decision ${id}.`);
  return row;
}

export function getDecision(db: Db, id: string): DecisionInfo {
  return toDecision(getDecisionRow(db, id));
}

export function decisionsOfCase(db: Db, caseId: string): DecisionInfo[] {
  return (db.prepare(`SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.case_id = ? ORDER BY d.decided_at, d.id`).all(caseId) as DecisionRow[]).map(toDecision);
}

/** Prior sanctions that still stand: effective (not overturned on appeal), not `no_action`, same policy. */
export function priorSanctionCount(db: Db, accountId: string, policy: string): number {
  return db
    .prepare(
      `SELECT count(*) FROM decisions WHERE account_id = ? AND policy = ? AND status = 'effective'
         AND sanction NOT IN ('no_action') AND coalesce(appeal_outcome, '') NOT IN ('overturned', 'overturn')`,
    )
    .pluck()
    .get(accountId, policy) as number;
}

export function nextDecisionId(db: Db): string {
  const last = db.prepare("SELECT id FROM decisions WHERE origin = 'ringside' AND id LIKE 'RD-%' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
  const n = last ? Number(last.slice(3)) + 1 : 1;
  return `RD-${String(n).padStart(6, '0')}`;
}

interface AppealRow {
  id: number;
  decisionId: string;
  openedAt: number;
  openedBy: string;
  reason: string;
  status: AppealInfo['status'];
  reviewer: string | null;
  outcome: AppealInfo['outcome'];
  rationale: string | null;
  decidedAt: number | null;
}
const APPEAL_COLUMNS = `a.id, a.decision_id AS decisionId, a.opened_at AS openedAt, a.opened_by AS openedBy, a.reason, a.status,
  a.reviewer, a.outcome, a.rationale, a.decided_at AS decidedAt`;

export function getAppeal(db: Db, id: number): AppealInfo {
  const row = db.prepare(`SELECT ${APPEAL_COLUMNS} FROM appeals a WHERE a.id = ?`).get(id) as AppealRow | undefined;
  if (!row) throw new RingsideError('NOT_FOUND', `No appeal ${id}.`);
  return row;
}

export function appealsOfCase(db: Db, caseId: string): AppealInfo[] {
  return db
    .prepare(`SELECT ${APPEAL_COLUMNS} FROM appeals a JOIN decisions d ON d.id = a.decision_id WHERE d.case_id = ? ORDER BY a.opened_at`)
    .all(caseId) as AppealRow[];
}
