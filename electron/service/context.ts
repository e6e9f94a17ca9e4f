/**
 * What a service handler receives besides its request. Handlers are plain functions of
 * (validated request, context): they run unchanged in the data-service workers, in tests
 * (through LocalService) and in the CLI.
 */
import type { Db } from '../db/open.js';
import type { Workspace } from '../workspace/workspace.js';
import type {
  JobMethodName,
  JobResultOf,
  MethodName,
  Methods,
  ParsedRequestOf,
  ResultOf,
} from '../../shared/contract/methods.js';

export interface ReadContext {
  readonly db: Db;
  readonly workspace: Workspace;
}

export interface WriteContext extends ReadContext {
  /** Tells every client that rows of these tables changed (sent after the handler returns). */
  changed(...tables: string[]): void;
}

export interface ProgressReport {
  readonly unit: string;
  readonly done: number;
  readonly total: number | null;
  readonly message: string;
}

export interface JobContext extends WriteContext {
  readonly jobId: string;
  /** Cheap to call often: reports are throttled before they leave the worker. */
  progress(report: ProgressReport): void;
  isCancelled(): boolean;
  /** Throws RingsideError('CANCELLED') when cancellation was requested; call between batches. */
  throwIfCancelled(): void;
}

type Awaitable<T> = T | Promise<T>;
type MethodsIn<Where> = { [M in MethodName]: Methods[M]['runsIn'] extends Where ? M : never }[MethodName];

export type ReadHandlers = { [M in MethodsIn<'read'>]: (req: ParsedRequestOf<M>, ctx: ReadContext) => Awaitable<ResultOf<M>> };
export type WriteHandlers = {
  [M in MethodsIn<'write'>]: (req: ParsedRequestOf<M>, ctx: WriteContext) => Awaitable<ResultOf<M>>;
};
export type JobHandlers = {
  [M in JobMethodName]: (req: ParsedRequestOf<M>, ctx: JobContext) => Awaitable<JobResultOf<M>>;
};
export type HostMethodName = MethodsIn<'host'>;
