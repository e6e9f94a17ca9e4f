/**
 * What each tab's last run is doing: running (with its queryId, so Cancel works before sql.run
 * answers), its result's first page and columns, or its error; and the query plan when asked.
 * One store for all tabs so switching tabs keeps each tab's result.
 */
import type { ApiError } from '../../../../shared/contract/errors';
import type { SqlPlanRow, SqlRunResult, SqlValue } from '../../../../shared/contract/sql';
import { client } from '../../lib/client';
import { createStore, useStore } from '../../lib/store';

export interface RunState {
  readonly status: 'running' | 'done' | 'error' | 'cancelled';
  readonly queryId: string;
  readonly sql: string;
  readonly params: Readonly<Record<string, SqlValue>>;
  readonly startedAt: number;
  readonly result: SqlRunResult | null;
  readonly error: ApiError | null;
  /** Known once the grid has paged to the end. */
  readonly rowCount: number | null;
  readonly plan: readonly SqlPlanRow[] | null;
  readonly view: 'rows' | 'plan';
}

export const runsStore = createStore<Readonly<Record<string, RunState>>>({});

export function useRun(tabId: string): RunState | null {
  return useStore(runsStore)[tabId] ?? null;
}

function patch(tabId: string, queryId: string, change: Partial<RunState>): void {
  runsStore.set((all) => {
    const current = all[tabId];
    // A newer run of the tab replaced this one: drop the late answer.
    if (!current || current.queryId !== queryId) return all;
    return { ...all, [tabId]: { ...current, ...change } };
  });
}

function newQueryId(): string {
  // randomUUID needs a secure context; ringside:// and 127.0.0.1 are, but fall back anyway.
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** Runs `sql` for a tab; the answer lands in the store (never throws). */
export async function runQuery(
  tabId: string,
  sql: string,
  params: Record<string, SqlValue>,
  timeoutS: number,
  view: RunState['view'] = 'rows',
): Promise<void> {
  const previous = runsStore.get()[tabId];
  if (previous?.status === 'running') await cancelRun(tabId);
  else if (previous?.result && !previous.result.done) void client.call('sql.cancel', { queryId: previous.queryId });
  const queryId = newQueryId();
  runsStore.set((all) => ({
    ...all,
    [tabId]: {
      status: 'running',
      queryId,
      sql,
      params,
      startedAt: Date.now(),
      result: null,
      error: null,
      rowCount: null,
      plan: null,
      view,
    },
  }));
  const timeoutMs = timeoutS * 1000;
  if (view === 'plan') {
    const outcome = await client.call('sql.explain', { sql, params, timeoutMs });
    patch(
      tabId,
      queryId,
      outcome.ok ? { status: 'done', plan: outcome.value } : { status: 'error', error: outcome.error },
    );
    return;
  }
  const outcome = await client.call('sql.run', { sql, params, timeoutMs, pageSize: 200, queryId });
  if (outcome.ok) patch(tabId, queryId, { status: 'done', result: outcome.value, rowCount: outcome.value.rowCount });
  else
    patch(tabId, queryId, { status: outcome.error.code === 'CANCELLED' ? 'cancelled' : 'error', error: outcome.error });
}

/** Stops the tab's running query (the host kills the runner process and starts a new one). */
export async function cancelRun(tabId: string): Promise<void> {
  const run = runsStore.get()[tabId];
  if (!run || run.status !== 'running') return;
  patch(tabId, run.queryId, {
    status: 'cancelled',
    error: { code: 'CANCELLED', message: 'Cancelled: the query runner was stopped and restarted.' },
  });
  await client.call('sql.cancel', { queryId: run.queryId });
}

export function setRowCount(tabId: string, queryId: string, rowCount: number): void {
  patch(tabId, queryId, { rowCount });
}

export function setView(tabId: string, view: RunState['view']): void {
  const run = runsStore.get()[tabId];
  if (run) patch(tabId, run.queryId, { view });
}
