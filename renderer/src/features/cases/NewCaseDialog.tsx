/**
 * Opening a case by hand or from the working set: account ids (pasted, one per line or comma
 * separated; prefilled from the graph/timeline selection), where it came from (a ring, a graph
 * selection, a query result, ...) and its triage fields. Unknown accounts are refused by name.
 */
import { useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { client } from '../../lib/client';
import { useQuery } from '../../lib/useQuery';
import { useWorkbench } from '../../lib/workbench';
import { openCase } from './caseRoute';

type OriginKind = 'ring' | 'graph' | 'query' | 'timeline' | 'manual';

export function NewCaseDialog({ onClose }: { onClose: () => void }) {
  const bench = useWorkbench();
  const policy = useQuery('policy.get', {});
  const [title, setTitle] = useState(bench.origin ? `${bench.origin.kind === 'ring' ? 'Ring' : 'Selection'} ${bench.origin.ref}` : '');
  const [accounts, setAccounts] = useState(bench.selectedAccounts.join('\n'));
  const [originKind, setOriginKind] = useState<OriginKind>(!bench.origin || bench.origin.kind === 'case' ? 'manual' : bench.origin.kind);
  const [originRef, setOriginRef] = useState(bench.origin?.ref ?? '');
  const [priority, setPriority] = useState<'P1' | 'P2' | 'P3' | 'P4'>('P3');
  const [policyCode, setPolicyCode] = useState('');
  const [severity, setSeverity] = useState<'' | 'S1' | 'S2' | 'S3' | 'S4'>('');
  const [error, setError] = useState<ApiError | null>(null);
  const ids = [...new Set(accounts.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];

  const create = async () => {
    const outcome = await client.call('cases.create', {
      title,
      subjects: ids,
      priority,
      policy: policyCode || undefined,
      severity: severity || undefined,
      origin: { kind: originKind, ...(originRef.trim() ? { ref: originRef.trim() } : {}) },
    });
    if (!outcome.ok) return setError(outcome.error);
    onClose();
    openCase(outcome.value.id);
  };

  return (
    <Dialog open onClose={onClose} title="New case" labelledBy="new-case-title" className="new-case-dialog" footer={
      <>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        <button type="button" className="btn btn-primary" data-testid="new-case-submit" disabled={ids.length === 0 || title.trim().length < 3} onClick={() => void create()}>
          Open case on {ids.length} account{ids.length === 1 ? '' : 's'}
        </button>
      </>
    }>
      {error ? <ErrorNotice what="The case was not opened" error={error} /> : null}
      <div className="form">
        <div className="field">
          <label htmlFor="nc-title">Title</label>
          <input id="nc-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Device farm around acc_00412" />
        </div>
        <div className="field">
          <label htmlFor="nc-accounts">Subject accounts <span className="faint">{ids.length}</span></label>
          <textarea id="nc-accounts" className="input mono" rows={5} value={accounts} onChange={(e) => setAccounts(e.target.value)} placeholder="acc_00001, acc_00002 … (one per line or comma separated)" />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="nc-origin">Opened from</label>
            <select id="nc-origin" className="select" value={originKind} onChange={(e) => setOriginKind(e.target.value as OriginKind)}>
              <option value="manual">By hand</option>
              <option value="ring">A ring</option>
              <option value="graph">A graph selection</option>
              <option value="query">A query result</option>
              <option value="timeline">A timeline selection</option>
            </select>
          </div>
          <div className="field grow">
            <label htmlFor="nc-ref">Reference</label>
            <input id="nc-ref" className="input" value={originRef} onChange={(e) => setOriginRef(e.target.value)} placeholder={originKind === 'ring' ? 'ring id' : 'optional'} />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="nc-priority">Priority</label>
            <select id="nc-priority" className="select" value={priority} onChange={(e) => setPriority(e.target.value as 'P1')}>
              <option value="P1">P1 · 24 h SLA</option>
              <option value="P2">P2 · 3 days</option>
              <option value="P3">P3 · 7 days</option>
              <option value="P4">P4 · 14 days</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="nc-policy">Policy</label>
            <select id="nc-policy" className="select" value={policyCode} onChange={(e) => setPolicyCode(e.target.value)}>
              <option value="">Not yet known</option>
              {policy.data?.config.policies.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="nc-severity">Severity</label>
            <select id="nc-severity" className="select" value={severity} onChange={(e) => setSeverity(e.target.value as 'S1')}>
              <option value="">Not yet known</option>
              {(['S1', 'S2', 'S3', 'S4'] as const).map((s) => <option key={s} value={s}>{s} · {policy.data?.config.tiers[s]?.label ?? ''}</option>)}
            </select>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
