/**
 * Decision notes: the ladder's proposal, recording a decision, and the second-reviewer step.
 *  - The ladder: the step for (policy, tier) at index = prior standing sanctions of the account
 *    under that policy (upstream ones included), capped at the top, so a repeat offense climbs.
 *  - The two-person rule: tiers listed in `approval.tiers`, and precedent decisions when
 *    `approval.precedent`, wait as `pending_approval` until a reviewer with a different email
 *    approves; only then do the lifecycle change and the outbox items happen.
 * Failure modes: no identity -> CONFLICT; case not in review -> CONFLICT; short rationale,
 * too little evidence, subject not on the case, disallowed lifecycle move -> BAD_REQUEST naming it.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { DecisionInfo, DecisionProposal, PolicyInfo, SanctionProposal } from '../../shared/contract/decisions.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import type { Db } from '../db/open.js';
import { appendAudit, localZone } from '../audit/audit.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { policyEntry } from '../policy/load.js';
import { decisionAttrs, getDecision, getDecisionRow, nextDecisionId, priorSanctionCount } from './decisionRows.js';
import { requireIdentity } from './identity.js';
import { assertLifecycle, lifecycleOf, setLifecycle } from './lifecycle.js';
import { consistencyWarnings } from './precedent.js';
import { getCase } from './seam.js';
import { assertTransition, moveCase } from './transitions.js';

const DAY = 86_400_000;

/** What the ladder proposes for each account (read-only; the decision form shows it). */
export function proposeDecision(db: Db, policy: PolicyInfo, req: { caseId: string; accounts: readonly string[]; policy: string; tier: string; sanction?: string | undefined }): DecisionProposal {
  const config = policy.config;
  const entry = policyEntry(config, req.policy);
  const tier = config.tiers[req.tier];
  if (!tier) throw new RingsideError('BAD_REQUEST', `Unknown tier ${req.tier}.`);
  getCase(db, req.caseId);
  const ladder = entry.ladder[req.tier] ?? [];
  const subjects: SanctionProposal[] = req.accounts.map((accountId) => {
    const prior = priorSanctionCount(db, accountId, req.policy);
    const proposed = ladder[Math.min(prior, ladder.length - 1)] ?? 'warning';
    return {
      accountId,
      lifecycleState: lifecycleOf(db, accountId),
      priorSanctions: prior,
      proposedSanction: proposed,
      proposedLifecycleTo: config.sanctions[proposed]?.lifecycleTo ?? 'active',
      ladder,
    };
  });
  const warnings = subjects.flatMap((s) => consistencyWarnings(db, { policy: req.policy, tier: req.tier, accountId: s.accountId, priorSanctions: s.priorSanctions, sanction: req.sanction ?? s.proposedSanction }));
  return {
    policy: req.policy,
    tier: req.tier,
    evidenceStandard: tier.evidenceStandard,
    minEvidence: tier.minEvidence,
    rationaleMinLength: config.rationaleMinLength,
    needsApproval: config.approval.tiers.includes(req.tier),
    subjects,
    warnings,
  };
}

export interface CreateDecisionInput {
  readonly caseId: string;
  readonly accounts: readonly string[];
  readonly policy: string;
  readonly tier: string;
  readonly sanction?: string | undefined;
  readonly lifecycleTo?: string | undefined;
  readonly effectiveAt?: number | undefined;
  readonly endsAt?: number | null | undefined;
  readonly rationale: string;
  readonly evidenceIds: readonly number[];
  readonly precedent: boolean;
}

function assertEvidence(db: Db, caseId: string, ids: readonly number[], min: number, tierLabel: string, standard: string): number[] {
  const unique = [...new Set(ids)];
  const onCase = db.prepare('SELECT 1 FROM evidence_items WHERE id = ? AND case_id = ?').pluck();
  const foreign = unique.filter((id) => onCase.get(id, caseId) === undefined);
  if (foreign.length > 0) throw new RingsideError('BAD_REQUEST', `Evidence item${foreign.length > 1 ? 's' : ''} ${foreign.join(', ')} ${foreign.length > 1 ? 'are' : 'is'} not pinned to case ${caseId}.`);
  if (unique.length < min) {
    throw new RingsideError('BAD_REQUEST', `Tier ${tierLabel} needs at least ${min} evidence reference${min === 1 ? '' : 's'} (${unique.length} given). Standard: ${standard}`, { field: 'evidenceIds', min, given: unique.length });
  }
  return unique;
}

/** Takes effect: lifecycle change and outbox items, in the caller's transaction. */
function applyDecision(db: Db, config: PolicyInfo['config'], decisionId: string, actor: string): void {
  const row = getDecisionRow(db, decisionId);
  const current = lifecycleOf(db, row.accountId);
  const to = row.lifecycleTo ?? current;
  assertLifecycle(config, row.accountId, current, to);
  db.prepare("UPDATE decisions SET status = 'effective', lifecycle_from = ?, effective_at = coalesce(effective_at, ?) WHERE id = ?").run(current, Date.now(), decisionId);
  const decision = getDecision(db, decisionId);
  enqueueOutbox(db, { kind: 'decision', entityId: decisionId, payload: decision, idempotencyKey: `decision:${decisionId}:effective` });
  setLifecycle(db, { accountId: row.accountId, to, decisionId, reason: 'decision', actor, caseId: row.caseId, endsAt: row.endsAt });
}

/** Records one decision per subject (see the file comment for the rules); returns them. */
export function createDecisions(db: Db, policy: PolicyInfo, input: CreateDecisionInput): DecisionInfo[] {
  const config = policy.config;
  const reviewer = requireIdentity(db, 'record a decision');
  return db.transaction(() => {
    const kase = getCase(db, input.caseId);
    assertTransition(kase, 'decided');
    const entry = policyEntry(config, input.policy);
    const tier = config.tiers[input.tier];
    if (!tier) throw new RingsideError('BAD_REQUEST', `Unknown tier ${input.tier}.`);
    const rationale = input.rationale.trim();
    if (rationale.length < config.rationaleMinLength) {
      throw new RingsideError('BAD_REQUEST', `The rationale must be at least ${config.rationaleMinLength} characters (it has ${rationale.length}): say what the account did, under which policy, and which evidence shows it.`, { field: 'rationale' });
    }
    const evidenceIds = assertEvidence(db, input.caseId, input.evidenceIds, tier.minEvidence, `${input.tier} (${tier.label})`, tier.evidenceStandard);
    const isSubject = db.prepare('SELECT 1 FROM case_subjects WHERE case_id = ? AND account_id = ?').pluck();
    const strangers = input.accounts.filter((a) => isSubject.get(input.caseId, a) === undefined);
    if (strangers.length > 0) throw new RingsideError('BAD_REQUEST', `Not subjects of case ${input.caseId}: ${strangers.join(', ')}. Add them to the case first.`);
    const needsApproval = config.approval.tiers.includes(input.tier) || (input.precedent && config.approval.precedent);
    const now = Date.now();
    const effectiveAt = input.effectiveAt ?? now;
    const tz = localZone();
    const ladder = entry.ladder[input.tier] ?? [];
    const created: string[] = [];
    for (const accountId of [...new Set(input.accounts)]) {
      const prior = priorSanctionCount(db, accountId, input.policy);
      const sanction = input.sanction ?? ladder[Math.min(prior, ladder.length - 1)] ?? 'warning';
      const sanctionDef = config.sanctions[sanction];
      if (!sanctionDef) throw new RingsideError('BAD_REQUEST', `Sanction "${sanction}" is not defined in the policy file.`);
      const from = lifecycleOf(db, accountId);
      const to = input.lifecycleTo ?? sanctionDef.lifecycleTo;
      assertLifecycle(config, accountId, from, to);
      let endsAt = input.endsAt ?? null;
      if (endsAt === null && input.endsAt === undefined && sanctionDef.defaultDays) endsAt = effectiveAt + sanctionDef.defaultDays * DAY;
      if (endsAt !== null && endsAt <= effectiveAt) throw new RingsideError('BAD_REQUEST', 'The end date must be after the effective date.', { field: 'endsAt' });
      const id = nextDecisionId(db);
      const attrs = { deciderEmail: reviewer.email, evidenceIds, priorSanctions: prior, tz, policySha256: policy.sha256 };
      db.prepare(
        `INSERT INTO decisions (id, case_id, account_id, policy, tier, sanction, lifecycle_from, lifecycle_to, effective_at, ends_at, rationale,
           decided_by, decided_at, status, precedent, origin, attrs)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_approval', ?, 'ringside', ?)`,
      ).run(id, input.caseId, accountId, input.policy, input.tier, sanction, from, to, effectiveAt, endsAt, rationale, reviewer.actor, now, input.precedent ? 1 : 0, canonicalJson(attrs));
      appendAudit(db, {
        actor: reviewer.actor,
        action: 'decision.created',
        entityType: 'decision',
        entityId: id,
        payload: { caseId: input.caseId, accountId, policy: input.policy, tier: input.tier, sanction, lifecycleFrom: from, lifecycleTo: to, effectiveAt, endsAt, rationale, evidenceIds, precedent: input.precedent, priorSanctions: prior, needsApproval, policySha256: policy.sha256 },
        at: now,
        tz,
      });
      if (!needsApproval) applyDecision(db, config, id, reviewer.actor);
      created.push(id);
    }
    // A case opened before its policy and tier were known takes them from its first decision.
    db.prepare('UPDATE cases SET policy = coalesce(policy, ?), severity = coalesce(severity, ?) WHERE id = ?').run(input.policy, input.tier, input.caseId);
    moveCase(db, input.caseId, 'decided', reviewer.actor, { viaService: true });
    return created.map((id) => getDecision(db, id));
  })();
}

/**
 * The second reviewer's verdict on a pending decision. Same email as the decider -> CONFLICT
 * (two-person rule). Approve applies it; reject leaves the account untouched and, when no other
 * decision on the case stands, returns the case to in_review.
 */
export function reviewDecision(db: Db, policy: PolicyInfo, decisionId: string, verdict: 'approved' | 'rejected', comment: string): DecisionInfo {
  const reviewer = requireIdentity(db, 'approve or reject a decision');
  return db.transaction(() => {
    const row = getDecisionRow(db, decisionId);
    if (row.status !== 'pending_approval') throw new RingsideError('CONFLICT', `Decision ${decisionId} is ${row.status}, not waiting for approval.`);
    const deciderEmail = decisionAttrs(row).deciderEmail ?? null;
    if (deciderEmail !== null && deciderEmail === reviewer.email) {
      throw new RingsideError('CONFLICT', `Two-person rule: ${reviewer.actor} made decision ${decisionId} and cannot also approve or reject it. A different reviewer must do it.`, { reason: 'same_reviewer' });
    }
    const now = Date.now();
    const tz = localZone();
    db.prepare('INSERT INTO approvals (decision_id, reviewer, reviewer_email, verdict, comment, at, tz) VALUES (?, ?, ?, ?, ?, ?, ?)').run(decisionId, reviewer.actor, reviewer.email, verdict, comment, now, tz);
    appendAudit(db, { actor: reviewer.actor, action: `decision.${verdict}`, entityType: 'decision', entityId: decisionId, payload: { caseId: row.caseId, comment }, at: now, tz });
    if (verdict === 'approved') {
      db.prepare('UPDATE decisions SET approved_by = ?, approved_at = ? WHERE id = ?').run(reviewer.actor, now, decisionId);
      applyDecision(db, policy.config, decisionId, reviewer.actor);
    } else {
      db.prepare("UPDATE decisions SET status = 'rejected' WHERE id = ?").run(decisionId);
      if (row.caseId) {
        const standing = db.prepare("SELECT count(*) FROM decisions WHERE case_id = ? AND status IN ('pending_approval', 'effective')").pluck().get(row.caseId) as number;
        if (standing === 0 && getCase(db, row.caseId).status === 'decided') moveCase(db, row.caseId, 'in_review', reviewer.actor, { reason: `decision ${decisionId} rejected` });
      }
    }
    return getDecision(db, decisionId);
  })();
}

/**
 * Marks or unmarks precedent; audited. Marking is precedent-setting, so (when the policy asks for
 * approval of precedent) the person marking must differ from the decider: CONFLICT otherwise.
 */
export function setPrecedent(db: Db, policy: PolicyInfo, decisionId: string, precedent: boolean): DecisionInfo {
  const reviewer = requireIdentity(db, 'mark precedent');
  const actor = reviewer.actor;
  return db.transaction(() => {
    const row = getDecisionRow(db, decisionId);
    if ((row.precedent === 1) === precedent) return getDecision(db, decisionId);
    if (precedent && row.status !== 'effective') throw new RingsideError('CONFLICT', `Decision ${decisionId} is ${row.status}; only an effective decision can be precedent.`);
    if (precedent && policy.config.approval.precedent && decisionAttrs(row).deciderEmail === reviewer.email) {
      throw new RingsideError('CONFLICT', `Two-person rule: ${actor} made decision ${decisionId}; a different reviewer must mark it as precedent.`, { reason: 'same_reviewer' });
    }
    db.prepare('UPDATE decisions SET precedent = ? WHERE id = ?').run(precedent ? 1 : 0, decisionId);
    appendAudit(db, { actor, action: precedent ? 'decision.precedent_set' : 'decision.precedent_cleared', entityType: 'decision', entityId: decisionId, payload: { caseId: row.caseId } });
    return getDecision(db, decisionId);
  })();
}
