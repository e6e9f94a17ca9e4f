/**
 * The lower half of the scratchpad: the run's status (running with elapsed time and Cancel, the
 * error with its code, or the row count and time), the Rows / Plan switch, copy, export and pin
 * actions, and the grid or the query plan.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SqlValue } from '../../../../shared/contract/sql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { client } from '../../lib/client';
import { formatDuration, formatInt } from '../../lib/format';
import { pushToast } from '../../lib/toasts';
import { PinDialog } from './Dialogs';
import { ResultsGrid, rowText, type GridHandle } from './ResultsGrid';
import { cancelRun, setRowCount, setView, type RunState } from './runs';

function useElapsed(running: boolean, since: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return Math.max(0, now - since);
}

async function exportRun(run: RunState, format: 'csv' | 'json'): Promise<void> {
  const outcome = await client.call('sql.export', { sql: run.sql, params: { ...run.params }, format });
  if (!outcome.ok) {
    if (outcome.error.code !== 'CANCELLED')
      pushToast({
        kind: 'error',
        title: `Export to ${format.toUpperCase()} failed`,
        message: outcome.error.message,
        code: outcome.error.code,
      });
    return;
  }
  pushToast({
    kind: 'success',
    title: `Exported ${formatInt(outcome.value.rows)} rows`,
    message: `${outcome.value.file} (+ .meta.json sidecar)`,
  });
}

async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    pushToast({ kind: 'success', title: `${what} copied` });
  } catch (err) {
    pushToast({ kind: 'error', title: `Could not copy the ${what.toLowerCase()}`, message: (err as Error).message });
  }
}

export function ResultsPane({ tabId, run, timeoutS }: { tabId: string; run: RunState | null; timeoutS: number }) {
  const running = run?.status === 'running';
  const elapsed = useElapsed(running, run?.startedAt ?? 0);
  const grid = useRef<GridHandle | null>(null);
  const [pinOpen, setPinOpen] = useState(false);
  const [pageError, setPageError] = useState<string | null>(null);
  const queryId = run?.queryId ?? '';
  const onRowCount = useCallback((n: number) => setRowCount(tabId, queryId, n), [tabId, queryId]);
  const onPageError = useCallback((message: string) => setPageError(message), []);
  useEffect(() => setPageError(null), [queryId]);

  if (!run) {
    return (
      <div className="sql-results sql-results-empty" data-testid="sql-results" data-state="idle">
        <p className="muted">
          Run a query with <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (the statement under the cursor or the selection). Queries
          run read-only in a separate process; <kbd>Esc</kbd> or Cancel stops one at once.
        </p>
      </div>
    );
  }

  const result = run.result;
  const rows = run.rowCount ?? null;
  const loaded = result ? result.firstPage.length : 0;
  const focusedCopy = (what: 'cell' | 'row') => {
    const f = grid.current?.focused();
    if (!f) {
      pushToast({
        kind: 'info',
        title: 'Click a cell first',
        message: 'Copy works on the focused cell or its row (Ctrl+C, Ctrl+Shift+C in the grid).',
      });
      return;
    }
    void copyText(
      what === 'cell' ? (f.cell === null ? '' : String(f.cell)) : rowText(f.row as SqlValue[]),
      what === 'cell' ? 'Cell' : 'Row',
    );
  };

  return (
    <div className="sql-results" data-testid="sql-results" data-state={run.status}>
      <div className="sql-results-bar">
        {running ? (
          <span className="sql-status" role="status" aria-live="polite">
            <span className="sql-spinner" aria-hidden="true" /> Running… {formatDuration(elapsed)}
            <span className="faint"> · timeout {timeoutS} s</span>
            <button
              type="button"
              className="btn btn-sm sql-cancel"
              onClick={() => void cancelRun(tabId)}
              data-testid="sql-cancel"
            >
              <Icon name="stop" size={14} /> Cancel <kbd>Esc</kbd>
            </button>
          </span>
        ) : result ? (
          <span className="sql-status" role="status" data-testid="sql-rowcount">
            <strong>{rows !== null ? formatInt(rows) : `${formatInt(loaded)}+`}</strong> row{rows === 1 ? '' : 's'}
            <span className="faint">
              {' '}
              · {result.columns.length} columns · first page in {formatDuration(result.elapsedMs)}
            </span>
            {rows === null ? <span className="faint"> · more load as you scroll</span> : null}
          </span>
        ) : run.plan ? (
          <span className="sql-status">Query plan</span>
        ) : (
          <span className="sql-status faint">
            {run.status === 'cancelled'
              ? 'Cancelled'
              : run.error?.code === 'SQL_REFUSED'
                ? 'Refused before running'
                : run.error?.code === 'TIMEOUT'
                  ? 'Timed out'
                  : 'Failed'}
          </span>
        )}
        <span className="sql-spacer" />
        {result || run.plan ? (
          <div className="segmented" role="group" aria-label="Result view">
            <button
              type="button"
              aria-pressed={run.view === 'rows'}
              disabled={!result}
              onClick={() => setView(tabId, 'rows')}
            >
              Rows
            </button>
            <button
              type="button"
              aria-pressed={run.view === 'plan'}
              disabled={!run.plan}
              onClick={() => setView(tabId, 'plan')}
            >
              Plan
            </button>
          </div>
        ) : null}
        {result ? (
          <>
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => focusedCopy('cell')}
              title="Copy the focused cell (Ctrl+C in the grid)"
            >
              Copy cell
            </button>
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => focusedCopy('row')}
              title="Copy the focused row as tab-separated text (Ctrl+Shift+C)"
            >
              Copy row
            </button>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => void exportRun(run, 'csv')}
              title="Stream the full result to exports/ with a .meta.json sidecar"
            >
              Export CSV
            </button>
            <button type="button" className="btn btn-sm" onClick={() => void exportRun(run, 'json')}>
              Export JSON
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setPinOpen(true)} data-testid="sql-pin">
              <Icon name="link" size={14} /> Pin to case…
            </button>
          </>
        ) : null}
      </div>
      {run.error ? (
        <div className="sql-results-error">
          <ErrorNotice
            what={
              run.status === 'cancelled'
                ? 'Query stopped'
                : run.error.code === 'SQL_REFUSED'
                  ? 'Query refused'
                  : 'Query failed'
            }
            error={run.error}
          />
        </div>
      ) : null}
      {pageError ? (
        <div className="sql-results-error">
          <ErrorNotice what="Could not load more rows" error={{ code: 'SQL_ERROR', message: pageError }} />
        </div>
      ) : null}
      {run.view === 'plan' && run.plan ? <PlanView plan={run.plan} /> : null}
      {run.view === 'rows' && result ? (
        <ResultsGrid result={result} onRowCount={onRowCount} onError={onPageError} handleRef={grid} />
      ) : null}
      {result ? (
        <PinDialog
          open={pinOpen}
          onClose={() => setPinOpen(false)}
          sql={run.sql}
          params={run.params}
          timeoutS={timeoutS}
        />
      ) : null}
    </div>
  );
}

function PlanView({ plan }: { plan: readonly { id: number; parent: number; detail: string }[] }) {
  const depth = new Map<number, number>([[0, -1]]);
  return (
    <ol className="sql-plan" data-testid="sql-plan">
      {plan.map((p) => {
        const d = (depth.get(p.parent) ?? -1) + 1;
        depth.set(p.id, d);
        const scan = /^SCAN /.test(p.detail) && !/USING (COVERING )?INDEX/.test(p.detail);
        return (
          <li key={p.id} style={{ paddingLeft: `${d * 18 + 10}px` }} className={scan ? 'sql-plan-scan' : ''}>
            <code>{p.detail}</code>
            {scan ? <span className="pill pill-warning">full scan</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
