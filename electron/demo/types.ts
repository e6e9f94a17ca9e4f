/**
 * Shapes shared by the demo generator's planning and writing halves. The plan is everything that
 * crosses account boundaries (who is in which ring, shared identifiers, creation times, labels,
 * cases); it is built up front in compact typed arrays so the writer can then stream account by
 * account with only per-account state.
 */
import type { IdentifierKind, PolicyCode, Sanction, SeverityTier } from '../../shared/domain/model.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
/** The data window ends here (exclusive) and spans WINDOW_DAYS; all timestamps derive from it. */
export const WINDOW_END = Date.UTC(2026, 9, 31);
export const WINDOW_DAYS = 180;
export const WINDOW_START = WINDOW_END - WINDOW_DAYS * DAY;

export type RingKind = 'device_farm' | 'shared_payout' | 'referral_ring' | 'task_gaming';
export const RING_KINDS: readonly RingKind[] = ['device_farm', 'shared_payout', 'referral_ring', 'task_gaming'];
export type BenignKind = 'office_ip' | 'vpn_exit' | 'family_device' | 'coworking_address';

export interface IdentifierRef {
  kind: IdentifierKind;
  value: string;
}

export interface Ring {
  index: number;
  id: string;
  kind: RingKind;
  /** Account indices in plan order (the order they were created in for farms/referral rings). */
  members: number[];
  /** Group key for group-owned identifier values (see values.ts). */
  key: number;
  countryIndex: number;
  /** Every identifier that binds the ring (what ground_truth.json lists). */
  shared: IdentifierRef[];
  /** Per member (aligned with `members`): the ring devices that member uses. */
  memberDevices: string[][];
  /** Ring-owned IP pool (device farms) used by every member; empty for other kinds. */
  ipPool: string[];
  /** Per member: the shared payout instrument it pays out to, or null (own instrument). */
  memberPayout: (IdentifierRef | null)[];
  /** Per member: when it switched to the shared payout (NaN: had it from signup). */
  payoutSwitchAt: number[];
  sharedPhone: string | null;
  sharedAddress: string | null;
  /** Coordinated activity bursts (farms and task gaming): start times of ~3 h work shifts. */
  bursts: number[];
}

export interface BenignGroup {
  index: number;
  id: string;
  kind: BenignKind;
  members: number[];
  identifier: IdentifierRef;
  countryIndex: number;
}

export interface Household {
  members: number[];
  countryIndex: number;
}

export interface PlannedCase {
  /** Assigned after all cases are planned and sorted by opened_at. */
  id: string;
  title: string;
  status: 'new' | 'in_review' | 'escalated' | 'decided' | 'closed';
  priority: string;
  severity: SeverityTier;
  policy: PolicyCode;
  assignee: string;
  openedAt: number;
  slaDueAt: number;
  originRule: string;
  subjects: { account: number; role: 'primary' | 'related' }[];
  truePositive: boolean;
}

export interface PlannedDecision {
  caseRef: PlannedCase | null;
  policy: PolicyCode;
  tier: SeverityTier;
  sanction: Sanction;
  decidedAt: number;
  decidedBy: string;
  rationale: string;
  appealOutcome: '' | 'upheld' | 'overturned';
  /** Whether activity stops at decided_at (suspensions and offboarding that stood). */
  stopsActivity: boolean;
  lifecycle: 'active' | 'suspended' | 'reactivation_eligible' | 'offboarded';
}

/** Per-account role flags (bit set in Plan.flags). */
export const FLAG_TAKEOVER = 1;
export const FLAG_SOLO_GAMER = 2;
export const FLAG_REFERRER = 4;

export interface Plan {
  seed: number;
  accounts: number;
  eventsPerAccount: number;
  accountIdWidth: number;
  createdAt: Float64Array;
  /** Ring index or -1. */
  ringOf: Int32Array;
  /** Position within the ring's `members`. */
  ringPos: Uint8Array;
  /** Hub (office_ip / vpn_exit) group index or -1; at most one hub per account. */
  hubOf: Int32Array;
  /** Family / coworking group index or -1 (an account is in at most one). */
  groupOf: Int32Array;
  groupPos: Uint8Array;
  /** Referrer account index or -1 (benign referrals and referral-ring trees alike). */
  referrerOf: Int32Array;
  flags: Uint8Array;
  rings: Ring[];
  hubs: BenignGroup[];
  groups: BenignGroup[];
  /**
   * Extra benign households (only with the `linkDensity` option): accounts sharing a home address
   * and a household tablet. Empty by default, so the default extract is unchanged.
   */
  households: Household[];
  /** Household index per account, or -1. */
  householdOf: Int32Array;
  takeoverAt: Map<number, number>;
  decisions: Map<number, PlannedDecision[]>;
  cases: PlannedCase[];
  /** Mean extra events (beyond signup + KYC) for ordinary accounts; see ordinaryExtraMean. */
  ordinaryExtraMean: number;
  /** Size of the global task catalogue (task ids task_0000001..). */
  taskPool: number;
}

/** Account id for an index: `acc_0000001` (1-based, zero-padded to the plan's width). */
export function accountId(plan: Plan, index: number): string {
  return `acc_${String(index + 1).padStart(plan.accountIdWidth, '0')}`;
}
