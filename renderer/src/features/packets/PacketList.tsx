/** The packets in <workspace>/exports, newest first, each downloadable. */
import { Panel } from '../../components/Panel';
import { ErrorNotice } from '../../components/ErrorNotice';
import { callOrToast } from '../../lib/client';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings';
import { useQuery } from '../../lib/useQuery';
import { downloadBase64 } from './browserVerify';

export async function downloadPacket(fileName: string): Promise<void> {
  const read = await callOrToast('packets.read', { fileName });
  if (read) downloadBase64(read.fileName, read.base64);
}

export function PacketList() {
  const zone = useSettings()?.displayZone ?? 'utc';
  const list = useQuery('packets.list', {}, { refetchOn: (t) => t.includes('audit_log') });
  const packets = list.data?.packets ?? [];
  return (
    <Panel title="Exported packets" id="packet-list" flush>
      {list.error ? <ErrorNotice what="Could not list packets" error={list.error} onRetry={list.reload} /> : null}
      {list.data && packets.length === 0 ? (
        <p className="empty-line muted">No packets yet. Exports are kept in the workspace’s exports folder.</p>
      ) : null}
      {packets.length > 0 ? (
        <div className="table-scroll">
          <table className="table packets-table" aria-label="Exported packets" data-testid="packet-list">
            <thead>
              <tr>
                <th>Packet</th>
                <th className="num">Size</th>
                <th>Written</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {packets.map((p) => (
                <tr key={p.fileName}>
                  <td title={p.path}>
                    <div>
                      <b>{p.caseId ?? '—'}</b> <span className="pill pill-neutral">{p.profile ?? 'unknown'}</span>
                    </div>
                    <div className="mono faint packet-file">{p.fileName}</div>
                  </td>
                  <td className="num">{formatBytes(p.bytes)}</td>
                  <td className="nowrap muted">{formatDateTime(p.modifiedAt, zone)}</td>
                  <td className="cell-action">
                    <button
                      type="button"
                      className="btn btn-xs"
                      onClick={() => void downloadPacket(p.fileName)}
                      aria-label={`Download ${p.fileName}`}
                    >
                      Download
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
