/**
 * Backtest arithmetic, pure and exact (no SQL, no I/O), so the numbers can be checked by hand:
 * given the accounts a rule flags (with their score and label) and the label totals, it gives
 * the confusion matrix, precision / recall / F1 at a threshold, and the threshold sweep.
 *
 * Definitions (README, "Rules lab"):
 *  - TP: flagged and positive; FP: flagged and negative; FN: positive and not flagged;
 *    TN: negative and not flagged. Accounts labelled `other` (sanctioned under another policy)
 *    and `unlabeled` ones are outside the matrix; flagged ones are counted as `otherPolicy` and
 *    `unreviewed` beside it.
 *  - precision = TP / (TP + FP), null when nothing labelled is flagged;
 *    recall = TP / (TP + FN), null when there are no positives;
 *    F1 = 2PR / (P + R), null when either is null, 0 when both are 0.
 *  - A threshold t flags the accounts whose score is >= t. Raising t can only remove flagged
 *    accounts, so flagged, TP, FP, unreviewed, good standing and recall never increase with t
 *    (precision may move either way).
 */
import type { AccountLabel, Metrics, MonthlyPrecision, SweepPoint } from '../../shared/contract/rules.js';

export interface FlagRow {
  readonly accountId: string;
  /** Null when the rule has no score column. */
  readonly score: number | null;
  readonly label: AccountLabel;
  /** When the label's decision was made (null for flags from the extracts, or unlabelled). */
  readonly labelAt: number | null;
  readonly goodStanding: boolean;
}

export interface LabelTotals {
  readonly positive: number;
  readonly negative: number;
  readonly other: number;
}

interface Counts {
  flagged: number;
  positive: number;
  negative: number;
  other: number;
  unlabeled: number;
  good: number;
}

const zero = (): Counts => ({ flagged: 0, positive: 0, negative: 0, other: 0, unlabeled: 0, good: 0 });

function add(c: Counts, row: FlagRow): void {
  c.flagged++;
  c[row.label]++;
  if (row.goodStanding) c.good++;
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

function fromCounts(c: Counts, totals: LabelTotals): Metrics {
  const tp = c.positive;
  const fp = c.negative;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, totals.positive);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    tp,
    fp,
    fn: totals.positive - tp,
    tn: totals.negative - fp,
    precision,
    recall,
    f1,
    flagged: c.flagged,
    unreviewed: c.unlabeled,
    otherPolicy: c.other,
    goodStanding: c.good,
  };
}

/** Whether `row` is flagged at `threshold` (null: every returned row is flagged). */
export function isFlagged(row: Pick<FlagRow, 'score'>, threshold: number | null): boolean {
  return threshold === null || (row.score !== null && row.score >= threshold);
}

/** Metrics at one operating point. */
export function metricsAt(rows: readonly FlagRow[], totals: LabelTotals, threshold: number | null): Metrics {
  const c = zero();
  for (const row of rows) if (isFlagged(row, threshold)) add(c, row);
  return fromCounts(c, totals);
}

/**
 * One point per distinct score, ascending threshold; when there are more than `maxPoints`
 * distinct scores, an evenly spaced subset of them that always keeps the lowest and the highest.
 * Rows without a score are never flagged by a threshold and so appear in no point.
 */
export function sweep(rows: readonly FlagRow[], totals: LabelTotals, maxPoints = 200): SweepPoint[] {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => (b.score as number) - (a.score as number));
  const points: SweepPoint[] = [];
  const c = zero();
  for (let i = 0; i < scored.length; i++) {
    const row = scored[i] as FlagRow;
    add(c, row);
    const next = scored[i + 1];
    if (next === undefined || next.score !== row.score) points.push({ threshold: row.score as number, ...fromCounts(c, totals) });
  }
  points.reverse();
  if (points.length <= maxPoints) return points;
  const picked: SweepPoint[] = [];
  let last = -1;
  for (let k = 0; k < maxPoints; k++) {
    const index = Math.round((k * (points.length - 1)) / (maxPoints - 1));
    if (index !== last) picked.push(points[index] as SweepPoint);
    last = index;
  }
  return picked;
}

/** Precision by calendar month (UTC) of the label's decision, at one operating point. */
export function precisionByMonth(rows: readonly FlagRow[], threshold: number | null): MonthlyPrecision[] {
  const months = new Map<string, { tp: number; fp: number }>();
  for (const row of rows) {
    if (!isFlagged(row, threshold) || row.labelAt === null) continue;
    if (row.label !== 'positive' && row.label !== 'negative') continue;
    const month = new Date(row.labelAt).toISOString().slice(0, 7);
    const m = months.get(month) ?? { tp: 0, fp: 0 };
    if (row.label === 'positive') m.tp++;
    else m.fp++;
    months.set(month, m);
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({ month, tp: m.tp, fp: m.fp, precision: ratio(m.tp, m.tp + m.fp) }));
}

export interface SetDiff {
  readonly added: FlagRow[];
  readonly dropped: FlagRow[];
  readonly kept: number;
}

/** Accounts flagged by `b` and not `a` (added), and by `a` and not `b` (dropped). */
export function diffFlagged(a: readonly FlagRow[], ta: number | null, b: readonly FlagRow[], tb: number | null): SetDiff {
  const inA = new Set(a.filter((r) => isFlagged(r, ta)).map((r) => r.accountId));
  const inB = new Map(b.filter((r) => isFlagged(r, tb)).map((r) => [r.accountId, r]));
  const added = [...inB.values()].filter((r) => !inA.has(r.accountId));
  const dropped = a.filter((r) => isFlagged(r, ta) && !inB.has(r.accountId));
  return { added, dropped, kept: inA.size - dropped.length };
}

/** Highest score first, then account id, for stable samples. */
export function byScoreDesc(x: FlagRow, y: FlagRow): number {
  const sx = x.score ?? -Infinity;
  const sy = y.score ?? -Infinity;
  return sx !== sy ? sy - sx : x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0;
}
