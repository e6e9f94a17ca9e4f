/**
 * Verify a packet in the browser: drop a ZIP on the zone or choose it with the file input
 * (keyboard users); every file is listed with its status, failures first.
 */
import { useState, type DragEvent } from 'react';
import type { VerifyReport } from '../../../../shared/packets/verify';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { formatBytes, formatInt } from '../../lib/format';
import { verifyDroppedFile } from './browserVerify';

const ORDER = { altered: 0, missing: 1, extra: 2, ok: 3 } as const;

export function VerifyPanel() {
  const [report, setReport] = useState<{ name: string; report: VerifyReport } | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const verify = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      setReport({ name: file.name, report: await verifyDroppedFile(file) });
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void verify(e.dataTransfer.files[0]);
  };
  const r = report?.report;
  const files = r ? [...r.files].sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.path < b.path ? -1 : 1)) : [];
  return (
    <Panel title="Verify a packet" id="packet-verify">
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        data-testid="verify-drop"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Icon name="packets" size={16} />
        <span>Drop a packet ZIP here, or</span>
        <label className="btn btn-sm">
          Choose file…
          <input
            type="file"
            accept=".zip,application/zip"
            className="visually-hidden"
            data-testid="verify-input"
            onChange={(e) => {
              void verify(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <span className="faint">Checked here, in this window: SHA-256 of every file against the BagIt manifests.</span>
      </div>
      {busy ? (
        <p className="muted" role="status">
          Verifying…
        </p>
      ) : null}
      {r && report ? (
        <div className="verify-result" data-testid="verify-result" data-ok={r.ok ? 'true' : 'false'}>
          <div className={r.ok ? 'verify-verdict ok' : 'verify-verdict bad'} role="status">
            <Icon name={r.ok ? 'check' : 'alert'} size={16} />
            <strong>{r.ok ? 'Intact' : 'Verification failed'}</strong>
            <span className="truncate">{report.name}</span>
            <span className="muted num">
              {formatInt(r.counts.ok)} ok · {formatInt(r.counts.altered)} altered · {formatInt(r.counts.missing)}{' '}
              missing · {formatInt(r.counts.extra)} extra
            </span>
          </div>
          {r.packet ? (
            <p className="muted verify-packet">
              Case <b>{r.packet.caseId ?? '?'}</b> · profile {r.packet.profile ?? '?'} · as of {r.packet.asOf ?? '?'} ·
              exported by {r.packet.exporter ?? '?'} · {r.packet.toolVersion ?? '?'}
            </p>
          ) : null}
          {r.problems.length ? (
            <ul className="verify-problems">
              {r.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <div className="table-scroll verify-files">
            <table className="table" aria-label="Files of the verified packet">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>File</th>
                  <th className="num">Size</th>
                  <th>SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <tr key={`${f.status}:${f.path}`} data-status={f.status}>
                    <td>
                      <span className={`pill pill-${f.status === 'ok' ? 'success' : 'danger'}`}>{f.status}</span>
                    </td>
                    <td className="mono">{f.path}</td>
                    <td className="num">{f.bytes === null ? '—' : formatBytes(f.bytes)}</td>
                    <td
                      className="mono faint truncate"
                      title={f.status === 'altered' ? `expected ${f.expected ?? ''}` : undefined}
                    >
                      {(f.actual ?? f.expected ?? '').slice(0, 16)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </Panel>
  );
}
