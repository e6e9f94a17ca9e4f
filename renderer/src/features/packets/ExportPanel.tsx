/**
 * Export a case: pick the case and the redaction profile (custom: tick fields), see what will
 * be redacted, export as a background job with progress, then download the ZIP.
 */
import { useEffect, useState } from 'react';
import {
  EXTERNAL_FIELDS,
  REDACTABLE_FIELDS,
  type PacketExportResult,
  type PacketProfile,
  type RedactableField,
} from '../../../../shared/contract/packets';
import type { ApiError } from '../../../../shared/contract/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { Panel } from '../../components/Panel';
import { callOrToast } from '../../lib/client';
import { formatBytes, formatInt, humanize } from '../../lib/format';
import { trackStartedJob, useJob } from '../../lib/jobs';
import { useQuery } from '../../lib/useQuery';
import { downloadPacket } from './PacketList';
import { FIELD_LABEL } from './fieldLabels';
import { RedactionPreviewTable } from './RedactionPreviewTable';

const PROFILE_HELP: Record<PacketProfile, string> = {
  internal: 'Full data, for your own organisation.',
  external: `Pseudonymises ${EXTERNAL_FIELDS.map((f) => FIELD_LABEL[f].toLowerCase()).join(', ')}. For appeal panels, partners, law enforcement.`,
  custom: 'Pseudonymise exactly the fields you tick.',
};

export function ExportPanel({ caseId, setCaseId }: { caseId: string; setCaseId: (id: string) => void }) {
  const cases = useQuery('cases.list', { limit: 1000 });
  const [profile, setProfile] = useState<PacketProfile>('external');
  const [fields, setFields] = useState<RedactableField[]>([...EXTERNAL_FIELDS]);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const request = { caseId, profile, ...(profile === 'custom' ? { fields } : {}) };
  const customEmpty = profile === 'custom' && fields.length === 0;
  const preview = useQuery('packets.preview', request, {
    enabled: caseId !== '' && !customEmpty,
    refetchOn: (t) => t.some((x) => x !== 'audit_log' && x !== 'settings'),
  });
  const result = job?.state === 'succeeded' ? (job.result as PacketExportResult) : null;

  useEffect(() => {
    if (caseId === '' && cases.data?.rows[0]) setCaseId(cases.data.rows[0].id);
  }, [caseId, cases.data, setCaseId]);

  const start = async () => {
    const started = await callOrToast('packets.export', request);
    if (!started) return;
    trackStartedJob(started.jobId, 'packets.export', 'Exporting evidence packet', caseId);
    setJobId(started.jobId);
  };
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const known = cases.data?.rows.some((c) => c.id === caseId) ?? true;

  return (
    <Panel title="Export a case" id="packet-export">
      {cases.error ? <ErrorNotice what="Could not list cases" error={cases.error} onRetry={cases.reload} /> : null}
      <div className="export-form">
        <div className="field">
          <label htmlFor="packet-case">Case</label>
          <select
            id="packet-case"
            className="select"
            value={caseId}
            onChange={(e) => setCaseId(e.target.value)}
            data-testid="packet-case"
          >
            {!known && caseId ? <option value={caseId}>{caseId}</option> : null}
            {cases.data?.rows.length === 0 ? <option value="">No cases yet</option> : null}
            {cases.data?.rows.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} · {c.title} ({c.subjects} subjects, {c.status})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span className="label" id="packet-profile-label">
            Redaction profile
          </span>
          <div className="segmented" role="group" aria-labelledby="packet-profile-label">
            {(['internal', 'external', 'custom'] as const).map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={profile === p}
                onClick={() => setProfile(p)}
                data-testid={`profile-${p}`}
              >
                {humanize(p)}
              </button>
            ))}
          </div>
          <p className="field-help faint">{PROFILE_HELP[profile]}</p>
        </div>
        {profile === 'custom' ? (
          <fieldset className="field-checks">
            <legend className="label">Fields to pseudonymise</legend>
            {REDACTABLE_FIELDS.map((f) => (
              <label key={f} className="check">
                <input
                  type="checkbox"
                  checked={fields.includes(f)}
                  onChange={(e) =>
                    setFields((prev) =>
                      e.target.checked
                        ? REDACTABLE_FIELDS.filter((x) => x === f || prev.includes(x))
                        : prev.filter((x) => x !== f),
                    )
                  }
                />
                {FIELD_LABEL[f]}
              </label>
            ))}
            {customEmpty ? (
              <p className="field-error">Tick at least one field, or choose the internal profile.</p>
            ) : null}
          </fieldset>
        ) : null}
      </div>
      <h3 className="subhead">Redaction preview</h3>
      {preview.error ? (
        <ErrorNotice what="Could not preview the redaction" error={preview.error} onRetry={preview.reload} />
      ) : null}
      {preview.data && !customEmpty ? (
        <RedactionPreviewTable preview={preview.data} />
      ) : caseId === '' ? (
        <p className="empty-line muted">Choose a case.</p>
      ) : null}
      <div className="export-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void start()}
          disabled={caseId === '' || customEmpty || running}
          data-testid="packet-export-button"
        >
          Export packet
        </button>
        <span className="faint">
          Deterministic ZIP (BagIt): report.html + PDF, CSVs, graph and timeline, hashes. Recorded in the audit log.
        </span>
      </div>
      {job && running ? <JobProgress job={job} /> : null}
      {job?.state === 'failed' && job.error ? (
        <ErrorNotice what="Export failed" error={job.error as ApiError} onRetry={() => void start()} />
      ) : null}
      {job?.state === 'cancelled' ? <p className="muted">Export cancelled; nothing was written.</p> : null}
      {result ? (
        <div className="export-result" data-testid="export-result" role="status">
          <div>
            <strong>Exported</strong> <span className="mono">{result.fileName}</span>
          </div>
          <div className="muted num">
            {formatInt(result.files.length)} files · {formatBytes(result.bytes)} · SHA-256{' '}
            <span className="mono">{result.sha256.slice(0, 16)}…</span>
          </div>
          <div className="faint mono truncate" title={result.path}>
            {result.path}
          </div>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void downloadPacket(result.fileName)}
            data-testid="export-download"
          >
            Download
          </button>
        </div>
      ) : null}
    </Panel>
  );
}
