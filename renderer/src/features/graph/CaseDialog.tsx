/**
 * Case actions on the graph selection: create a case from the selected accounts, add them to an
 * existing case (picker over cases.list), or pin a snapshot of the view (PNG + SVG + nodes/edges
 * + parameters) to a case as 'graph' evidence. Errors stay in the dialog, naming what failed.
 */
import { useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { client } from '../../lib/client';
import { pushToast } from '../../lib/toasts';
import { useQuery } from '../../lib/useQuery';

export type CaseAction = 'create' | 'add' | 'snapshot';

export interface CaseDialogProps {
  action: CaseAction | null;
  accounts: readonly string[];
  origin: { kind: 'graph' | 'ring'; ref: string };
  snapshot(): Record<string, unknown>;
  onClose(): void;
}

export function CaseDialog({ action, accounts, origin, snapshot, onClose }: CaseDialogProps) {
  const [title, setTitle] = useState('');
  const [search, setSearch] = useState('');
  const [caseId, setCaseId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const cases = useQuery('cases.list', { search: search || undefined, limit: 50 }, { enabled: action === 'add' || action === 'snapshot' });
  const heading = action === 'create' ? `Create case from ${accounts.length} account${accounts.length === 1 ? '' : 's'}` : action === 'add' ? `Add ${accounts.length} account${accounts.length === 1 ? '' : 's'} to a case` : 'Snapshot this view to a case';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'create') {
        const out = await client.call('cases.create', { title: title || `Linked accounts from ${origin.ref}`, subjects: [...accounts], origin });
        if (!out.ok) return setError(out.error);
        pushToast({ kind: 'success', title: 'Case created', message: `${out.value.id} with ${accounts.length} subject(s).` });
      } else if (caseId && action === 'add') {
        const out = await client.call('cases.addSubjects', { caseId, accounts: [...accounts] });
        if (!out.ok) return setError(out.error);
        pushToast({ kind: 'success', title: `Added to ${caseId}`, message: `${out.value.added} added, ${out.value.alreadyPresent} already on the case.` });
      } else if (caseId && action === 'snapshot') {
        const out = await client.call('cases.addEvidence', { caseId, kind: 'graph', title: title || `Graph of ${origin.ref}`, payload: snapshot() });
        if (!out.ok) return setError(out.error);
        pushToast({ kind: 'success', title: `Snapshot pinned to ${caseId}`, message: `Evidence #${out.value.id}, SHA-256 ${out.value.sha256.slice(0, 12)}…` });
      }
      onClose();
    } finally {
      setBusy(false);
    }
  };

  const canSubmit = !busy && (action === 'create' ? accounts.length > 0 : caseId !== null);
  return (
    <Dialog
      open={action !== null}
      onClose={onClose}
      title={heading}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!canSubmit} onClick={() => void submit()} data-testid="case-dialog-submit">
            {action === 'create' ? 'Create case' : action === 'add' ? 'Add to case' : 'Pin snapshot'}
          </button>
        </>
      }
    >
      <div className="form">
        {action !== 'add' ? (
          <label className="field">
            <span>{action === 'create' ? 'Case title' : 'Evidence title'}</span>
            <input className="input" autoFocus value={title} placeholder={action === 'create' ? `Linked accounts from ${origin.ref}` : `Graph of ${origin.ref}`} onChange={(e) => setTitle(e.target.value)} />
          </label>
        ) : null}
        {action === 'add' || action === 'snapshot' ? (
          <>
            <label className="field">
              <span>Find a case</span>
              <input className="input" type="search" autoFocus={action === 'add'} value={search} placeholder="Case id or title" onChange={(e) => setSearch(e.target.value)} />
            </label>
            {cases.error ? <ErrorNotice what="Could not list cases" error={cases.error} onRetry={cases.reload} /> : null}
            <ul className="case-pick" role="listbox" aria-label="Cases">
              {(cases.data?.rows ?? []).map((c) => (
                <li key={c.id} role="option" aria-selected={caseId === c.id} tabIndex={0} className={caseId === c.id ? 'active' : ''} onClick={() => setCaseId(c.id)} onKeyDown={(e) => e.key === 'Enter' && setCaseId(c.id)}>
                  <span className="mono">{c.id}</span> <span>{c.title}</span> <span className="muted">{c.status}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted small">Subjects: {accounts.slice(0, 8).join(', ')}{accounts.length > 8 ? ` and ${accounts.length - 8} more` : ''}</p>
        )}
        {error ? <ErrorNotice what="The case action failed" error={error} /> : null}
      </div>
    </Dialog>
  );
}
