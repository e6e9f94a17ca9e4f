/** The files of one run: entity, status, row counts, size and content hash (the provenance). */
import type { SyncRunInfo } from '../../../../shared/contract/sync';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusPill } from '../../components/StatusPill';
import { formatBytes, formatDateTime, formatInt, type DisplayZone } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';

export function RunFiles({ run, zone }: { run: SyncRunInfo; zone: DisplayZone }) {
  const files = useQuery('sync.runFiles', { runId: run.id });
  return (
    <div className="run-files" data-testid="run-files">
      <p className="run-files-head muted">
        Run #{run.id} of <strong>{run.sourceName}</strong> · started {formatDateTime(run.startedAt, zone)} by{' '}
        {run.actor}
      </p>
      {run.error ? (
        <p className="field-error" role="alert">
          {run.error}
        </p>
      ) : null}
      {files.error ? (
        <ErrorNotice what="Could not list the run's files" error={files.error} onRetry={files.reload} />
      ) : null}
      {files.data && files.data.length === 0 ? <p className="empty-line muted">This run touched no files.</p> : null}
      {files.data && files.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table files-table" aria-label={`Files of run ${run.id}`}>
            <thead>
              <tr>
                <th>File</th>
                <th>Entity</th>
                <th>Status</th>
                <th className="num">Ins.</th>
                <th className="num">Upd.</th>
                <th className="num">Del.</th>
                <th className="num">Quar.</th>
                <th className="num">Size</th>
                <th>SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {files.data.map((file) => (
                <tr key={file.id} data-file-status={file.status}>
                  <td
                    className="mono truncate cell-file"
                    title={file.error ? `${file.path}\n${file.error}` : file.path}
                  >
                    {baseName(file.path)}
                  </td>
                  <td>{file.entity ?? <span className="faint">—</span>}</td>
                  <td title={file.error ?? undefined}>
                    <StatusPill status={file.status} />
                  </td>
                  <td className="num">{formatInt(file.rowsInserted)}</td>
                  <td className="num">{formatInt(file.rowsUpdated)}</td>
                  <td className="num">{formatInt(file.rowsDeleted)}</td>
                  <td className={file.rowsQuarantined > 0 ? 'num text-warning' : 'num'}>
                    {formatInt(file.rowsQuarantined)}
                  </td>
                  <td className="num nowrap">{formatBytes(file.bytes)}</td>
                  <td className="mono hash" title={file.sha256 ?? 'not hashed'}>
                    {file.sha256 ? `${file.sha256.slice(0, 12)}…` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {files.data?.some((f) => f.error) ? (
        <ul className="file-errors">
          {files.data
            .filter((f) => f.error)
            .map((f) => (
              <li key={f.id} className="text-danger">
                <span className="mono">{baseName(f.path)}</span>: {f.error}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
