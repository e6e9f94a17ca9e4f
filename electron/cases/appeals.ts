/**
 * Appeals: opened on an effective decision (the case moves to appealed), reviewed by someone
 * other than the decider. Outcomes, kept on the appeal and on the decision for overturn-rate KPIs:
 *  - uphold: the decision stands (`appeal_outcome = 'upheld'`);
 *  - overturn: the decision is `overturned` and the account's lifecycle returns to the state it
 *    had before the decision (audited, outbox);
 *  - modify: the decision is `modified` and a new effective decision with the new sanction replaces
 *    it (the appeal reviewer is the second person, so no further approval is needed).
 * Failure modes: no identity -> CONFLICT; same reviewer as decider -> CONFLICT; appeal already
 * decided or a second open appeal -> CONFLICT; short rationale -> BAD_REQUEST.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { AppealInfo, PolicyInfo } from '../../shared/contract/decisions.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import type { Db } from '../db/open.js';
import { appendAudit, localZone } from '../audit/audit.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { actorName } from '../workspace/settings.js';
import { decisionAttrs, getAppeal, getDecision, getDecisionRow, nextDecisionId } from './decisionRows.js';
import { emailOf, requireIdentity } from './identity.js';
import { assertLifecycle, lifecycleOf, setLifecycle } from './lifecycle.js';
import { getCase } from './seam.js';
import { moveCase } from './transitions.js';

export function openAppeal(db: Db, decisionId: string, reason: string): AppealInfo {
  const actor = actorName(db);
  return db.transaction(() => {
    const row = getDecisionRow(db, decisionId);
    if (row.status !== 'effective') throw new RingsideError('CONFLICT', `Decision ${decisionId} is ${row.status}; only an effective decision can be appealed.`);
    const open = db.prepare("SELECT id FROM appeals WHERE decision_id = ? AND status = 'open'").pluck().get(decisionId) as number | undefined;
    if (open !== undefined) throw new RingsideError('CONFLICT', `Decision ${decisionId} already has an open appeal (#${open}).`);
    const now = Date.now();
    const tz = localZone();
    const id = Number(
      db.prepare('INSERT INTO appeals (decision_id, opened_at, opened_by, reason, status, attrs) VALUES (?, ?, ?, ?, ?, ?)').run(decisionId, now, actor, reason.trim(), 'open', canonicalJson({ tz })).lastInsertRowid,
    );
    appendAudit(db, { actor, action: 'appeal.opened', entityType: 'appeal', entityId: String(id), payload: { decisionId, caseId: row.caseId, reason: reason.trim() }, at: now, tz });
    if (row.caseId && getCase(db, row.caseId).status !== 'appealed') moveCase(db, row.caseId, 'appealed', actor, { viaService: true, reason: `appeal #${id}` });
    return getAppeal(db, id);
  })();
}

export interface AppealReview {
  readonly appealId: number;
  readonly outcome: 'uphold' | 'overturn' | 'modify';
  readonly rationale: string;
  readonly sanction?: string | undefined;
  readonly lifecycleTo?: string | undefined;
  readonly endsAt?: number | null | undefined;
}

export function reviewAppeal(db: Db, policy: PolicyInfo, input: AppealReview): AppealInfo {
  const reviewer = requireIdentity(db, 'review an appeal');
  const config = policy.config;
  return db.transaction(() => {
    const appeal = getAppeal(db, input.appealId);
    if (appeal.status !== 'open') throw new RingsideError('CONFLICT', `Appeal #${appeal.id} was already decided (${appeal.outcome}).`);
    const row = getDecisionRow(db, appeal.decisionId);
    const deciderEmail = decisionAttrs(row).deciderEmail ?? emailOf(row.decidedBy);
    if (deciderEmail !== null && deciderEmail === reviewer.email) {
      throw new RingsideError('CONFLICT', `An appeal must be reviewed by someone other than the decider: ${reviewer.actor} made decision ${row.id}.`, { reason: 'same_reviewer' });
    }
    const rationale = input.rationale.trim();
    if (rationale.length < config.rationaleMinLength) {
      throw new RingsideError('BAD_REQUEST', `The appeal rationale must be at least ${config.rationaleMinLength} characters (it has ${rationale.length}).`, { field: 'rationale' });
    }
    const now = Date.now();
    const tz = localZone();
    let replacement: string | null = null;
    if (input.outcome === 'uphold') {
      db.prepare("UPDATE decisions SET appeal_outcome = 'upheld' WHERE id = ?").run(row.id);
    } else if (input.outcome === 'overturn') {
      db.prepare("UPDATE decisions SET status = 'overturned', appeal_outcome = 'overturned' WHERE id = ?").run(row.id);
      enqueueOutbox(db, { kind: 'decision', entityId: row.id, payload: getDecision(db, row.id), idempotencyKey: `decision:${row.id}:overturned` });
      const restore = row.lifecycleFrom ?? 'active';
      setLifecycle(db, { accountId: row.accountId, to: restore, decisionId: row.id, reason: 'appeal_overturned', actor: reviewer.actor, caseId: row.caseId });
    } else {
      if (!input.sanction) throw new RingsideError('BAD_REQUEST', 'A modified outcome needs the new sanction.', { field: 'sanction' });
      const sanctionDef = config.sanctions[input.sanction];
      if (!sanctionDef) throw new RingsideError('BAD_REQUEST', `Sanction "${input.sanction}" is not defined in the policy file.`);
      const from = lifecycleOf(db, row.accountId);
      // The replacement starts from the state before the original decision, not from its sanction.
      const base = row.lifecycleFrom ?? from;
      const to = input.lifecycleTo ?? sanctionDef.lifecycleTo;
      assertLifecycle(config, row.accountId, base, to);
      replacement = nextDecisionId(db);
      const endsAt = input.endsAt ?? (sanctionDef.defaultDays ? now + sanctionDef.defaultDays * 86_400_000 : null);
      db.prepare("UPDATE decisions SET status = 'modified', appeal_outcome = 'modified' WHERE id = ?").run(row.id);
      db.prepare(
        `INSERT INTO decisions (id, case_id, account_id, policy, tier, sanction, lifecycle_from, lifecycle_to, effective_at, ends_at, rationale,
           decided_by, decided_at, status, precedent, approved_by, approved_at, origin, attrs)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'effective', 0, ?, ?, 'ringside', ?)`,
      ).run(replacement, row.caseId, row.accountId, row.policy, row.tier, input.sanction, base, to, now, endsAt, rationale, reviewer.actor, now, reviewer.actor, now,
        canonicalJson({ deciderEmail: reviewer.email, evidenceIds: decisionAttrs(row).evidenceIds ?? [], priorSanctions: decisionAttrs(row).priorSanctions ?? 0, tz, modifies: row.id, appealId: appeal.id }));
      appendAudit(db, { actor: reviewer.actor, action: 'decision.created', entityType: 'decision', entityId: replacement, payload: { caseId: row.caseId, accountId: row.accountId, sanction: input.sanction, lifecycleFrom: base, lifecycleTo: to, modifies: row.id, appealId: appeal.id, rationale }, at: now, tz });
      enqueueOutbox(db, { kind: 'decision', entityId: row.id, payload: getDecision(db, row.id), idempotencyKey: `decision:${row.id}:modified` });
      enqueueOutbox(db, { kind: 'decision', entityId: replacement, payload: getDecision(db, replacement), idempotencyKey: `decision:${replacement}:effective` });
      if (from !== to) {
        assertLifecycle(config, row.accountId, from, to);
        setLifecycle(db, { accountId: row.accountId, to, decisionId: replacement, reason: 'appeal_modified', actor: reviewer.actor, caseId: row.caseId, endsAt });
      }
    }
    db.prepare("UPDATE appeals SET status = 'decided', reviewer = ?, outcome = ?, rationale = ?, decided_at = ?, attrs = ? WHERE id = ?").run(
      reviewer.actor, input.outcome, rationale, now, canonicalJson({ tz, reviewerEmail: reviewer.email, replacement }), appeal.id,
    );
    appendAudit(db, { actor: reviewer.actor, action: `appeal.${input.outcome}`, entityType: 'appeal', entityId: String(appeal.id), payload: { decisionId: row.id, caseId: row.caseId, rationale, replacement }, at: now, tz });
    if (row.caseId) {
      const stillOpen = db.prepare("SELECT count(*) FROM appeals a JOIN decisions d ON d.id = a.decision_id WHERE d.case_id = ? AND a.status = 'open'").pluck().get(row.caseId) as number;
      if (stillOpen === 0 && getCase(db, row.caseId).status === 'appealed') moveCase(db, row.caseId, 'decided', reviewer.actor, { viaService: true, reason: `appeal #${appeal.id} ${input.outcome}` });
    }
    return getAppeal(db, appeal.id);
  })();
}
