/**
 * Decision, appeal, precedent, policy and audit methods (issue #4). The case queue and case
 * workspace methods live in cases.ts; this file holds what turns judgement into an enforceable,
 * auditable decision.
 */
import { z } from 'zod';
import { accountIdSchema, empty, method } from './define.js';

export const TIERS = ['S1', 'S2', 'S3', 'S4'] as const;
export const LADDER_SANCTIONS = ['warning', 'temporary_suspension', 'suspension_pending_review', 'offboarding'] as const;
export type LadderSanction = (typeof LADDER_SANCTIONS)[number];

export interface PolicyTier {
  readonly label: string;
  readonly evidenceStandard: string;
  readonly minEvidence: number;
}
export interface PolicySanction {
  readonly label: string;
  readonly lifecycleTo: string;
  readonly defaultDays?: number | undefined;
}
export interface PolicyEntry {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly ladder: Readonly<Record<string, readonly string[]>>;
}
/** The workspace's policy catalog, as validated from `<workspace>/config/policy.json` or the defaults. */
export interface PolicyConfig {
  readonly version: number;
  readonly name: string;
  readonly rationaleMinLength: number;
  readonly approval: { readonly tiers: readonly string[]; readonly precedent: boolean };
  readonly tiers: Readonly<Record<string, PolicyTier>>;
  readonly sanctions: Readonly<Record<string, PolicySanction>>;
  readonly lifecycle: { readonly states: readonly string[]; readonly transitions: Readonly<Record<string, readonly string[]>> };
  readonly policies: readonly PolicyEntry[];
}
export interface PolicyInfo {
  readonly config: PolicyConfig;
  /** 'workspace' when read from config/policy.json, 'defaults' when that file is absent. */
  readonly source: 'workspace' | 'defaults';
  readonly path: string;
  readonly sha256: string;
}

export interface DecisionInfo {
  readonly id: string;
  readonly caseId: string | null;
  readonly accountId: string;
  readonly policy: string;
  readonly tier: string | null;
  readonly sanction: string;
  readonly lifecycleFrom: string | null;
  readonly lifecycleTo: string | null;
  readonly effectiveAt: number | null;
  readonly endsAt: number | null;
  readonly rationale: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: number;
  readonly status: 'pending_approval' | 'effective' | 'rejected' | 'overturned' | 'modified';
  readonly precedent: boolean;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
  readonly appealOutcome: string | null;
  readonly origin: 'upstream' | 'ringside';
  readonly evidenceIds: readonly number[];
  readonly priorSanctions: number | null;
}

export interface AppealInfo {
  readonly id: number;
  readonly decisionId: string;
  readonly openedAt: number;
  readonly openedBy: string;
  readonly reason: string;
  readonly status: 'open' | 'decided';
  readonly reviewer: string | null;
  readonly outcome: 'uphold' | 'overturn' | 'modify' | null;
  readonly rationale: string | null;
  readonly decidedAt: number | null;
}

export interface SanctionProposal {
  readonly accountId: string;
  readonly lifecycleState: string;
  /** Prior effective sanctions of this account under the same policy (upstream and Ringside). */
  readonly priorSanctions: number;
  readonly proposedSanction: string;
  readonly proposedLifecycleTo: string;
  readonly ladder: readonly string[];
}
export interface ConsistencyWarning {
  readonly accountId: string;
  readonly message: string;
  readonly precedentIds: readonly string[];
}
export interface DecisionProposal {
  readonly policy: string;
  readonly tier: string;
  readonly evidenceStandard: string;
  readonly minEvidence: number;
  readonly rationaleMinLength: number;
  readonly needsApproval: boolean;
  readonly subjects: readonly SanctionProposal[];
  readonly warnings: readonly ConsistencyWarning[];
}

export interface SimilarDecision extends DecisionInfo {
  /** Why it matched: 'policy+tier', 'shared device', 'rationale text', ... */
  readonly reasons: readonly string[];
}

export interface AuditEntryInfo {
  readonly seq: number;
  readonly at: number;
  readonly tz: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}
export interface AuditVerifyResult {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: { readonly seq: number; readonly hash: string };
  /** The first entry that does not check out, with the reason; null when the chain is intact. */
  readonly firstBad: { readonly seq: number; readonly reason: string } | null;
}

const tierSchema = z.enum(TIERS);
const rationaleSchema = z.string().trim().max(20_000);

export const decisionMethods = {
  'policy.get': method<PolicyInfo>()(
    'read',
    empty,
    'The workspace policy catalog (config/policy.json, or the defaults when absent). A broken file is BAD_INPUT naming the field.',
  ),
  'decisions.propose': method<DecisionProposal>()(
    'read',
    z
      .object({ caseId: z.string().min(1), accounts: z.array(accountIdSchema).min(1).max(500), policy: z.string().min(1).max(100), tier: tierSchema, sanction: z.string().max(60).optional() })
      .strict(),
    'What the ladder proposes for each subject from its prior sanctions, the tier evidence standard, and consistency warnings against precedent.',
  ),
  'decisions.create': method<{ readonly decisions: readonly DecisionInfo[] }>()(
    'write',
    z
      .object({
        caseId: z.string().min(1),
        accounts: z.array(accountIdSchema).min(1).max(500),
        policy: z.string().min(1).max(100),
        tier: tierSchema,
        /** Omitted: the ladder's proposal for each subject. */
        sanction: z.enum(LADDER_SANCTIONS).optional(),
        /** Omitted: the sanction's lifecycle state from the policy file. */
        lifecycleTo: z.string().max(60).optional(),
        effectiveAt: z.number().int().optional(),
        endsAt: z.number().int().nullable().optional(),
        rationale: rationaleSchema,
        evidenceIds: z.array(z.number().int()).max(500).default([]),
        precedent: z.boolean().default(false),
      })
      .strict(),
    'Record a decision note on a case: one decision per subject. Needs an identity; high tiers or precedent wait for a second reviewer, others take effect at once (lifecycle change + outbox).',
  ),
  'decisions.review': method<DecisionInfo>()(
    'write',
    z.object({ decisionId: z.string().min(1), verdict: z.enum(['approved', 'rejected']), comment: z.string().max(5000).default('') }).strict(),
    'Second-reviewer approval or rejection of a pending decision. The reviewer must be a different person (email) than the decider.',
  ),
  'decisions.setPrecedent': method<DecisionInfo>()(
    'write',
    z.object({ decisionId: z.string().min(1), precedent: z.boolean() }).strict(),
    'Mark or unmark a decision as precedent for its policy and tier.',
  ),
  'decisions.similar': method<{ readonly rows: readonly SimilarDecision[] }>()(
    'read',
    z
      .object({
        policy: z.string().max(100).optional(),
        tier: tierSchema.optional(),
        accounts: z.array(accountIdSchema).max(500).default([]),
        text: z.string().max(500).default(''),
        excludeCaseId: z.string().optional(),
        limit: z.number().int().min(1).max(200).default(30),
      })
      .strict(),
    'Past decisions like this one: same policy and tier, accounts sharing identifiers, and full-text matches in rationales; precedent first.',
  ),
  'appeals.open': method<AppealInfo>()(
    'write',
    z.object({ decisionId: z.string().min(1), reason: z.string().trim().min(10, 'Give the appeal reason (at least 10 characters)').max(10_000) }).strict(),
    'Open an appeal on an effective decision; the case moves to appealed.',
  ),
  'appeals.review': method<AppealInfo>()(
    'write',
    z
      .object({
        appealId: z.number().int(),
        outcome: z.enum(['uphold', 'overturn', 'modify']),
        rationale: rationaleSchema,
        sanction: z.enum(LADDER_SANCTIONS).optional(),
        lifecycleTo: z.string().max(60).optional(),
        endsAt: z.number().int().nullable().optional(),
      })
      .strict(),
    'Decide an appeal (reviewer must differ from the decider). Overturn restores the lifecycle state; modify replaces the sanction.',
  ),
  'audit.head': method<{ readonly seq: number; readonly hash: string; readonly at: number | null; readonly actor: string | null }>()(
    'read',
    empty,
    'The audit chain head: newest entry sequence and hash.',
  ),
  'audit.verify': method<AuditVerifyResult>()('read', empty, 'Recompute the whole audit chain; names the first edited, deleted or reordered entry.'),
  'audit.list': method<{ readonly rows: readonly AuditEntryInfo[] }>()(
    'read',
    z.object({ entityType: z.string().max(40).optional(), entityId: z.string().max(200).optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    'Audit entries, newest first, optionally for one entity.',
  ),
} as const;
