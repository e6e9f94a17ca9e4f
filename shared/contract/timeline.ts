/**
 * Timeline methods: what every account of a selection did, and when. All run on the reader
 * connection, so a sync in progress never blocks the screen. The renderer is never sent an
 * unbounded number of items: `timeline.view` answers with raw events only while the window
 * holds at most RAW_EVENT_LIMIT of them, and with per-lane, per-type bins otherwise.
 */
import { z } from 'zod';
import { accountIdSchema, method } from './define.js';
import type { Page } from './types.js';

/** Above this many events in the window, `timeline.view` answers with bins instead of events. */
export const RAW_EVENT_LIMIT = 5000;
/** Lanes shown at most (identifier lanes are ranked by event count; the rest are counted). */
export const MAX_LANES = 200;

export type LaneMode = 'account' | 'identifier' | 'type';

export interface TimelineLane {
  /** `account:<id>`, `device:<value>`, `ip:<value>` or `type:<type>`. */
  readonly key: string;
  readonly label: string;
  /** Events of this lane inside the window (after the type filter). */
  readonly count: number;
}

/** One raw event: `lane` indexes `lanes`, `type` indexes `types`. */
export interface TimelineEvent {
  readonly id: string;
  readonly accountId: string;
  readonly at: number;
  readonly lane: number;
  readonly type: number;
}

export interface TimelineView {
  readonly laneMode: LaneMode;
  /** The window answered (the request's, or the accounts' whole extent when none was given). */
  readonly from: number;
  readonly to: number;
  /** First and last event of these accounts (any type, any time); null when they have none. */
  readonly extent: { readonly from: number; readonly to: number } | null;
  readonly lanes: readonly TimelineLane[];
  /** Lanes that exist but were not returned (beyond MAX_LANES). */
  readonly lanesOmitted: number;
  /** Every event type of these accounts, sorted, with its count in the window. */
  readonly types: readonly { readonly type: string; readonly count: number }[];
  /** Events in the window after the type filter. */
  readonly total: number;
  readonly mode: 'events' | 'bins';
  readonly events: readonly TimelineEvent[];
  /** Bin width in ms (mode 'bins'); bin i covers [from + i*binMs, from + (i+1)*binMs). */
  readonly binMs: number;
  /** Sparse bins: [lane, bin, type, count] (mode 'bins'). */
  readonly bins: readonly (readonly [number, number, number, number])[];
  /**
   * Density of the whole extent (all lanes, type filter applied) for the overview strip; null
   * when the request said `overview: false` (zoom refetches keep the strip they have).
   */
  readonly overview: { readonly from: number; readonly binMs: number; readonly counts: readonly number[] } | null;
}

export interface TimelineEventRow {
  readonly id: string;
  readonly accountId: string;
  readonly at: number;
  readonly type: string;
  readonly ip: string | null;
  readonly device: string | null;
  readonly amount: number | null;
  /** The event's extra columns (result, task_id, instrument, sanction, ...) as JSON text. */
  readonly attrs: string;
}

export interface BurstPattern {
  readonly accountId: string;
  readonly from: number;
  /** Exclusive end of the last burst window. */
  readonly to: number;
  readonly count: number;
  /** The account's median events per active window (its baseline). */
  readonly baseline: number;
  /** count / (baseline × windows spanned). */
  readonly factor: number;
  readonly topType: string;
}

export interface LockstepGroup {
  readonly type: string;
  readonly from: number;
  readonly to: number;
  readonly accounts: readonly string[];
  readonly events: readonly { readonly id: string; readonly accountId: string; readonly at: number }[];
}

export interface TimelinePatterns {
  readonly bursts: readonly BurstPattern[];
  readonly lockstep: readonly LockstepGroup[];
  /** True when more groups or bursts existed than were returned (MAX_PATTERNS each). */
  readonly truncated: boolean;
  readonly params: {
    readonly lockstepDeltaMs: number;
    readonly minAccounts: number;
    readonly burstWindowMs: number;
    readonly burstFactor: number;
    readonly burstMinCount: number;
  };
}

export type MarkerKind = 'case_opened' | 'sla_due' | 'case_audit' | 'decision' | 'enforcement';

export interface TimelineMarker {
  readonly kind: MarkerKind;
  readonly at: number;
  /** The account it concerns (decisions, enforcement); null for case-wide markers. */
  readonly accountId: string | null;
  readonly caseId: string | null;
  readonly label: string;
  readonly detail: string;
}

export const MAX_PATTERNS = 1000;
export const MAX_MARKERS = 2000;

const accounts = z.array(accountIdSchema).min(1, 'Pick at least one account').max(500, 'At most 500 accounts per timeline');
const time = z.number().int().min(0).max(8.64e15);
const types = z.array(z.string().min(1).max(100)).max(100).optional();

function windowOrdered<T extends { from?: number | undefined; to?: number | undefined }>(value: T): boolean {
  return value.from === undefined || value.to === undefined || value.from < value.to;
}
const windowMessage = { message: '`from` must be before `to`', path: ['to'] };

export const timelineMethods = {
  'timeline.view': method<TimelineView>()(
    'read',
    z
      .object({
        accounts,
        laneMode: z.enum(['account', 'identifier', 'type']).default('account'),
        from: time.optional(),
        to: time.optional(),
        pixelWidth: z.number().int().min(50).max(8000).default(1200),
        types,
        overview: z.boolean().default(true),
      })
      .strict()
      .refine(windowOrdered, windowMessage),
    'Lanes of a timeline for a window: raw events when the window holds ≤ 5,000, else per-lane per-type bins; plus the density overview of the whole extent.',
  ),
  'timeline.events': method<Page<TimelineEventRow>>()(
    'read',
    z
      .object({
        accounts,
        from: time,
        to: time,
        types,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict()
      .refine(windowOrdered, windowMessage),
    'A page of the events of these accounts in [from, to), oldest first (for the event grid).',
  ),
  'timeline.patterns': method<TimelinePatterns>()(
    'read',
    z
      .object({
        accounts,
        from: time.optional(),
        to: time.optional(),
        types,
        lockstepDeltaMs: z.number().int().min(1000).max(86_400_000).default(60_000),
        minAccounts: z.number().int().min(2).max(500).default(2),
        burstWindowMs: z.number().int().min(60_000).max(7 * 86_400_000).default(3_600_000),
        burstFactor: z.number().min(1.5).max(1000).default(4),
        burstMinCount: z.number().int().min(2).max(100_000).default(8),
      })
      .strict()
      .refine(windowOrdered, windowMessage),
    'Bursts (windows far above an account’s own median rate) and lockstep groups (same event type from ≥ minAccounts accounts within lockstepDeltaMs).',
  ),
  'timeline.markers': method<readonly TimelineMarker[]>()(
    'read',
    z.object({ accounts, from: time.optional(), to: time.optional() }).strict().refine(windowOrdered, windowMessage),
    'Case milestones (opened, SLA due, audit entries), decisions and enforcement events of these accounts.',
  ),
  'timeline.caseSubjects': method<{ readonly caseId: string; readonly title: string; readonly accounts: readonly string[] }>()(
    'read',
    z.object({ caseId: z.string().min(1).max(200) }).strict(),
    'The subject accounts of a case, to open its timeline. NOT_FOUND when the case does not exist.',
  ),
} as const;
