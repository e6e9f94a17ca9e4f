/**
 * Rules lab and dashboard methods (issue #9). A rule is a named, versioned, read-only SQL query
 * over the cache that returns flagged accounts (an `account_id` column, optionally a numeric
 * `score`). Rules are stored through the writer (every save is a new immutable version and an
 * audit entry); backtests, version comparisons and dashboard charts run in the query runner (a
 * killable child process with a read-only connection), like the SQL scratchpad.
 *
 * Labels (see electron/rules/labels.ts): an account is POSITIVE when it has a sanction that still
 * stands (not `no_action`, not overturned) under the rule's policy (or any policy with scope
 * `any`), or a known-fraud flag from the extracts (`accounts.attrs.known_fraud`); NEGATIVE when
 * it was cleared (`no_action`) or a sanction against it was overturned on appeal, and nothing
 * positive stands; OTHER when it only has sanctions under other policies; UNLABELED otherwise.
 * The confusion matrix counts labeled accounts only; flagged unlabeled accounts are reported as
 * "unreviewed" beside it.
 */
import { z } from 'zod';
import { method, queryMethod } from './define.js';
import type { SqlValue } from './sql.js';

export type LabelScope = 'policy' | 'any';
export type AccountLabel = 'positive' | 'negative' | 'other' | 'unlabeled';

export interface RuleVersion {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly description: string;
  readonly owner: string;
  /** Policy code the rule serves (labels are scoped to it by default). */
  readonly policy: string | null;
  readonly sql: string;
  /** Operating point on the score column: accounts with score >= threshold are flagged. */
  readonly threshold: number | null;
  /** What changed in this version, in the author's words. */
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
}

export interface RuleRunSummary {
  readonly id: number;
  readonly ruleId: string;
  readonly version: number;
  readonly startedAt: number;
  readonly durationMs: number | null;
  readonly flagged: number | null;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly threshold: number | null;
  readonly window: TimeWindow | null;
  readonly labelScope: LabelScope;
  readonly error: string | null;
}

export interface RuleListItem extends RuleVersion {
  readonly versions: number;
  readonly lastRun: RuleRunSummary | null;
}

export interface RuleDetail {
  readonly rule: RuleVersion;
  /** Every version, newest first (without the SQL text). */
  readonly versions: readonly Omit<RuleVersion, 'sql' | 'description'>[];
  /** Latest backtests of this rule (any version), newest first. */
  readonly runs: readonly RuleRunSummary[];
}

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export interface ConfusionMatrix {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

export interface Metrics extends ConfusionMatrix {
  /** Null when nothing labeled is flagged. */
  readonly precision: number | null;
  /** Null when there are no positives. */
  readonly recall: number | null;
  readonly f1: number | null;
  /** All flagged accounts, labeled or not. */
  readonly flagged: number;
  /** Flagged accounts without a label (not in the matrix). */
  readonly unreviewed: number;
  /** Flagged accounts whose only sanctions are under other policies (not in the matrix). */
  readonly otherPolicy: number;
  /** Flagged accounts in good standing: active, and no sanction that stands. */
  readonly goodStanding: number;
}

export interface SweepPoint extends Metrics {
  readonly threshold: number;
}

export interface FlaggedAccount {
  readonly accountId: string;
  readonly score: number | null;
  readonly label: AccountLabel;
  readonly lifecycleState: string;
  readonly createdAt: number | null;
  readonly country: string | null;
  /** Latest decision behind the label, when there is one (e.g. "no_action · multiple_accounts"). */
  readonly labelReason: string | null;
}

export interface MonthlyPrecision {
  /** `YYYY-MM` of the label's decision. */
  readonly month: string;
  readonly tp: number;
  readonly fp: number;
  readonly precision: number | null;
}

export interface BacktestResult {
  readonly rule: { readonly id: string; readonly version: number; readonly name: string } | null;
  readonly policy: string | null;
  readonly labelScope: LabelScope;
  readonly window: TimeWindow | null;
  /** Whether the rule returns a numeric `score` column (else the sweep is a single point). */
  readonly hasScore: boolean;
  /** Operating point used for `metrics` (null: every returned account is flagged). */
  readonly threshold: number | null;
  /** Labels available in the window: positives, negatives, other-policy. */
  readonly labels: { readonly positive: number; readonly negative: number; readonly other: number };
  readonly metrics: Metrics;
  /** One point per distinct score (at most 200, by quantile), ascending threshold. */
  readonly sweep: readonly SweepPoint[];
  /** Flagged accounts in good standing at the lowest threshold, highest score first (first 1,000). */
  readonly friction: readonly FlaggedAccount[];
  /** Samples at the operating point to review: false positives, true positives, missed (fn). */
  readonly samples: {
    readonly fp: readonly FlaggedAccount[];
    readonly tp: readonly FlaggedAccount[];
    readonly fn: readonly FlaggedAccount[];
  };
  readonly byMonth: readonly MonthlyPrecision[];
  /** Rows the rule returned (an account returned twice counts twice). */
  readonly rows: number;
  /** Flagged ids that are not accounts in the cache (a sign of a wrong column). */
  readonly unknownAccounts: number;
  /** Where the time went inside the runner: the rule's SQL, reading labels, the arithmetic. */
  readonly phases: { readonly ruleMs: number; readonly labelsMs: number; readonly metricsMs: number };
  readonly elapsedMs: number;
  /** rule_runs id when the backtest was of a saved version (recorded), else null. */
  readonly runId: number | null;
}

export interface CompareSide {
  readonly version: number;
  readonly threshold: number | null;
  readonly metrics: Metrics;
}

export interface CompareResult {
  readonly ruleId: string;
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly labelScope: LabelScope;
  readonly window: TimeWindow | null;
  /** Flagged by b, not by a. */
  readonly added: { readonly count: number; readonly byLabel: Record<AccountLabel, number>; readonly sample: readonly FlaggedAccount[] };
  /** Flagged by a, not by b. */
  readonly dropped: { readonly count: number; readonly byLabel: Record<AccountLabel, number>; readonly sample: readonly FlaggedAccount[] };
  readonly kept: number;
  readonly elapsedMs: number;
}

export interface DashboardChartResult {
  readonly chartId: string;
  readonly sql: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqlValue[])[];
  readonly elapsedMs: number;
}

/** The end of an open window: 9999-12-31T23:59:59.999Z (SQLite's date functions stop there). */
export const END_OF_TIME = 253_402_300_799_999;

const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Rule ids are lower-case letters, digits, _ and -, starting with a letter or digit (at most 63).');
const windowSchema = z
  .object({ from: z.number().int(), to: z.number().int() })
  .strict()
  .refine((w) => w.to > w.from, { message: 'The window must end after it starts (to > from).', path: ['to'] });
const labelScope = z.enum(['policy', 'any']).default('policy');
const timeoutMs = z.number().int().min(1000).max(3_600_000).default(300_000);

export const ruleSaveSchema = z
  .object({
    /** Absent: a new rule (id from the name); present: a new version of that rule. */
    id: ruleId.optional(),
    name: z.string().trim().min(1, 'A rule needs a name.').max(120),
    description: z.string().max(4000).default(''),
    owner: z.string().trim().max(120).default(''),
    policy: z.string().trim().max(60).nullable().default(null),
    sql: z.string().min(1, 'The rule has no SQL.').max(200_000),
    threshold: z.number().finite().nullable().default(null),
    note: z.string().max(1000).default(''),
  })
  .strict();

export const rulesMethods = {
  'rules.list': method<RuleListItem[]>()('read', z.object({}).strict(), 'Every rule (latest version) with its latest backtest.'),
  'rules.get': method<RuleDetail>()(
    'read',
    z.object({ id: ruleId, version: z.number().int().min(1).optional() }).strict(),
    'One rule version (latest by default), its version list and its recent backtests. NOT_FOUND.',
  ),
  'rules.save': method<RuleVersion & { created: boolean }>()(
    'write',
    ruleSaveSchema,
    'Save a rule: a new rule, or a new version when anything changed (created=false when identical to the latest). The SQL must be one read-only statement; the policy must be in the policy file. Audited.',
  ),
  'rules.installStarters': method<{ installed: string[] }>()(
    'write',
    z.object({}).strict(),
    'Install the starter rules (device sharing, payout sharing, takeover sequence) that the workspace does not have yet.',
  ),
  'rules.recordRun': method<{ id: number }>()(
    'write',
    z
      .object({
        ruleId,
        version: z.number().int().min(1),
        startedAt: z.number().int(),
        durationMs: z.number().int().min(0),
        flagged: z.number().int().min(0).nullable(),
        metrics: z.record(z.string(), z.unknown()),
        error: z.string().max(2000).nullable(),
      })
      .strict(),
    'Internal: record a backtest of a saved rule version (the host calls it after rules.backtest).',
  ),
  'rules.backtest': queryMethod<BacktestResult>()(
    z
      .object({
        /** A saved rule (latest version unless `version`), or an unsaved draft given by `sql`. */
        ruleId: ruleId.optional(),
        version: z.number().int().min(1).optional(),
        sql: z.string().min(1).max(200_000).optional(),
        policy: z.string().max(60).nullable().optional(),
        threshold: z.number().finite().nullable().optional(),
        window: windowSchema.optional(),
        labelScope,
        timeoutMs,
      })
      .strict()
      .refine((r) => r.ruleId !== undefined || r.sql !== undefined, {
        message: 'Give a saved rule (ruleId) or the SQL of a draft.',
        path: ['ruleId'],
      }),
    'Run a rule (saved version or draft) in the query runner and measure it against labels: confusion matrix, precision/recall/F1, threshold sweep, friction, monthly precision. Shows as a job; jobs.cancel stops it. SQL_REFUSED / SQL_ERROR / BAD_REQUEST (no account_id column, non-numeric score) / TIMEOUT / CANCELLED.',
  ),
  'rules.compare': queryMethod<CompareResult>()(
    z
      .object({
        ruleId,
        a: z.number().int().min(1),
        b: z.number().int().min(1),
        window: windowSchema.optional(),
        labelScope,
        sampleSize: z.number().int().min(1).max(500).default(50),
        timeoutMs,
      })
      .strict(),
    'Compare two versions of a rule, each at its own operating point: metrics side by side, accounts added and dropped by label, with a sample of each to review.',
  ),
  'dashboard.chart': queryMethod<DashboardChartResult>()(
    z
      .object({
        chartId: z.string().min(1).max(60),
        window: windowSchema.optional(),
        timeoutMs: timeoutMs.default(60_000),
      })
      .strict(),
    'Run one dashboard chart query (see shared/dashboard.ts) in the query runner; returns its rows and the SQL behind it.',
  ),
} as const;
