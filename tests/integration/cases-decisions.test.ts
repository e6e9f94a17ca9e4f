/**
 * Issue #4 end to end through the service: case transitions, the sanctions ladder on repeat
 * offenses, the two-person rule, each appeal outcome with the account's lifecycle following,
 * precedent search (FTS5) and the consistency warning. Real SQLite, demo data, no mocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../shared/contract/errors.js';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

let service: LocalService;
let fresh: string[];

const ALICE = { name: 'Alice Reviewer', email: 'alice@example.com' };
const BOB = { name: 'Bob Approver', email: 'bob@example.com' };
const RATIONALE = 'Operated several accounts from one device farm; shared payout instrument and proxy IPs (see pinned graph).';

function ok<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}
async function as(identity: typeof ALICE | null): Promise<void> {
  // The Settings screen cannot clear an identity; a fresh workspace has none, as simulated here.
  if (identity === null) service.db.prepare("DELETE FROM settings WHERE key = 'identity'").run();
  else ok(await service.call('settings.update', { identity }));
}
const lifecycle = (id: string) => service.db.prepare('SELECT lifecycle_state FROM accounts WHERE id = ?').pluck().get(id) as string;

/** A case on `accounts`, in review, with `n` evidence items pinned. */
async function caseInReview(accounts: string[], n = 3): Promise<{ caseId: string; evidenceIds: number[] }> {
  const kase = ok(await service.call('cases.create', { title: 'Farm under review', subjects: accounts, origin: { kind: 'ring', ref: 'ring-1' } }));
  ok(await service.call('cases.transition', { caseIds: [kase.id], to: 'in_review' }));
  const evidenceIds: number[] = [];
  for (let i = 0; i < n; i++) evidenceIds.push(ok(await service.call('cases.addEvidence', { caseId: kase.id, kind: 'graph', title: `Snapshot ${i}`, payload: { i, ringId: 'ring-1' } })).id);
  return { caseId: kase.id, evidenceIds };
}

beforeAll(async () => {
  service = new LocalService(tempDir());
  ok(await service.runJob('demo.load', { accounts: 120, seed: 3 }));
  // Accounts with no prior decisions and active: the ladder starts at its first step for them.
  fresh = service.db
    .prepare("SELECT id FROM accounts a WHERE lifecycle_state = 'active' AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.account_id = a.id) ORDER BY id LIMIT 20")
    .pluck()
    .all() as string[];
  expect(fresh.length).toBeGreaterThanOrEqual(12);
}, 120_000);

describe('case transitions', () => {
  it('allows new -> in_review -> escalated and refuses skipping, naming the allowed moves', async () => {
    const kase = ok(await service.call('cases.create', { title: 'Transitions', subjects: [fresh[0]!] }));
    const toDecided = await service.call('cases.transition', { caseIds: [kase.id], to: 'appealed' });
    expect(toDecided).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!toDecided.ok && toDecided.error.message).toContain('Allowed from new: in_review, escalated, closed');
    ok(await service.call('cases.transition', { caseIds: [kase.id], to: 'in_review' }));
    const esc = ok(await service.call('cases.transition', { caseIds: [kase.id], to: 'escalated' }));
    expect(esc[0]?.status).toBe('escalated');
    const decided = await service.call('cases.transition', { caseIds: [kase.id], to: 'decided' });
    expect(!decided.ok && decided.error.message).toContain('record a decision');
    const close = await service.call('cases.transition', { caseIds: [kase.id], to: 'closed' });
    expect(!close.ok && close.error.message).toMatch(/reason/);
    ok(await service.call('cases.transition', { caseIds: [kase.id], to: 'closed', reason: 'duplicate' }));
    const actions = service.db.prepare("SELECT json_extract(payload, '$.to') FROM audit_log WHERE entity_id = ? AND action = 'case.status_changed' ORDER BY seq").pluck().all(kase.id);
    expect(actions).toEqual(['in_review', 'escalated', 'closed']);
  });

  it('bulk moves and assignment are all-or-nothing', async () => {
    const a = ok(await service.call('cases.create', { title: 'Bulk A', subjects: [fresh[1]!] }));
    const b = ok(await service.call('cases.create', { title: 'Bulk B', subjects: [fresh[1]!] }));
    ok(await service.call('cases.transition', { caseIds: [b.id], to: 'in_review' }));
    const refused = await service.call('cases.transition', { caseIds: [a.id, b.id], to: 'in_review' });
    expect(refused.ok).toBe(false);
    expect(ok(await service.call('cases.get', { caseId: a.id })).status).toBe('new');
    const assigned = ok(await service.call('cases.assign', { caseIds: [a.id, b.id], assignee: 'carol' }));
    expect(assigned.map((c) => c.assignee)).toEqual(['carol', 'carol']);
    const mine = ok(await service.call('cases.list', { assignee: 'carol' }));
    expect(mine.rows.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
  });
});

describe('decisions', () => {
  it('refuses a decision without an identity, with a short rationale, or too little evidence', async () => {
    const { caseId, evidenceIds } = await caseInReview([fresh[2]!], 1);
    await as(null);
    const noId = await service.call('decisions.create', { caseId, accounts: [fresh[2]!], policy: 'multiple_accounts', tier: 'S3', rationale: RATIONALE, evidenceIds });
    expect(!noId.ok && noId.error.message).toContain('Settings');
    await as(ALICE);
    const short = await service.call('decisions.create', { caseId, accounts: [fresh[2]!], policy: 'multiple_accounts', tier: 'S3', rationale: 'bad', evidenceIds });
    expect(!short.ok && short.error.message).toContain('at least 40 characters');
    const thin = await service.call('decisions.create', { caseId, accounts: [fresh[2]!], policy: 'multiple_accounts', tier: 'S2', rationale: RATIONALE, evidenceIds });
    expect(!thin.ok && thin.error.message).toMatch(/S2 .*needs at least 2 evidence/);
  });

  it('climbs the ladder for a repeat offense (prior upstream sanctions count)', async () => {
    await as(ALICE);
    const account = fresh[3]!;
    const first = await caseInReview([account], 1);
    const d1 = ok(await service.call('decisions.create', { caseId: first.caseId, accounts: [account], policy: 'task_quality_gaming', tier: 'S3', rationale: RATIONALE, evidenceIds: first.evidenceIds }));
    expect(d1.decisions[0]).toMatchObject({ sanction: 'warning', status: 'effective', priorSanctions: 0 });
    const second = await caseInReview([account], 1);
    const proposal = ok(await service.call('decisions.propose', { caseId: second.caseId, accounts: [account], policy: 'task_quality_gaming', tier: 'S3' }));
    expect(proposal.subjects[0]).toMatchObject({ priorSanctions: 1, proposedSanction: 'temporary_suspension', proposedLifecycleTo: 'suspended' });
    const d2 = ok(await service.call('decisions.create', { caseId: second.caseId, accounts: [account], policy: 'task_quality_gaming', tier: 'S3', rationale: RATIONALE, evidenceIds: second.evidenceIds }));
    expect(d2.decisions[0]).toMatchObject({ sanction: 'temporary_suspension', lifecycleFrom: 'active', lifecycleTo: 'suspended' });
    expect(d2.decisions[0]?.endsAt).toBe((d2.decisions[0]?.effectiveAt ?? 0) + 14 * 86_400_000);
    expect(lifecycle(account)).toBe('suspended');
    const outbox = service.db.prepare("SELECT kind FROM outbox WHERE entity_id IN (?, ?) ORDER BY id").pluck().all(d2.decisions[0]!.id, account);
    expect(outbox).toEqual(expect.arrayContaining(['decision', 'lifecycle']));
    // An upstream sanction on record counts too.
    const upstream = service.db
      .prepare("SELECT account_id AS id, policy FROM decisions WHERE origin = 'upstream' AND status = 'effective' AND sanction NOT IN ('no_action') AND coalesce(appeal_outcome,'') <> 'overturned' LIMIT 1")
      .get() as { id: string; policy: string };
    const third = await caseInReview([upstream.id], 1);
    const p3 = ok(await service.call('decisions.propose', { caseId: third.caseId, accounts: [upstream.id], policy: upstream.policy, tier: 'S4' }));
    expect(p3.subjects[0]?.priorSanctions).toBeGreaterThanOrEqual(1);
    expect(p3.subjects[0]?.proposedSanction).not.toBe('warning');
  });

  it('refuses a lifecycle move the policy does not allow, naming it', async () => {
    await as(ALICE);
    const { caseId, evidenceIds } = await caseInReview([fresh[4]!], 1);
    const bad = await service.call('decisions.create', { caseId, accounts: [fresh[4]!], policy: 'harassment', tier: 'S3', lifecycleTo: 'reactivation_eligible', rationale: RATIONALE, evidenceIds });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!bad.ok && bad.error.message).toContain(`${fresh[4]} cannot move from active to reactivation_eligible`);
  });

  it('enforces the two-person rule on high severity: pending until a different reviewer approves', async () => {
    await as(ALICE);
    const account = fresh[5]!;
    const { caseId, evidenceIds } = await caseInReview([account], 2);
    const created = ok(await service.call('decisions.create', { caseId, accounts: [account], policy: 'payout_fraud', tier: 'S2', rationale: RATIONALE, evidenceIds }));
    const decision = created.decisions[0]!;
    expect(decision.status).toBe('pending_approval');
    expect(lifecycle(account)).toBe('active');
    expect(service.db.prepare('SELECT count(*) FROM outbox WHERE entity_id = ?').pluck().get(decision.id)).toBe(0);
    const self = await service.call('decisions.review', { decisionId: decision.id, verdict: 'approved' });
    expect(self).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!self.ok && self.error.message).toContain('Two-person rule');
    await as(BOB);
    const approved = ok(await service.call('decisions.review', { decisionId: decision.id, verdict: 'approved', comment: 'Agree.' }));
    expect(approved).toMatchObject({ status: 'effective', approvedBy: 'Bob Approver <bob@example.com>' });
    expect(lifecycle(account)).toBe('suspended');
    const again = await service.call('decisions.review', { decisionId: decision.id, verdict: 'approved' });
    expect(!again.ok && again.error.message).toContain('not waiting for approval');
  });

  it('a rejected decision leaves the account alone and returns the case to review', async () => {
    await as(ALICE);
    const { caseId, evidenceIds } = await caseInReview([fresh[6]!], 3);
    const d = ok(await service.call('decisions.create', { caseId, accounts: [fresh[6]!], policy: 'identity_fraud', tier: 'S1', rationale: RATIONALE, evidenceIds })).decisions[0]!;
    await as(BOB);
    ok(await service.call('decisions.review', { decisionId: d.id, verdict: 'rejected', comment: 'Not enough.' }));
    expect(lifecycle(fresh[6]!)).toBe('active');
    expect(ok(await service.call('cases.get', { caseId })).status).toBe('in_review');
  });
});

describe('appeals', () => {
  async function decided(account: string): Promise<{ caseId: string; decisionId: string }> {
    await as(ALICE);
    const { caseId, evidenceIds } = await caseInReview([account], 1);
    const d = ok(await service.call('decisions.create', { caseId, accounts: [account], policy: 'multiple_accounts', tier: 'S3', sanction: 'temporary_suspension', rationale: RATIONALE, evidenceIds })).decisions[0]!;
    expect(lifecycle(account)).toBe('suspended');
    return { caseId, decisionId: d.id };
  }

  it('overturn restores the lifecycle state; the decider cannot review', async () => {
    const account = fresh[7]!;
    const { caseId, decisionId } = await decided(account);
    const appeal = ok(await service.call('appeals.open', { decisionId, reason: 'I share the flat with my brother.' }));
    expect(ok(await service.call('cases.get', { caseId })).status).toBe('appealed');
    const self = await service.call('appeals.review', { appealId: appeal.id, outcome: 'overturn', rationale: RATIONALE });
    expect(!self.ok && self.error.message).toContain('someone other than the decider');
    await as(BOB);
    const reviewed = ok(await service.call('appeals.review', { appealId: appeal.id, outcome: 'overturn', rationale: 'Household documents show two real people sharing one device; not a farm.' }));
    expect(reviewed).toMatchObject({ status: 'decided', outcome: 'overturn' });
    expect(lifecycle(account)).toBe('active');
    const detail = ok(await service.call('cases.get', { caseId }));
    expect(detail.status).toBe('decided');
    expect(detail.decisions[0]).toMatchObject({ status: 'overturned', appealOutcome: 'overturned' });
    expect(detail.activity.map((a) => a.action)).toEqual(expect.arrayContaining(['appeal.opened', 'appeal.overturn', 'lifecycle.changed']));
  });

  it('uphold keeps the sanction', async () => {
    const account = fresh[8]!;
    const { decisionId } = await decided(account);
    const appeal = ok(await service.call('appeals.open', { decisionId, reason: 'Please reconsider my case.' }));
    await as(BOB);
    ok(await service.call('appeals.review', { appealId: appeal.id, outcome: 'uphold', rationale: 'The device and payout links are clear and no new facts were offered.' }));
    expect(lifecycle(account)).toBe('suspended');
    expect(service.db.prepare('SELECT appeal_outcome FROM decisions WHERE id = ?').pluck().get(decisionId)).toBe('upheld');
  });

  it('modify replaces the sanction with a new effective decision', async () => {
    const account = fresh[9]!;
    const { caseId, decisionId } = await decided(account);
    const appeal = ok(await service.call('appeals.open', { decisionId, reason: 'First offense, please reduce.' }));
    await as(BOB);
    const missing = await service.call('appeals.review', { appealId: appeal.id, outcome: 'modify', rationale: RATIONALE });
    expect(!missing.ok && missing.error.message).toContain('new sanction');
    ok(await service.call('appeals.review', { appealId: appeal.id, outcome: 'modify', sanction: 'warning', rationale: 'First offense and cooperative; a warning is proportionate under the ladder.' }));
    expect(lifecycle(account)).toBe('active');
    const decisions = ok(await service.call('cases.get', { caseId })).decisions;
    expect(decisions.map((d) => [d.sanction, d.status])).toEqual([
      ['temporary_suspension', 'modified'],
      ['warning', 'effective'],
    ]);
  });
});

describe('precedent', () => {
  it('finds similar decisions by policy+tier, shared identifiers and rationale text; warns on inconsistency', async () => {
    await as(ALICE);
    const account = fresh[10]!;
    const { caseId, evidenceIds } = await caseInReview([account], 1);
    const d = ok(
      await service.call('decisions.create', { caseId, accounts: [account], policy: 'collusion', tier: 'S3', sanction: 'temporary_suspension', rationale: 'Referral bonuses farmed through a zebracorn burst of linked referrals.', evidenceIds }),
    ).decisions[0]!;
    const selfMark = await service.call('decisions.setPrecedent', { decisionId: d.id, precedent: true });
    expect(!selfMark.ok && selfMark.error.message).toContain('Two-person rule');
    await as(BOB);
    ok(await service.call('decisions.setPrecedent', { decisionId: d.id, precedent: true }));
    const byText = ok(await service.call('decisions.similar', { text: 'zebracorns farming' }));
    expect(byText.rows[0]).toMatchObject({ id: d.id, precedent: true });
    expect(byText.rows[0]?.reasons).toContain('rationale text');
    const byTier = ok(await service.call('decisions.similar', { policy: 'collusion', tier: 'S3' }));
    expect(byTier.rows[0]?.id).toBe(d.id);
    // Consistency: a warning for the same policy, tier and history with a different sanction.
    const other = await caseInReview([fresh[11]!], 1);
    const warn = ok(await service.call('decisions.propose', { caseId: other.caseId, accounts: [fresh[11]!], policy: 'collusion', tier: 'S3', sanction: 'warning' }));
    expect(warn.warnings[0]?.precedentIds).toContain(d.id);
    expect(warn.warnings[0]?.message).toContain('temporary_suspension');
    const same = ok(await service.call('decisions.propose', { caseId: other.caseId, accounts: [fresh[11]!], policy: 'collusion', tier: 'S3', sanction: 'temporary_suspension' }));
    expect(same.warnings).toEqual([]);
  });
});

describe('audit', () => {
  it('the chain verifies after all of the above, and the head matches', async () => {
    const result = ok(await service.call('audit.verify', {}));
    expect(result).toMatchObject({ ok: true, firstBad: null });
    expect(result.entries).toBeGreaterThan(50);
    expect(ok(await service.call('audit.head', {})).hash).toBe(result.head.hash);
    expect(service.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'config.policy_loaded'").pluck().get()).toBe(1);
  });
});
