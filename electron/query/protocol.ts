/**
 * Messages between the host's QueryRunner and the runner child process (Node IPC with the
 * 'advanced' serialisation). The child answers one request at a time, in order; the host sends
 * the next only after the previous answer, so exactly one request is ever executing and a kill
 * loses nothing but that one.
 */
import type { ApiError } from '../../shared/contract/errors.js';
import type { SqlColumn, SqlValue } from '../../shared/contract/sql.js';
import type { BacktestSpec, CompareSpec } from '../rules/backtest.js';

export type Params = Readonly<Record<string, SqlValue>>;

export type RunnerRequest =
  | {
      readonly type: 'run';
      readonly queryId: string;
      readonly sql: string;
      readonly params: Params;
      readonly pageSize: number;
    }
  | {
      readonly type: 'page';
      readonly queryId: string;
      readonly sql: string;
      readonly params: Params;
      readonly offset: number;
      readonly limit: number;
    }
  | { readonly type: 'close'; readonly queryId: string }
  | { readonly type: 'explain'; readonly sql: string; readonly params: Params }
  | { readonly type: 'collect'; readonly sql: string; readonly params: Params; readonly cap: number }
  | {
      readonly type: 'export';
      readonly sql: string;
      readonly params: Params;
      readonly format: 'csv' | 'json';
      readonly file: string;
    }
  | { readonly type: 'lastSyncRun' }
  /** Rules lab (electron/rules/backtest.ts): progress messages count the rule's rows read. */
  | { readonly type: 'backtest'; readonly spec: BacktestSpec }
  | { readonly type: 'compare'; readonly spec: CompareSpec };

export interface RunnerInit {
  readonly cacheFile: string;
}

export type RunnerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly error: ApiError }
  | { readonly type: 'progress'; readonly id: number; readonly rows: number }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: ApiError };

export interface RunResult {
  readonly columns: readonly SqlColumn[];
  readonly rows: SqlValue[][];
  readonly done: boolean;
  readonly rowCount: number | null;
}

export interface PageResult {
  readonly rows: SqlValue[][];
  readonly done: boolean;
  readonly rowCount: number | null;
}

export interface CollectResult {
  readonly columns: readonly SqlColumn[];
  readonly rows: SqlValue[][];
  readonly rowCount: number;
}

export interface ExportFileResult {
  readonly rows: number;
  readonly bytes: number;
}
