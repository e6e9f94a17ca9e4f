/**
 * The host side of the scratchpad: runs the `query` methods of the contract (sql.run, sql.page,
 * sql.cancel, sql.explain, sql.export, sql.pin) on a QueryRunner it owns, and records every run
 * in the history through the writer (the runner is read-only). The Electron main process and
 * `ringside serve` create one next to the DataService; LocalService (CLI, tests) creates one on
 * first use. The Rules issue reuses `runner` for backtests.
 *
 * Failure modes are those of the runner (SQL_REFUSED, SQL_ERROR, TIMEOUT, CANCELLED,
 * UNAVAILABLE) plus NOT_FOUND for a queryId this host never issued (or forgot: it keeps the
 * last 200) and IO_ERROR when an export file cannot be written.
 */
import { randomUUID } from 'node:crypto';
import { toApiError, RingsideError, type Outcome } from '../../shared/contract/errors.js';
import { methods, type MethodName, type ParsedRequestOf } from '../../shared/contract/methods.js';
import type { SqlPage, SqlPlanRow, SqlRunResult } from '../../shared/contract/sql.js';
import type { JobRegistry } from '../service/jobs.js';
import type { Workspace } from '../workspace/workspace.js';
import { checkStatement } from './check.js';
import { exportQuery } from './export.js';
import { pinQuery } from './pin.js';
import type { PageResult, Params, RunResult } from './protocol.js';
import { QueryRunner } from './runner.js';
import { backtestRule, compareRule, runDashboardChart, type RulesDeps } from '../rules/service.js';

/** Sends a write method to the writer (DataService.write or LocalService.call). */
export type WriteCall = (method: MethodName, params: unknown) => Promise<Outcome<unknown>>;

export interface QueryServiceOptions {
  readonly workspace: Workspace;
  readonly write: WriteCall;
  /** The host's job registry: exports show in the status bar and `jobs.cancel` stops them. */
  readonly jobs?: JobRegistry;
}

const REMEMBERED_QUERIES = 200;

type QueryMethodName = { [M in MethodName]: (typeof methods)[M]['runsIn'] extends 'query' ? M : never }[MethodName];

export class QueryService {
  readonly runner: QueryRunner;
  private readonly queries = new Map<string, { sql: string; params: Params }>();
  /** Backtests, comparisons and dashboard charts: a runner of their own, started on first use. */
  private rulesRunner: QueryRunner | null = null;
  private readonly rules: RulesDeps;

  constructor(private readonly options: QueryServiceOptions) {
    this.runner = new QueryRunner(options.workspace.cacheFile);
    // Start the process now so the first query does not pay for it; a failure here is reported
    // again, with its reason, by the first request.
    void this.runner.warm().catch(() => undefined);
    this.rules = {
      runner: () => (this.rulesRunner ??= new QueryRunner(options.workspace.cacheFile)),
      jobs: options.jobs,
      write: options.write,
    };
  }

  /** Runs a validated `query` method; never throws. */
  async call(method: MethodName, parsed: unknown): Promise<Outcome<unknown>> {
    try {
      if (methods[method].runsIn !== 'query')
        throw new RingsideError('UNKNOWN_METHOD', `${method} is not a query method.`);
      return { ok: true, value: await this.dispatch(method as QueryMethodName, parsed) };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  }

  close(): void {
    this.runner.close();
    this.rulesRunner?.close();
  }

  private dispatch(method: QueryMethodName, parsed: unknown): Promise<unknown> {
    switch (method) {
      case 'sql.run':
        return this.run(parsed as ParsedRequestOf<'sql.run'>);
      case 'sql.page':
        return this.page(parsed as ParsedRequestOf<'sql.page'>);
      case 'sql.cancel':
        return this.cancel(parsed as ParsedRequestOf<'sql.cancel'>);
      case 'sql.explain':
        return this.explain(parsed as ParsedRequestOf<'sql.explain'>);
      case 'sql.export':
        return exportQuery(parsed as ParsedRequestOf<'sql.export'>, {
          workspace: this.options.workspace,
          jobs: this.options.jobs,
          lastSyncRunId: () => this.lastSyncRunId(),
        });
      case 'sql.pin':
        return pinQuery(parsed as ParsedRequestOf<'sql.pin'>, {
          runner: this.runner,
          write: this.options.write,
          lastSyncRunId: () => this.lastSyncRunId(),
        });
      case 'rules.backtest':
        return backtestRule(parsed as ParsedRequestOf<'rules.backtest'>, this.rules);
      case 'rules.compare':
        return compareRule(parsed as ParsedRequestOf<'rules.compare'>, this.rules);
      case 'dashboard.chart':
        return runDashboardChart(parsed as ParsedRequestOf<'dashboard.chart'>, this.rules);
    }
  }

  /** sql.run: check here first (a refusal never reaches the runner), then the first page. */
  private async run(req: ParsedRequestOf<'sql.run'>): Promise<SqlRunResult> {
    const queryId = req.queryId ?? randomUUID();
    if (this.queries.has(queryId))
      throw new RingsideError('CONFLICT', `Query id ${queryId} is already in use; pick a new one for each run.`);
    const startedAt = Date.now();
    const started = performance.now();
    try {
      checkStatement(req.sql);
      const result = await this.runner.request<RunResult>(
        { type: 'run', queryId, sql: req.sql, params: req.params, pageSize: req.pageSize },
        { timeoutMs: req.timeoutMs, key: queryId },
      );
      const elapsedMs = Math.round(performance.now() - started);
      this.remember(queryId, req.sql, req.params);
      this.record(req.sql, req.params, startedAt, elapsedMs, result.rowCount ?? result.rows.length, null);
      return {
        queryId,
        columns: result.columns,
        firstPage: result.rows,
        done: result.done,
        rowCount: result.rowCount,
        elapsedMs,
      };
    } catch (err) {
      const error = toApiError(err);
      this.record(
        req.sql,
        req.params,
        startedAt,
        Math.round(performance.now() - started),
        null,
        `${error.code}: ${error.message}`,
      );
      throw err;
    }
  }

  private async page(req: ParsedRequestOf<'sql.page'>): Promise<SqlPage> {
    const query = this.queries.get(req.queryId);
    if (!query)
      throw new RingsideError(
        'NOT_FOUND',
        'This result is no longer open (the app restarted or it is too old); run the query again.',
      );
    const started = performance.now();
    const page = await this.runner.request<PageResult>(
      {
        type: 'page',
        queryId: req.queryId,
        sql: query.sql,
        params: query.params,
        offset: req.offset,
        limit: req.limit,
      },
      { timeoutMs: req.timeoutMs, key: req.queryId },
    );
    return { ...page, elapsedMs: Math.round(performance.now() - started) };
  }

  private async cancel(req: ParsedRequestOf<'sql.cancel'>): Promise<{ cancelled: boolean }> {
    const running = this.runner.cancel(req.queryId);
    if (!running && this.queries.has(req.queryId)) {
      // Idle: just release its cursor (and its connection) in the runner.
      await this.runner.request({ type: 'close', queryId: req.queryId }, { timeoutMs: 5000 }).catch(() => undefined);
    }
    return { cancelled: running };
  }

  private explain(req: ParsedRequestOf<'sql.explain'>): Promise<SqlPlanRow[]> {
    checkStatement(req.sql);
    return this.runner.request<SqlPlanRow[]>(
      { type: 'explain', sql: req.sql, params: req.params },
      { timeoutMs: req.timeoutMs },
    );
  }

  private async lastSyncRunId(): Promise<number | null> {
    return this.runner.request<number | null>({ type: 'lastSyncRun' }, { timeoutMs: 5000 });
  }

  private remember(queryId: string, sql: string, params: Params): void {
    this.queries.set(queryId, { sql, params });
    if (this.queries.size > REMEMBERED_QUERIES) {
      const oldest = this.queries.keys().next().value;
      if (oldest !== undefined) this.queries.delete(oldest);
    }
  }

  /** History goes through the writer; a failure to record never fails the run itself. */
  private record(
    sql: string,
    params: Params,
    startedAt: number,
    durationMs: number,
    rows: number | null,
    error: string | null,
  ): void {
    void this.options
      .write('sql.recordHistory', { sql, params, startedAt, durationMs, rows, error: error?.slice(0, 2000) ?? null })
      .then((outcome) => {
        if (!outcome.ok) console.error(`Ringside: could not record query history: ${outcome.error.message}`);
      })
      .catch((err: unknown) => console.error('Ringside: could not record query history:', err));
  }
}
