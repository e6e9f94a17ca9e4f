/** Result types of the contract's methods and events: plain, serialisable, read-only data. */

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobProgress {
  /** What is being counted: rows, files, accounts, bytes. */
  readonly unit: string;
  readonly done: number;
  /** Unknown totals are null; the UI then shows an indeterminate bar. */
  readonly total: number | null;
  /** Short human description of the current step, e.g. "events.csv". */
  readonly message: string;
  /** Units per second over the job so far; null before the first progress report. */
  readonly rate: number | null;
  /** Estimated milliseconds left; null when the total is unknown. */
  readonly etaMs: number | null;
}

export interface JobInfo {
  readonly id: string;
  readonly method: string;
  readonly label: string;
  readonly state: JobState;
  readonly progress: JobProgress | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly result: unknown;
}

export interface AppInfo {
  readonly name: 'Ringside';
  readonly version: string;
  readonly schemaVersion: number;
  readonly workspace: string;
  readonly cachePath: string;
  /** 'desktop' (Electron) or 'browser' (ringside serve). */
  readonly mode: 'desktop' | 'browser';
  readonly platform: string;
  /** Methods whose issue is not built yet are absent, so the UI can show what exists. */
  readonly features: readonly string[];
}

export interface TableCount {
  readonly table: string;
  readonly rows: number;
}

export interface WorkspaceSummary {
  readonly counts: readonly TableCount[];
  readonly lifecycle: readonly { readonly state: string; readonly accounts: number }[];
  readonly eventTypes: readonly { readonly type: string; readonly events: number }[];
  readonly eventRange: { readonly first: number | null; readonly last: number | null };
  readonly lastSync: {
    readonly runId: number;
    readonly source: string;
    readonly finishedAt: number | null;
    readonly status: string;
  } | null;
  readonly empty: boolean;
}

export interface AccountRow {
  readonly id: string;
  readonly createdAt: number;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly country: string | null;
  readonly lifecycleState: string;
  readonly riskScore: number | null;
  readonly events: number;
  readonly identifiers: number;
  readonly openCases: number;
}

export interface Page<T> {
  readonly rows: readonly T[];
  readonly total: number;
}

export interface Identity {
  readonly name: string;
  readonly email: string;
}

export interface Settings {
  readonly identity: Identity | null;
  /** 'system' follows the OS. */
  readonly theme: 'system' | 'light' | 'dark';
  /** IANA zone used to display times; stored times are always UTC. */
  readonly displayZone: 'utc' | 'local';
}

export interface DemoLoadResult {
  readonly accounts: number;
  readonly events: number;
  readonly folder: string;
}
