/** Registered sources with their last run, and the per-source Sync now / Remove actions. */
import type { SourceInfo } from '../../../../shared/contract/sync';
import { syncSource } from '../../app/actions';
import { confirm } from '../../components/Confirm';
import { Icon } from '../../components/Icon';
import { StatusPill } from '../../components/StatusPill';
import { callOrToast } from '../../lib/client';
import { formatAgo, formatDateTime, formatInt, type DisplayZone } from '../../lib/format';
import { pushToast } from '../../lib/toasts';

export function SourceList({
  sources,
  syncingIds,
  zone,
  onChanged,
}: {
  sources: readonly SourceInfo[];
  /** Sources with a sync job queued or running (their Sync button is disabled). */
  syncingIds: ReadonlySet<number>;
  zone: DisplayZone;
  onChanged: () => void;
}) {
  if (sources.length === 0) {
    return (
      <p className="empty-line muted">No sources yet. Add a folder or URL above, or drop a folder on this screen.</p>
    );
  }
  const remove = async (source: SourceInfo) => {
    const ok = await confirm({
      title: `Remove “${source.name}”?`,
      body: 'Ringside forgets this source. The rows it loaded and its run history stay in the cache.',
      confirmLabel: 'Remove source',
    });
    if (!ok) return;
    const result = await callOrToast('sources.remove', { sourceId: source.id });
    if (result) {
      pushToast({ kind: 'success', title: `Removed source “${source.name}”` });
      onChanged();
    }
  };
  return (
    <table className="table sources-table" aria-label="Sources">
      <thead>
        <tr>
          <th>Name</th>
          <th>Location</th>
          <th>Last run</th>
          <th className="num">Rows in / upd / quar.</th>
          <th>Added</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => {
          const run = source.lastRun;
          const syncing = syncingIds.has(source.id) || run?.status === 'running';
          return (
            <tr key={source.id} data-source-id={source.id}>
              <td>
                <span className="source-name">
                  <Icon name={source.kind === 'http' ? 'link' : 'folder'} size={14} className="faint" />
                  <strong>{source.name}</strong>
                </span>
              </td>
              <td className="mono truncate cell-location" title={source.location}>
                {source.location}
              </td>
              <td className="nowrap">
                {run ? (
                  <span className="cell-run">
                    <StatusPill status={run.status} title={run.error ?? undefined} />
                    <span className="faint" title={formatDateTime(run.finishedAt ?? run.startedAt, zone)}>
                      {formatAgo(run.finishedAt ?? run.startedAt)}
                    </span>
                  </span>
                ) : (
                  <span className="faint">Never synced</span>
                )}
              </td>
              <td className="num nowrap">
                {run
                  ? `${formatInt(run.rowsInserted)} / ${formatInt(run.rowsUpdated)} / ${formatInt(run.rowsQuarantined)}`
                  : '—'}
              </td>
              <td className="nowrap faint" title={`${source.addedBy}, ${formatDateTime(source.addedAt, zone)}`}>
                {formatAgo(source.addedAt)}
              </td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="btn btn-sm btn-primary"
                  disabled={syncing}
                  onClick={() => void syncSource(source)}
                  aria-label={`Sync now: ${source.name}`}
                >
                  <Icon name="sync" size={13} /> {syncing ? 'Syncing…' : 'Sync now'}
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  onClick={() => void remove(source)}
                  aria-label={`Remove source ${source.name}`}
                  title="Remove source"
                >
                  <Icon name="trash" size={14} />
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
