/**
 * The rules lab end to end on a real cache through LocalService (the CLI's path): rules saved as
 * immutable versions with audit entries, backtests in the query runner child process against a
 * small labelled fixture whose numbers are worked out by hand in the comments, the version
 * comparison, the recorded runs, refusals that name what is wrong and leave the cache as it was,
 * and the dashboard charts on demo data. Needs `npm run build` (the runner runs from dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../shared/contract/rules.js';
import { DASHBOARD_CHARTS } from '../../shared/dashboard/charts.js';
import { LocalService } from '../../electron/service/localService.js';
import { tableFingerprint, tempDir } from '../helpers/db.js';

let service: LocalService;
const D = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const outcome = await promise;
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function fails(promise: Promise<{ ok: boolean; error?: { code: string; message: string } }>) {
  const outcome = await promise;
  expect(outcome.ok).toBe(false);
  return outcome.error as { code: string; message: string };
}

// Scores returned by the fixture rule (zz is not an account; a7 and a10 are not returned).
const RULE_SQL = `SELECT column1 AS account_id, column2 AS score FROM (VALUES
  ('a1', 0.9), ('a3', 0.8), ('a5', 0.7), ('a6', 0.6), ('a8', 0.5), ('a2', 0.4), ('a4', 0.3), ('a9', 0.2), ('zz', 0.1), ('a1', 0.05))`;

beforeAll(() => {
  service = new LocalService(tempDir());
  const db = service.db;
  const account = db.prepare("INSERT INTO accounts (id, created_at, lifecycle_state, country, attrs) VALUES (?, ?, ?, 'DE', ?)");
  for (let i = 1; i <= 10; i++) {
    const state = i === 9 ? 'suspended' : i === 1 || i === 5 || i === 7 ? 'offboarded' : 'active';
    account.run(`a${i}`, D('2025-06-01'), state, i === 6 ? '{"known_fraud":true}' : '{}');
  }
  const decision = db.prepare(
    `INSERT INTO decisions (id, account_id, policy, sanction, decided_at, status, appeal_outcome) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  decision.run('d1', 'a1', 'payout_fraud', 'offboarding', D('2026-03-10'), 'effective', null); // positive
  decision.run('d2', 'a2', 'payout_fraud', 'warning', D('2026-04-05'), 'effective', null); // positive
  decision.run('d3', 'a3', 'payout_fraud', 'temporary_suspension', D('2026-04-20'), 'overturned', 'overturned'); // negative
  decision.run('d4', 'a4', 'multiple_accounts', 'no_action', D('2026-05-01'), 'effective', null); // negative
  decision.run('d5', 'a5', 'multiple_accounts', 'offboarding', D('2026-05-02'), 'effective', null); // other policy
  decision.run('d7', 'a7', 'payout_fraud', 'offboarding', D('2025-01-01'), 'effective', null); // positive, old
  decision.run('d10', 'a10', 'payout_fraud', 'offboarding', D('2026-05-03'), 'pending_approval', null); // ignored
  // a6: known-fraud flag from the extract (positive, undated); a8, a9: no label.
});
afterAll(() => service.close());

describe('rules.save', () => {
  it('creates a rule, versions changes, keeps identical saves, and audits each version', async () => {
    const v1 = await ok(service.call('rules.save', { name: 'Fixture payout rule', policy: 'payout_fraud', sql: RULE_SQL, owner: 'qa' }));
    expect(v1).toMatchObject({ id: 'fixture-payout-rule', version: 1, created: true, threshold: null, createdBy: expect.any(String) });
    const same = await ok(service.call('rules.save', { id: v1.id, name: 'Fixture payout rule', policy: 'payout_fraud', sql: RULE_SQL, owner: 'qa' }));
    expect(same).toMatchObject({ version: 1, created: false });
    const v2 = await ok(
      service.call('rules.save', { id: v1.id, name: 'Fixture payout rule', policy: 'payout_fraud', sql: RULE_SQL, owner: 'qa', threshold: 0.5, note: 'operating point 0.5' }),
    );
    expect(v2).toMatchObject({ version: 2, created: true, threshold: 0.5, note: 'operating point 0.5' });
    const detail = await ok(service.call('rules.get', { id: v1.id }));
    expect(detail.rule.version).toBe(2);
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    const audit = service.db.prepare("SELECT action, entity_id FROM audit_log WHERE entity_type = 'rule' ORDER BY seq").all();
    expect(audit).toEqual([
      { action: 'rule.created', entity_id: v1.id },
      { action: 'rule.versioned', entity_id: v1.id },
    ]);
    expect(() => service.db.prepare("UPDATE rules SET sql = 'SELECT 1' WHERE id = ?").run(v1.id)).toThrow(/immutable/);
    expect(() => service.db.prepare('DELETE FROM rules WHERE id = ?').run(v1.id)).toThrow(/kept/);
  });

  it('refuses bad rules naming the field, and leaves the cache as it was', async () => {
    const before = tableFingerprint(service.db);
    const write = await fails(service.call('rules.save', { name: 'Bad', sql: "DELETE FROM accounts WHERE id = 'a1'" }));
    expect(write.code).toBe('SQL_REFUSED');
    expect(write.message).toMatch(/^Rule SQL: DELETE/);
    const param = await fails(service.call('rules.save', { name: 'Bad', sql: 'SELECT id AS account_id FROM accounts WHERE country = :country' }));
    expect(param.message).toContain(':country');
    const policy = await fails(service.call('rules.save', { name: 'Bad', policy: 'no_such_policy', sql: 'SELECT id AS account_id FROM accounts' }));
    expect(policy.message).toContain('Policy "no_such_policy" is not in the policy file');
    const empty = await fails(service.call('rules.save', { name: '  ', sql: 'SELECT 1' }));
    expect(empty.code).toBe('BAD_REQUEST');
    expect(tableFingerprint(service.db)).toEqual(before);
  });
});

describe('rules.backtest on the hand-labelled fixture', () => {
  // Labels for policy payout_fraud: positive a1 a2 a6(flag) a7 = 4; negative a3 (overturned)
  // a4 (no_action) = 2; other a5 = 1. a10's decision is pending, so a10 is unlabelled.
  it('measures version 1 (everything flagged)', async () => {
    const r = await ok(service.call('rules.backtest', { ruleId: 'fixture-payout-rule', version: 1 }));
    expect(r.labels).toEqual({ positive: 4, negative: 2, other: 1 });
    // flagged: a1 a3 a5 a6 a8 a2 a4 a9 zz = 9; TP a1 a2 a6 = 3; FP a3 a4 = 2; FN a7 = 1; TN 0
    expect(r.metrics).toMatchObject({ flagged: 9, tp: 3, fp: 2, fn: 1, tn: 0, unreviewed: 3, otherPolicy: 1, goodStanding: 3 });
    expect(r.metrics.precision).toBeCloseTo(0.6, 12);
    expect(r.metrics.recall).toBeCloseTo(0.75, 12);
    expect(r.metrics.f1).toBeCloseTo(2 / 3, 12);
    expect(r.rows).toBe(10);
    expect(r.unknownAccounts).toBe(1);
    expect(r.hasScore).toBe(true);
    // a1 is returned twice (0.9 and 0.05): it keeps 0.9, so the sweep has 9 points 0.1 .. 0.9.
    expect(r.sweep.map((p) => p.threshold)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    // Good standing (active, nothing standing): a3 (overturned), a4 (cleared), a8.
    expect(r.friction.map((a) => a.accountId)).toEqual(['a3', 'a8', 'a4']);
    expect(r.friction[0]).toMatchObject({ label: 'negative', lifecycleState: 'active', labelReason: expect.stringContaining('overturned') });
    expect(r.samples.fn.map((a) => a.accountId)).toEqual(['a7']);
    expect(r.byMonth).toEqual([
      { month: '2026-03', tp: 1, fp: 0, precision: 1 },
      { month: '2026-04', tp: 1, fp: 1, precision: 0.5 },
      { month: '2026-05', tp: 0, fp: 1, precision: 0 },
    ]);
    expect(r.runId).toEqual(expect.any(Number));
  });

  it('measures version 2 at its operating point 0.5, and a moved threshold', async () => {
    const r = await ok(service.call('rules.backtest', { ruleId: 'fixture-payout-rule' }));
    expect(r.rule).toMatchObject({ version: 2 });
    expect(r.threshold).toBe(0.5);
    // flagged a1 a3 a5 a6 a8: TP a1 a6 = 2; FP a3 = 1; FN a2 a7 = 2; TN a4 = 1
    expect(r.metrics).toMatchObject({ flagged: 5, tp: 2, fp: 1, fn: 2, tn: 1, unreviewed: 1, otherPolicy: 1, goodStanding: 2 });
    expect(r.metrics.precision).toBeCloseTo(2 / 3, 12);
    expect(r.metrics.recall).toBeCloseTo(0.5, 12);
    expect(r.sweep.find((p) => p.threshold === 0.5)).toMatchObject({ tp: 2, fp: 1, flagged: 5 });
    const moved = await ok(service.call('rules.backtest', { ruleId: 'fixture-payout-rule', threshold: 0.85 }));
    expect(moved.metrics).toMatchObject({ flagged: 1, tp: 1, fp: 0 });
  });

  it('scopes labels by window and policy', async () => {
    const windowed = await ok(
      service.call('rules.backtest', { ruleId: 'fixture-payout-rule', version: 1, window: { from: D('2026-01-01'), to: D('2027-01-01') } }),
    );
    // a7's decision (2025) leaves the window: positives a1 a2 a6 = 3, all flagged.
    expect(windowed.labels.positive).toBe(3);
    expect(windowed.metrics.recall).toBe(1);
    const any = await ok(service.call('rules.backtest', { ruleId: 'fixture-payout-rule', version: 1, labelScope: 'any' }));
    // a5 (multiple_accounts offboarding) becomes positive: TP 4 of 5 positives, FP 2.
    expect(any.labels).toEqual({ positive: 5, negative: 2, other: 0 });
    expect(any.metrics).toMatchObject({ tp: 4, fp: 2, fn: 1 });
  });

  it('backtests a draft without recording it', async () => {
    const runs = service.db.prepare('SELECT count(*) FROM rule_runs').pluck().get();
    const draft = await ok(service.call('rules.backtest', { sql: "SELECT 'a1' AS account_id", policy: 'payout_fraud' }));
    expect(draft.rule).toBeNull();
    expect(draft.hasScore).toBe(false);
    expect(draft.sweep).toEqual([]);
    expect(draft.metrics).toMatchObject({ flagged: 1, tp: 1, fp: 0, fn: 3 });
    expect(draft.runId).toBeNull();
    expect(service.db.prepare('SELECT count(*) FROM rule_runs').pluck().get()).toBe(runs);
  });

  it('lists rules with their latest recorded run', async () => {
    const list = await ok(service.call('rules.list', {}));
    const rule = list.find((r) => r.id === 'fixture-payout-rule');
    expect(rule).toMatchObject({ version: 2, versions: 2 });
    expect(rule?.lastRun).toMatchObject({ labelScope: 'any', flagged: 9 });
  });

  it('names what is wrong with a rule that cannot be measured', async () => {
    const noId = await fails(service.call('rules.backtest', { sql: 'SELECT id, 1 AS score FROM accounts' }));
    expect(noId.message).toContain('must return an account_id column');
    expect(noId.message).toContain('id, score');
    const badScore = await fails(service.call('rules.backtest', { sql: "SELECT id AS account_id, CASE WHEN id = 'a3' THEN 'high' ELSE 1 END AS score FROM accounts ORDER BY id" }));
    expect(badScore.message).toMatch(/Row \d+ \(account a3\): score is "high", not a number/);
    const refused = await fails(service.call('rules.backtest', { sql: 'DROP TABLE accounts' }));
    expect(refused.code).toBe('SQL_REFUSED');
    const missing = await fails(service.call('rules.backtest', { ruleId: 'no-such-rule' }));
    expect(missing.code).toBe('NOT_FOUND');
    const slow = await fails(
      service.call('rules.backtest', {
        sql: "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000000) SELECT 'a1' AS account_id FROM n WHERE x = 0",
        timeoutMs: 1000,
      }),
    );
    expect(slow.code).toBe('TIMEOUT');
    // The runner was replaced: the next backtest answers.
    const after: BacktestResult = await ok(service.call('rules.backtest', { ruleId: 'fixture-payout-rule', version: 1 }));
    expect(after.metrics.tp).toBe(3);
  });
});

describe('rules.compare', () => {
  it('shows both versions side by side with the accounts added and dropped', async () => {
    const c = await ok(service.call('rules.compare', { ruleId: 'fixture-payout-rule', a: 1, b: 2 }));
    expect(c.a.metrics).toMatchObject({ flagged: 9, tp: 3, fp: 2 });
    expect(c.b.metrics).toMatchObject({ flagged: 5, tp: 2, fp: 1 });
    // v2 (>= 0.5) drops a2 (positive), a4 (negative), a9 and zz (unlabelled); adds nothing.
    expect(c.added.count).toBe(0);
    expect(c.dropped.count).toBe(4);
    expect(c.dropped.byLabel).toEqual({ positive: 1, negative: 1, other: 0, unlabeled: 2 });
    // Negatives first, then positives, then the rest by score.
    expect(c.dropped.sample.map((a) => a.accountId)).toEqual(['a4', 'a2', 'a9', 'zz']);
    expect(c.kept).toBe(5);
  });
});

describe('starter rules and dashboard on demo data', () => {
  let demo: LocalService;
  beforeAll(async () => {
    demo = new LocalService(tempDir());
    expect((await demo.runJob('demo.load', { accounts: 5000, seed: 1 })).ok).toBe(true);
  }, 120_000);
  afterAll(() => demo.close());

  it('installs the starter rules with the demo, and each finds its injected fraud', async () => {
    const list = await ok(demo.call('rules.list', {}));
    expect(list.map((r) => r.id).sort()).toEqual(['device-sharing', 'payout-sharing', 'takeover-sequence']);
    // The default demo (5,000 accounts, seed 1) is deterministic: these are the figures the
    // README quotes under "Starter rules", so a change to the rules or the generator shows here.
    const figures: Record<string, unknown> = {};
    for (const rule of list) {
      const r = await ok(demo.call('rules.backtest', { ruleId: rule.id }));
      const m = r.metrics;
      figures[rule.id] = { threshold: r.threshold, tp: m.tp, fp: m.fp, fn: m.fn, tn: m.tn, flagged: m.flagged, unreviewed: m.unreviewed, goodStanding: m.goodStanding };
    }
    expect(figures).toEqual({
      'device-sharing': { threshold: 4, tp: 54, fp: 5, fn: 53, tn: 20, flagged: 314, unreviewed: 212, goodStanding: 217 },
      'payout-sharing': { threshold: 3, tp: 46, fp: 0, fn: 0, tn: 25, flagged: 210, unreviewed: 129, goodStanding: 129 },
      'takeover-sequence': { threshold: 3, tp: 5, fp: 0, fn: 0, tn: 25, flagged: 20, unreviewed: 15, goodStanding: 15 },
    });
    expect((await ok(demo.call('rules.installStarters', {}))).installed).toEqual([]);
  });

  it('runs every dashboard chart, and the decision mix adds up to the decisions', async () => {
    for (const chart of DASHBOARD_CHARTS) {
      const r = await ok(demo.call('dashboard.chart', { chartId: chart.id }));
      expect(r.sql).toBe(chart.sql);
      if (chart.id !== 'rule-precision') expect(r.rows.length, chart.id).toBeGreaterThan(0);
    }
    const mix = await ok(demo.call('dashboard.chart', { chartId: 'decision-mix' }));
    const total = mix.rows.reduce((s, row) => s + row.slice(1).reduce((a: number, v) => a + Number(v), 0), 0);
    expect(total).toBe(demo.db.prepare("SELECT count(*) FROM decisions WHERE status NOT IN ('pending_approval','rejected')").pluck().get());
    const precision = await ok(demo.call('dashboard.chart', { chartId: 'rule-precision' }));
    expect(precision.columns).toEqual(['rule', 'month', 'precision']);
    expect(new Set(precision.rows.map((r) => String(r[0]).replace(/ v\d+$/, '')))).toEqual(
      new Set(['device-sharing', 'payout-sharing', 'takeover-sequence']),
    );
    const unknown = await fails(demo.call('dashboard.chart', { chartId: 'nope' }));
    expect(unknown.code).toBe('NOT_FOUND');
  });
});
