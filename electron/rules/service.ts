/**
 * The host side of the rules lab and the dashboard (`query` methods): rules.backtest and
 * rules.compare run in a query runner process of their own (so the scratchpad stays usable and a
 * runaway rule can be killed), show as jobs in the status bar (jobs.cancel kills the process),
 * and a backtest of a saved version is recorded in rule_runs through the writer.
 * dashboard.chart runs one chart's SQL (shared/dashboard/charts.ts) in the same runner.
 */
import { RingsideError, toApiError } from '../../shared/contract/errors.js';
import type { ParsedRequestOf } from '../../shared/contract/methods.js';
import type { BacktestResult, CompareResult, DashboardChartResult } from '../../shared/contract/rules.js';
import { END_OF_TIME } from '../../shared/contract/rules.js';
import { dashboardChart } from '../../shared/dashboard/charts.js';
import type { JobRegistry } from '../service/jobs.js';
import type { CollectResult } from '../query/protocol.js';
import type { QueryRunner } from '../query/runner.js';
import type { WriteCall } from '../query/service.js';

export interface RulesDeps {
  readonly runner: () => QueryRunner;
  readonly jobs: JobRegistry | undefined;
  readonly write: WriteCall;
}

/** Runs `work` as a job (when there is a registry) whose cancel kills the runner's request. */
async function asJob<T>(
  deps: RulesDeps,
  method: string,
  label: string,
  work: (key: string | undefined, progress: (rows: number) => void) => Promise<T>,
): Promise<T> {
  const job = deps.jobs?.create(method, label);
  let poll: NodeJS.Timeout | undefined;
  if (job && deps.jobs) {
    const jobs = deps.jobs;
    jobs.markRunning(job.id);
    poll = setInterval(() => {
      if (jobs.wasCancelled(job.id)) deps.runner().cancel(job.id);
    }, 100);
  }
  const progress = (rows: number) => {
    if (job)
      deps.jobs?.reportProgress(job.id, { unit: 'rows', done: rows, total: null, message: `${rows.toLocaleString('en-US')} rule rows read` });
  };
  try {
    const value = await work(job?.id, progress);
    if (job) deps.jobs?.finish(job.id, { ok: true, value: null });
    return value;
  } catch (err) {
    if (job) deps.jobs?.finish(job.id, { ok: false, error: toApiError(err) });
    throw err;
  } finally {
    if (poll) clearInterval(poll);
  }
}

export async function backtestRule(req: ParsedRequestOf<'rules.backtest'>, deps: RulesDeps): Promise<BacktestResult> {
  const startedAt = Date.now();
  const started = performance.now();
  const label = req.ruleId ? `Backtesting rule ${req.ruleId}${req.version ? ` v${req.version}` : ''}` : 'Backtesting a draft rule';
  const result = await asJob(deps, 'rules.backtest', label, (key, progress) =>
    deps.runner().request<Omit<BacktestResult, 'elapsedMs' | 'runId'>>(
      {
        type: 'backtest',
        spec: {
          ruleId: req.ruleId,
          version: req.version,
          sql: req.sql,
          policy: req.policy,
          threshold: req.threshold,
          scope: req.labelScope,
          window: req.window ?? null,
          now: startedAt,
        },
      },
      { timeoutMs: req.timeoutMs, ...(key ? { key } : {}), onProgress: progress },
    ),
  );
  const elapsedMs = Math.round(performance.now() - started);
  let runId: number | null = null;
  // Only a saved version's backtest is history; a draft's SQL is not stored anywhere.
  if (result.rule && req.sql === undefined) {
    const m = result.metrics;
    const outcome = await deps.write('rules.recordRun', {
      ruleId: result.rule.id,
      version: result.rule.version,
      startedAt,
      durationMs: elapsedMs,
      flagged: m.flagged,
      metrics: {
        precision: m.precision,
        recall: m.recall,
        f1: m.f1,
        tp: m.tp,
        fp: m.fp,
        fn: m.fn,
        tn: m.tn,
        unreviewed: m.unreviewed,
        goodStanding: m.goodStanding,
        threshold: result.threshold,
        window: result.window,
        labelScope: result.labelScope,
        byMonth: result.byMonth,
      },
      error: null,
    });
    if (outcome.ok) runId = (outcome.value as { id: number }).id;
    else console.error(`Ringside: could not record the backtest: ${outcome.error.message}`);
  }
  return { ...result, elapsedMs, runId };
}

export async function compareRule(req: ParsedRequestOf<'rules.compare'>, deps: RulesDeps): Promise<CompareResult> {
  const started = performance.now();
  const result = await asJob(deps, 'rules.compare', `Comparing ${req.ruleId} v${req.a} with v${req.b}`, (key) =>
    deps.runner().request<Omit<CompareResult, 'elapsedMs'>>(
      {
        type: 'compare',
        spec: {
          ruleId: req.ruleId,
          a: req.a,
          b: req.b,
          scope: req.labelScope,
          window: req.window ?? null,
          now: Date.now(),
          sampleSize: req.sampleSize,
        },
      },
      { timeoutMs: req.timeoutMs, ...(key ? { key } : {}) },
    ),
  );
  return { ...result, elapsedMs: Math.round(performance.now() - started) };
}

export async function runDashboardChart(req: ParsedRequestOf<'dashboard.chart'>, deps: RulesDeps): Promise<DashboardChartResult> {
  const chart = dashboardChart(req.chartId);
  if (!chart) throw new RingsideError('NOT_FOUND', `There is no dashboard chart "${req.chartId}".`);
  const started = performance.now();
  const now = Date.now();
  const result = await deps.runner().request<CollectResult>(
    {
      type: 'collect',
      sql: chart.sql,
      params: { from: req.window?.from ?? 0, to: req.window?.to ?? END_OF_TIME, now },
      cap: 5000,
    },
    { timeoutMs: req.timeoutMs },
  );
  return {
    chartId: chart.id,
    sql: chart.sql,
    columns: result.columns.map((c) => c.name),
    rows: result.rows,
    elapsedMs: Math.round(performance.now() - started),
  };
}
