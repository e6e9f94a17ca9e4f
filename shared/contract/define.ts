/**
 * Building blocks of THE contract (see methods.ts): every method the renderer, the CLI or a script can call: every method the renderer, the CLI or a script can call, with its zod request
 * schema, its result type and where it runs. The Electron preload, the IPC binding, the HTTP
 * binding, the renderer client and the host router are all derived from this map; there is no
 * other way in. Names are `domain.verb`.
 *
 * `runsIn` says where the handler executes:
 *  - `host`:   in the host process (job control, app info); must be fast and touch no database.
 *  - `read`:   the reader worker's read-only connection (never blocked by a running job).
 *  - `write`:  the writer worker, serialised with jobs (short writes).
 *  - `job`:    the writer worker as a background job: the call returns `{ jobId }` at once and
 *              progress/finish arrive as events; `jobs.cancel` stops it and rolls it back.
 *  - `query`:  the host, which owns the query runner (a killable child process with a read-only
 *              connection, electron/query/runner.ts): ad hoc SQL and anything else that must be
 *              stoppable mid-statement (scratchpad, rule backtests).
 */
import { z } from 'zod';

export type RunsIn = 'host' | 'read' | 'write' | 'job' | 'query';

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res = unknown> {
  readonly runsIn: RunsIn;
  readonly request: Req;
  /** Phantom: carries the result type only. */
  readonly result: Res;
  readonly summary: string;
  /** For jobs: a short label shown in the status bar ("Loading demo data"). */
  readonly label?: string;
  /** For jobs: the result the job produces when it finishes (the call itself returns JobStarted). */
  readonly jobResult?: unknown;
}

/** Declares a method; `Res` is given explicitly, the schema is inferred. */
export function method<Res>() {
  return <const Where extends 'host' | 'read' | 'write', Req extends z.ZodType>(
    runsIn: Where,
    request: Req,
    summary: string,
  ): { readonly runsIn: Where; readonly request: Req; readonly result: Res; readonly summary: string } => ({
    runsIn,
    request,
    result: undefined as unknown as Res,
    summary,
  });
}

/** Declares a method the host runs on the query runner (runsIn 'query'). */
export function queryMethod<Res>() {
  return <Req extends z.ZodType>(request: Req, summary: string) =>
    ({ runsIn: 'query' as const, request, result: undefined as unknown as Res, summary }) satisfies MethodSpec<Req, Res>;
}

export interface JobStarted {
  readonly jobId: string;
}

/** Declares a background job; `JobRes` is what `job.finished` carries on success. */
export function job<JobRes>() {
  return <Req extends z.ZodType>(label: string, request: Req, summary: string) =>
    ({
      runsIn: 'job' as const,
      label,
      request,
      result: undefined as unknown as JobStarted,
      jobResult: undefined as unknown as JobRes,
      summary,
    }) satisfies MethodSpec<Req, JobStarted>;
}

export const empty = z.object({}).strict();
export const accountIdSchema = z.string().min(1).max(200);
