/**
 * Sync run history, newest first: status, file and row counts, duration, who and when. A row
 * is selectable (click, Enter/Space, or arrow keys) to show its files and quarantine. One row is
 * in the Tab order (the selected one), so fifty runs are not fifty Tab stops.
 */
import type { KeyboardEvent } from 'react';
import type { SyncRunInfo } from '../../../../shared/contract/sync';
import { StatusPill } from '../../components/StatusPill';
import { formatAgo, formatDateTime, formatDuration, formatInt, type DisplayZone } from '../../lib/format';

export function RunHistory({
  runs,
  selectedId,
  onSelect,
  zone,
}: {
  runs: readonly SyncRunInfo[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  zone: DisplayZone;
}) {
  if (runs.length === 0) return <p className="empty-line muted">No sync runs yet.</p>;
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>, id: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const row = event.currentTarget;
      const next = (
        event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling
      ) as HTMLElement | null;
      const nextId = Number(next?.dataset['runId']);
      if (next && Number.isInteger(nextId)) {
        onSelect(nextId);
        next.focus();
      }
    }
  };
  return (
    <div className="table-scroll">
      <table className="table runs-table" aria-label="Run history">
        <thead>
          <tr>
            <th className="num">Run</th>
            <th>Source</th>
            <th>Status</th>
            <th className="num" title="Files applied / skipped (unchanged) / failed">
              Files a / s / f
            </th>
            <th className="num">Inserted</th>
            <th className="num">Updated</th>
            <th className="num">Deleted</th>
            <th className="num">Quarantined</th>
            <th className="num">Duration</th>
            <th>Who</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr
              key={run.id}
              tabIndex={run.id === selectedId || (selectedId === null && run === runs[0]) ? 0 : -1}
              aria-selected={run.id === selectedId}
              className={run.id === selectedId ? 'row-selected' : undefined}
              onClick={() => onSelect(run.id)}
              onKeyDown={(e) => onKey(e, run.id)}
              data-run-id={run.id}
              data-run-status={run.status}
            >
              <td className="num faint">#{run.id}</td>
              <td className="truncate cell-source" title={run.sourceName}>
                {run.sourceName}
              </td>
              <td title={run.error ?? undefined}>
                <StatusPill status={run.status} />
              </td>
              <td className="num nowrap">
                {formatInt(run.filesApplied)} / {formatInt(run.filesSkipped)} /{' '}
                <span className={run.filesFailed > 0 ? 'text-danger' : undefined}>{formatInt(run.filesFailed)}</span>
              </td>
              <td className="num">{formatInt(run.rowsInserted)}</td>
              <td className="num">{formatInt(run.rowsUpdated)}</td>
              <td className="num">{formatInt(run.rowsDeleted)}</td>
              <td className={run.rowsQuarantined > 0 ? 'num text-warning' : 'num'}>{formatInt(run.rowsQuarantined)}</td>
              <td className="num">{formatDuration(run.durationMs)}</td>
              <td className="truncate cell-who" title={run.actor}>
                {run.actor}
              </td>
              <td className="nowrap" title={formatDateTime(run.startedAt, zone)}>
                {formatAgo(run.startedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
