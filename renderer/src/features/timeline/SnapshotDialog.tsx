/**
 * "Snapshot to case": pins the current view (SVG, PNG data URL, accounts, window, zone) to a
 * case as a `timeline` evidence item. The case is picked from `cases.list` by id or title.
 */
import { useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { client } from '../../lib/client';
import { pushToast } from '../../lib/toasts';
import { useQuery } from '../../lib/useQuery';

export function SnapshotDialog({
  open,
  onClose,
  defaultTitle,
  buildPayload,
}: {
  open: boolean;
  onClose: () => void;
  defaultTitle: string;
  buildPayload: () => Promise<Record<string, unknown>>;
}) {
  const [search, setSearch] = useState('');
  const [caseId, setCaseId] = useState('');
  const [title, setTitle] = useState(defaultTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const cases = useQuery('cases.list', { search: search || undefined, limit: 20 }, { enabled: open });

  const pin = async () => {
    setBusy(true);
    const payload = await buildPayload();
    const outcome = await client.call('cases.addEvidence', { caseId, kind: 'timeline', title, payload });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    pushToast({ kind: 'success', title: 'Timeline pinned', message: `Added to case ${caseId} (sha256 ${outcome.value.sha256.slice(0, 12)}…)` });
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Snapshot this view to a case"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!caseId || busy || title.trim().length === 0} onClick={() => void pin()}>
            {busy ? 'Pinning…' : 'Pin to case'}
          </button>
        </>
      }
    >
      <div className="form">
        <div className="field">
          <label htmlFor="snapshot-title">Evidence title</label>
          <input id="snapshot-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="snapshot-search">Case</label>
          <input id="snapshot-search" className="input" placeholder="Search by id or title" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <ul className="snapshot-cases" role="listbox" aria-label="Cases">
          {(cases.data?.rows ?? []).map((c) => (
            <li key={c.id} role="option" aria-selected={c.id === caseId}>
              <button type="button" className={c.id === caseId ? 'pattern-row selected' : 'pattern-row'} onClick={() => setCaseId(c.id)}>
                <span className="mono">{c.id}</span>
                <span className="pattern-main">{c.title}</span>
                <span className="faint">{c.status}</span>
              </button>
            </li>
          ))}
          {cases.data && cases.data.rows.length === 0 ? <li className="muted">No cases match.</li> : null}
        </ul>
        {error ? <ErrorNotice what="Could not pin the timeline" error={error} /> : null}
      </div>
    </Dialog>
  );
}
