/** Messages between the host and the data-service workers (internal; not part of the contract). */
import type { ApiError, Outcome } from '../../shared/contract/errors.js';
import type { ProgressReport } from './context.js';

export type WorkerRole = 'reader' | 'writer';

export interface WorkerInit {
  readonly role: WorkerRole;
  readonly workspaceDir: string;
  /** One Int32 slot per running job; the host stores 1 to request cancellation. */
  readonly cancelFlags: SharedArrayBuffer;
}

export type HostToWorker =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly params: unknown }
  | {
      readonly type: 'job';
      readonly id: number;
      readonly jobId: string;
      readonly slot: number;
      readonly method: string;
      readonly params: unknown;
    };

export type WorkerToHost =
  | { readonly type: 'ready'; readonly schemaVersion: number }
  | { readonly type: 'fatal'; readonly error: ApiError }
  | { readonly type: 'result'; readonly id: number; readonly outcome: Outcome<unknown> }
  | { readonly type: 'progress'; readonly jobId: string; readonly report: ProgressReport }
  | { readonly type: 'changed'; readonly tables: readonly string[] };
