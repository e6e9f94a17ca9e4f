/**
 * The data service in-process, on one connection: what the CLI and the tests use. Same
 * handlers, same validation, same Outcome shape as the worker-backed DataService, minus the
 * workers (a command-line run has no window to keep responsive). Ctrl+C cancels a running job
 * through the same JobContext the workers use.
 */
import { RingsideError, toApiError, type Outcome } from '../../shared/contract/errors.js';
import { isMethodName, methods, type JobMethodName, type JobResultOf, type MethodName, type RequestOf, type ResultOf } from '../../shared/contract/methods.js';
import { openDatabase, type Db } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { ensureWorkspace, type Workspace } from '../workspace/workspace.js';
import { jobHandlers, readHandlers, writeHandlers } from './app.js';
import type { ProgressReport, WriteContext } from './context.js';
import { createJobContext } from './jobContext.js';
import { runHandler } from './runHandler.js';
import { parseRequest } from './validate.js';
import { QueryService } from '../query/service.js';

type AnyHandler = (req: never, ctx: never) => unknown;

export class LocalService {
  readonly db: Db;
  readonly workspace: Workspace;
  private cancelRequested = false;
  /** The query runner for `query` methods, started on first use (the CLI's `ringside query`). */
  private querySvc: QueryService | null = null;

  constructor(workspaceDir: string) {
    this.workspace = ensureWorkspace(workspaceDir);
    this.db = openDatabase(this.workspace.cacheFile);
    try {
      migrate(this.db);
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  /** Calls a read or write method (validated like any transport would). */
  async call<M extends MethodName>(method: M, params: RequestOf<M>): Promise<Outcome<ResultOf<M>>> {
    return (await this.dispatch(method, params, () => undefined)) as Outcome<ResultOf<M>>;
  }

  /** Runs a job to completion in-process, reporting progress. */
  async runJob<M extends JobMethodName>(
    method: M,
    params: RequestOf<M>,
    onProgress: (report: ProgressReport) => void = () => undefined,
  ): Promise<Outcome<JobResultOf<M>>> {
    return (await this.dispatch(method, params, onProgress)) as Outcome<JobResultOf<M>>;
  }

  /** Makes the running job stop at its next check (wired to SIGINT by the CLI). */
  cancel(): void {
    this.cancelRequested = true;
  }

  /** The query service, created on first use; its runner is a child process like the app's. */
  get query(): QueryService {
    this.querySvc ??= new QueryService({ workspace: this.workspace, write: (m, p) => this.call(m, p as never) });
    return this.querySvc;
  }

  close(): void {
    this.querySvc?.close();
    this.db.close();
  }

  private async dispatch(method: string, params: unknown, onProgress: (report: ProgressReport) => void): Promise<Outcome<unknown>> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}` } };
    let parsed: unknown;
    try {
      parsed = parseRequest(method, params);
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
    const spec = methods[method];
    if (spec.runsIn === 'query') return this.query.call(method, parsed);
    const table: Record<string, AnyHandler> =
      spec.runsIn === 'read' ? readHandlers : spec.runsIn === 'write' ? writeHandlers : spec.runsIn === 'job' ? jobHandlers : {};
    const handler = table[method];
    if (!handler) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `${method} runs in the host and is not available here.` } };
    }
    const base: WriteContext = { db: this.db, workspace: this.workspace, changed: () => undefined };
    this.cancelRequested = false;
    const ctx = spec.runsIn === 'job' ? createJobContext(base, 'local', () => this.cancelRequested, onProgress) : base;
    return runHandler(method, () => handler(parsed as never, ctx as never), { isJob: spec.runsIn === 'job' });
  }
}

export { RingsideError };
