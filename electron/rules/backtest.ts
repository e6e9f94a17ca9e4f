/**
 * Rule backtests and version comparisons, executed INSIDE the query runner process (runnerProcess
 * .ts) on its read-only connection, so a runaway rule is stopped by killing that process, exactly
 * like a scratchpad query. The rule's SQL goes through the same checks as the scratchpad
 * (prepared.ts: lexical check, stmt.readonly, stmt.reader).
 *
 * A rule returns one row per flagged account: an `account_id` column and, optionally, a numeric
 * `score` column (a higher score means more suspicious). An account returned several times keeps
 * its highest score. The rule may use the parameters :from and :to (the backtest window, epoch
 * ms; the whole history without one) and :now.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import { END_OF_TIME } from '../../shared/contract/rules.js';
import type {
  BacktestResult,
  CompareResult,
  FlaggedAccount,
  AccountLabel,
  LabelScope,
  TimeWindow,
} from '../../shared/contract/rules.js';
import type { Db } from '../db/open.js';
import { checkStatement } from '../query/check.js';
import { iterate, prepare, sqlError } from '../query/prepared.js';
import { LabelSet } from './labels.js';
import { byScoreDesc, diffFlagged, isFlagged, metricsAt, precisionByMonth, sweep, type FlagRow } from './metrics.js';

export const RULE_PARAMS = ['from', 'to', 'now'] as const;
const FRICTION_LIMIT = 1000;
const SAMPLE = 50;

export interface RuleSource {
  readonly ruleId?: string | undefined;
  readonly version?: number | undefined;
  /** A draft's SQL (takes precedence over a stored rule's). */
  readonly sql?: string | undefined;
  readonly policy?: string | null | undefined;
  /** undefined: the stored version's operating point; null: flag everything returned. */
  readonly threshold?: number | null | undefined;
}

export interface BacktestSpec extends RuleSource {
  readonly scope: LabelScope;
  readonly window: TimeWindow | null;
  readonly now: number;
}

export interface CompareSpec {
  readonly ruleId: string;
  readonly a: number;
  readonly b: number;
  readonly scope: LabelScope;
  readonly window: TimeWindow | null;
  readonly now: number;
  readonly sampleSize: number;
}

interface LoadedRule {
  readonly rule: { readonly id: string; readonly version: number; readonly name: string } | null;
  readonly sql: string;
  readonly policy: string | null;
  readonly threshold: number | null;
}

function loadRule(db: Db, source: RuleSource): LoadedRule {
  if (source.ruleId === undefined) {
    if (source.sql === undefined) throw new RingsideError('BAD_REQUEST', 'Give a saved rule or the SQL of a draft.');
    return { rule: null, sql: source.sql, policy: source.policy ?? null, threshold: source.threshold ?? null };
  }
  const row = db
    .prepare(
      source.version === undefined
        ? 'SELECT id, version, name, sql, policy, threshold FROM rules WHERE id = ? ORDER BY version DESC LIMIT 1'
        : 'SELECT id, version, name, sql, policy, threshold FROM rules WHERE id = ? AND version = ?',
    )
    .get(...(source.version === undefined ? [source.ruleId] : [source.ruleId, source.version])) as
    | { id: string; version: number; name: string; sql: string; policy: string | null; threshold: number | null }
    | undefined;
  if (!row)
    throw new RingsideError(
      'NOT_FOUND',
      source.version === undefined
        ? `There is no rule "${source.ruleId}".`
        : `Rule "${source.ruleId}" has no version ${source.version}.`,
    );
  return {
    rule: { id: row.id, version: row.version, name: row.name },
    sql: source.sql ?? row.sql,
    policy: source.policy !== undefined ? source.policy : row.policy,
    threshold: source.threshold !== undefined ? source.threshold : row.threshold,
  };
}

function ruleParams(sql: string, window: TimeWindow | null, now: number): Record<string, number> {
  const used = checkStatement(sql).params;
  const unknown = used.filter((p) => !(RULE_PARAMS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new RingsideError(
      'BAD_REQUEST',
      `A rule can use the parameters :from and :to (the backtest window, epoch ms) and :now; this one also uses ${unknown.map((p) => `:${p}`).join(', ')}.`,
      { params: unknown },
    );
  return { from: window?.from ?? 0, to: window?.to ?? END_OF_TIME, now };
}

/** Runs the rule and reads its flagged accounts (highest score per account). */
export function readFlags(
  db: Db,
  sql: string,
  window: TimeWindow | null,
  now: number,
  onRows?: (rows: number) => void,
): { scores: Map<string, number | null>; hasScore: boolean; rows: number } {
  const p = prepare(db, sql, ruleParams(sql, window, now));
  const names = p.stmt.columns().map((c) => c.name.toLowerCase());
  const idIndex = names.indexOf('account_id');
  if (idIndex < 0)
    throw new RingsideError(
      'BAD_REQUEST',
      `A rule must return an account_id column (and optionally a numeric score); this one returns ${names.join(', ') || 'no columns'}.`,
      { columns: names },
    );
  const scoreIndex = names.indexOf('score');
  const scores = new Map<string, number | null>();
  let rows = 0;
  try {
    for (const raw of iterate(p)) {
      rows++;
      const id = raw[idIndex];
      if (typeof id !== 'string' && typeof id !== 'number' && typeof id !== 'bigint')
        throw new RingsideError('BAD_REQUEST', `Row ${rows} of the rule's result has no account_id (it is ${id === null ? 'NULL' : typeof id}).`, {
          row: rows,
        });
      const accountId = String(id);
      let score: number | null = null;
      if (scoreIndex >= 0) {
        const value = raw[scoreIndex];
        score = typeof value === 'bigint' ? Number(value) : (value as number);
        if (typeof score !== 'number' || !Number.isFinite(score))
          throw new RingsideError(
            'BAD_REQUEST',
            `Row ${rows} (account ${accountId}): score is ${value === null ? 'NULL' : JSON.stringify(value)}, not a number. Give every row a numeric score, or drop the score column.`,
            { row: rows, accountId },
          );
      }
      const prev = scores.get(accountId);
      if (prev === undefined || (score !== null && prev !== null && score > prev)) scores.set(accountId, score);
      if (onRows && rows % 50_000 === 0) onRows(rows);
    }
  } catch (err) {
    throw sqlError(err);
  }
  return { scores, hasScore: scoreIndex >= 0, rows };
}

function flagRows(labels: LabelSet, scores: Map<string, number | null>): { rows: FlagRow[]; unknownAccounts: number } {
  const rows: FlagRow[] = [];
  let unknownAccounts = 0;
  for (const [accountId, score] of scores) {
    const info = labels.label(accountId);
    const facts = labels.facts(accountId);
    if (!facts) unknownAccounts++;
    rows.push({
      accountId,
      score,
      label: info.label,
      labelAt: info.at,
      goodStanding: labels.goodStanding(accountId, facts?.lifecycleState ?? null),
    });
  }
  return { rows, unknownAccounts };
}

export function runBacktest(
  db: Db,
  spec: BacktestSpec,
  onRows?: (rows: number) => void,
): Omit<BacktestResult, 'elapsedMs' | 'runId'> {
  const t0 = performance.now();
  const rule = loadRule(db, spec);
  const { scores, hasScore, rows: rowCount } = readFlags(db, rule.sql, spec.window, spec.now, onRows);
  const t1 = performance.now();
  const labels = new LabelSet(db, { policy: rule.policy, scope: spec.scope, window: spec.window });
  const t2 = performance.now();
  const { rows, unknownAccounts } = flagRows(labels, scores);
  const threshold = hasScore ? rule.threshold : null;
  rows.sort(byScoreDesc);
  const at = rows.filter((r) => isFlagged(r, threshold));
  const describe = (r: FlagRow) => labels.describe(r.accountId, r.score);
  const flaggedIds = new Set(at.map((r) => r.accountId));
  const missed: FlaggedAccount[] = [];
  for (const id of labels.positives()) {
    if (missed.length >= SAMPLE) break;
    if (!flaggedIds.has(id)) missed.push(labels.describe(id, scores.get(id) ?? null));
  }
  const result = {
    rule: rule.rule,
    policy: rule.policy,
    labelScope: spec.scope,
    window: spec.window,
    hasScore,
    threshold,
    labels: labels.totals,
    metrics: metricsAt(rows, labels.totals, threshold),
    sweep: hasScore ? sweep(rows, labels.totals) : [],
    friction: rows.filter((r) => r.goodStanding).slice(0, FRICTION_LIMIT).map(describe),
    samples: {
      fp: at.filter((r) => r.label === 'negative').slice(0, SAMPLE).map(describe),
      tp: at.filter((r) => r.label === 'positive').slice(0, SAMPLE).map(describe),
      fn: missed,
    },
    byMonth: precisionByMonth(rows, threshold),
    rows: rowCount,
    unknownAccounts,
  };
  const ms = (a: number, b: number) => Math.round(b - a);
  return { ...result, phases: { ruleMs: ms(t0, t1), labelsMs: ms(t1, t2), metricsMs: ms(t2, performance.now()) } };
}

function byLabel(rows: readonly FlagRow[]): Record<AccountLabel, number> {
  const out: Record<AccountLabel, number> = { positive: 0, negative: 0, other: 0, unlabeled: 0 };
  for (const r of rows) out[r.label]++;
  return out;
}

/** Reviewers look at what changed for labelled accounts first: negatives, positives, then the rest. */
const REVIEW_ORDER: Record<AccountLabel, number> = { negative: 0, positive: 1, other: 2, unlabeled: 3 };

export function runCompare(db: Db, spec: CompareSpec): Omit<CompareResult, 'elapsedMs'> {
  const ruleA = loadRule(db, { ruleId: spec.ruleId, version: spec.a });
  const ruleB = loadRule(db, { ruleId: spec.ruleId, version: spec.b });
  // Both versions are measured against the same labels: those of the newer version's policy.
  const labels = new LabelSet(db, { policy: ruleB.policy, scope: spec.scope, window: spec.window });
  const side = (rule: LoadedRule) => {
    const { scores, hasScore } = readFlags(db, rule.sql, spec.window, spec.now);
    const threshold = hasScore ? rule.threshold : null;
    const rows = flagRows(labels, scores).rows;
    return { rows, threshold, metrics: metricsAt(rows, labels.totals, threshold) };
  };
  const a = side(ruleA);
  const b = side(ruleB);
  const diff = diffFlagged(a.rows, a.threshold, b.rows, b.threshold);
  const sample = (rows: FlagRow[]) =>
    [...rows]
      .sort((x, y) => REVIEW_ORDER[x.label] - REVIEW_ORDER[y.label] || byScoreDesc(x, y))
      .slice(0, spec.sampleSize)
      .map((r) => labels.describe(r.accountId, r.score));
  return {
    ruleId: spec.ruleId,
    a: { version: spec.a, threshold: a.threshold, metrics: a.metrics },
    b: { version: spec.b, threshold: b.threshold, metrics: b.metrics },
    labelScope: spec.scope,
    window: spec.window,
    added: { count: diff.added.length, byLabel: byLabel(diff.added), sample: sample(diff.added) },
    dropped: { count: diff.dropped.length, byLabel: byLabel(diff.dropped), sample: sample(diff.dropped) },
    kept: diff.kept,
  };
}
