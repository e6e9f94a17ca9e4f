/**
 * The domain vocabulary shared by every layer: lifecycle states, identifier kinds, event types,
 * case statuses, severity tiers and sanctions. Values here are stored in the cache and appear in
 * extracts, so they are append-only: renaming one is a migration, not an edit.
 */

export const LIFECYCLE_STATES = ['active', 'suspended', 'reactivation_eligible', 'offboarded'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** Kinds of identifier whose shared values link accounts. */
export const IDENTIFIER_KINDS = [
  'device',
  'ip',
  'payment_instrument',
  'bank_account',
  'email',
  'phone',
  'address',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const EVENT_TYPES = [
  'signup',
  'kyc_check',
  'login',
  'password_reset',
  'payout_method_change',
  'task_submit',
  'payout',
  'enforcement',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Account-to-account interactions. */
export const RELATION_KINDS = ['referral', 'payment', 'review', 'message'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const CASE_STATUSES = ['new', 'in_review', 'escalated', 'decided', 'appealed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** S1 is critical, S4 low. */
export const SEVERITY_TIERS = ['S1', 'S2', 'S3', 'S4'] as const;
export type SeverityTier = (typeof SEVERITY_TIERS)[number];

/** The sanctions ladder, mildest first; `no_action` records a cleared account (a negative label). */
export const SANCTIONS = [
  'no_action',
  'warning',
  'temporary_suspension',
  'suspension_pending_review',
  'offboarding',
] as const;
export type Sanction = (typeof SANCTIONS)[number];

export const POLICIES = [
  'identity_fraud',
  'multiple_accounts',
  'payout_fraud',
  'task_quality_gaming',
  'collusion',
  'account_takeover',
  'harassment',
] as const;
export type PolicyCode = (typeof POLICIES)[number];

export const APPEAL_OUTCOMES = ['upheld', 'overturned', 'modified'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
