/**
 * Backtest arithmetic on rows whose numbers are worked out by hand below. Each expectation is a
 * literal computed on paper, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { diffFlagged, metricsAt, precisionByMonth, sweep, type FlagRow } from '../../electron/rules/metrics.js';

const T = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
const row = (accountId: string, score: number | null, label: FlagRow['label'], good = false, at: number | null = null): FlagRow => ({
  accountId,
  score,
  label,
  labelAt: at,
  goodStanding: good,
});

// 4 positives exist in total (p1, p2, p3 flagged; one more never returned by the rule),
// 3 negatives (n1, n2 flagged; one more not returned), 1 other-policy account.
const totals = { positive: 4, negative: 3, other: 1 };
const rows: FlagRow[] = [
  row('p1', 0.9, 'positive', false, T('2026-03-02')),
  row('n1', 0.8, 'negative', true, T('2026-03-15')),
  row('p2', 0.7, 'positive', false, T('2026-04-01')),
  row('u1', 0.7, 'unlabeled', true),
  row('o1', 0.5, 'other'),
  row('p3', 0.4, 'positive', false, null),
  row('n2', 0.2, 'negative', true, T('2026-04-20')),
];

describe('metricsAt', () => {
  it('counts the matrix and derives precision, recall and F1 (everything flagged)', () => {
    const m = metricsAt(rows, totals, null);
    // flagged 7: TP p1 p2 p3 = 3, FP n1 n2 = 2, FN = 4 - 3 = 1, TN = 3 - 2 = 1
    expect(m).toMatchObject({ tp: 3, fp: 2, fn: 1, tn: 1, flagged: 7, unreviewed: 1, otherPolicy: 1, goodStanding: 3 });
    expect(m.precision).toBeCloseTo(3 / 5, 12); // 0.6
    expect(m.recall).toBeCloseTo(3 / 4, 12); // 0.75
    expect(m.f1).toBeCloseTo((2 * 0.6 * 0.75) / (0.6 + 0.75), 12); // 0.6667
  });

  it('flags score >= threshold only', () => {
    const m = metricsAt(rows, totals, 0.7);
    // flagged: p1 n1 p2 u1 -> TP 2, FP 1, FN 2, TN 2
    expect(m).toMatchObject({ tp: 2, fp: 1, fn: 2, tn: 2, flagged: 4, unreviewed: 1, otherPolicy: 0, goodStanding: 2 });
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.f1).toBeCloseTo(4 / 7, 12); // 2 * 2/3 * 1/2 / (2/3 + 1/2)
  });

  it('gives null precision when nothing labelled is flagged, null recall without positives', () => {
    expect(metricsAt([row('u', 1, 'unlabeled')], totals, null).precision).toBeNull();
    const none = metricsAt([row('n', 1, 'negative')], { positive: 0, negative: 1, other: 0 }, null);
    expect(none.recall).toBeNull();
    expect(none.f1).toBeNull();
    expect(none.precision).toBe(0);
    const zero = metricsAt([row('n', 1, 'negative')], { positive: 2, negative: 1, other: 0 }, null);
    expect(zero.f1).toBe(0);
  });
});

describe('sweep', () => {
  it('has one point per distinct score, ascending, equal to metricsAt at that threshold', () => {
    const points = sweep(rows, totals);
    expect(points.map((p) => p.threshold)).toEqual([0.2, 0.4, 0.5, 0.7, 0.8, 0.9]);
    for (const p of points) expect(p).toEqual({ threshold: p.threshold, ...metricsAt(rows, totals, p.threshold) });
    expect(points.map((p) => p.flagged)).toEqual([7, 6, 5, 4, 2, 1]);
    expect(points.map((p) => p.tp)).toEqual([3, 3, 2, 2, 1, 1]);
  });

  it('is monotone: flagged, TP, FP, unreviewed, good standing and recall never rise with the threshold', () => {
    // 2,000 rows with pseudo-random scores and labels.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const labels: FlagRow['label'][] = ['positive', 'negative', 'other', 'unlabeled'];
    const many = Array.from({ length: 2000 }, (_, i) =>
      row(`a${i}`, Math.round(rand() * 1000) / 10, labels[Math.floor(rand() * 4)] as FlagRow['label'], rand() < 0.3),
    );
    const t = { positive: 700, negative: 600, other: 500 };
    const points = sweep(many, t, 200);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points[0]?.threshold).toBe(Math.min(...many.map((r) => r.score as number)));
    expect(points.at(-1)?.threshold).toBe(Math.max(...many.map((r) => r.score as number)));
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1]!, points[i]!];
      expect(b.threshold).toBeGreaterThan(a.threshold);
      for (const k of ['flagged', 'tp', 'fp', 'unreviewed', 'goodStanding'] as const) expect(b[k]).toBeLessThanOrEqual(a[k]);
      expect(b.recall!).toBeLessThanOrEqual(a.recall!);
      expect(b.fn).toBeGreaterThanOrEqual(a.fn);
    }
  });
});

describe('precisionByMonth and diffFlagged', () => {
  it('groups labelled flagged accounts by the month of their decision', () => {
    expect(precisionByMonth(rows, null)).toEqual([
      { month: '2026-03', tp: 1, fp: 1, precision: 0.5 },
      { month: '2026-04', tp: 1, fp: 1, precision: 0.5 },
    ]);
    expect(precisionByMonth(rows, 0.75)).toEqual([{ month: '2026-03', tp: 1, fp: 1, precision: 0.5 }]);
  });

  it('lists accounts added and dropped between two operating points', () => {
    const b = [...rows.filter((r) => r.accountId !== 'p1'), row('new', 0.95, 'unlabeled')];
    const d = diffFlagged(rows, 0.5, b, 0.7);
    // a at 0.5: p1 n1 p2 u1 o1; b at 0.7: n1 p2 u1 new
    expect(d.added.map((r) => r.accountId)).toEqual(['new']);
    expect(d.dropped.map((r) => r.accountId).sort()).toEqual(['o1', 'p1']);
    expect(d.kept).toBe(3);
  });
});
