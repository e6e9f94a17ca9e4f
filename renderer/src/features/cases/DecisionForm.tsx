/**
 * The decision note: subjects, policy, tier, sanction (the ladder's proposal per subject unless
 * overridden), lifecycle change, effective and end dates, rationale (minimum length from the
 * policy), and the evidence references the tier's standard asks for. Shows whether a second
 * reviewer must approve, consistency warnings against precedent, and similar past decisions.
 */
import { useMemo, useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/cases';
import type { ApiError } from '../../../../shared/contract/errors';
import { LADDER_SANCTIONS, TIERS } from '../../../../shared/contract/decisions';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { client } from '../../lib/client';
import { humanize } from '../../lib/format';
import { pushToast } from '../../lib/toasts';
import { useQuery } from '../../lib/useQuery';
import { SimilarDecisions } from './SimilarDecisions';
import './decision.css';

type Tier = (typeof TIERS)[number];
type Sanction = (typeof LADDER_SANCTIONS)[number];

export function DecisionForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const policy = useQuery('policy.get', {});
  const config = policy.data?.config;
  const [accounts, setAccounts] = useState<string[]>(detail.subjectAccounts.map((s) => s.id));
  const [policyCode, setPolicyCode] = useState(detail.policy ?? '');
  const [tier, setTier] = useState<Tier>((detail.severity as Tier | null) ?? 'S3');
  const [sanction, setSanction] = useState<Sanction | ''>('');
  const [lifecycleTo, setLifecycleTo] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [rationale, setRationale] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<number[]>(detail.evidence.map((e) => e.id));
  const [precedent, setPrecedent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const code = policyCode || config?.policies[0]?.code || '';
  const proposal = useQuery('decisions.propose', { caseId: detail.id, accounts, policy: code, tier, sanction: sanction || undefined }, { enabled: accounts.length > 0 && code !== '' });
  const p = proposal.data;
  const minLength = config?.rationaleMinLength ?? 40;
  const needsApproval = (p?.needsApproval ?? false) || (precedent && (config?.approval.precedent ?? true));
  const evidenceShort = p ? evidenceIds.length < p.minEvidence : false;
  const rationaleShort = rationale.trim().length < minLength;
  const similarText = useMemo(() => rationale.split(/\s+/).slice(-12).join(' '), [rationale]);

  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  const submit = async () => {
    setBusy(true);
    const outcome = await client.call('decisions.create', {
      caseId: detail.id,
      accounts,
      policy: code,
      tier,
      sanction: sanction || undefined,
      lifecycleTo: lifecycleTo || undefined,
      endsAt: endsAt ? Date.parse(`${endsAt}T00:00:00Z`) : undefined,
      rationale,
      evidenceIds,
      precedent,
    });
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    const pending = outcome.value.decisions.filter((d) => d.status === 'pending_approval').length;
    pushToast({ kind: 'success', title: `Decision recorded on ${outcome.value.decisions.length} account(s)`, message: pending ? 'Waiting for a second reviewer to approve.' : 'In effect; queued for upstream.' });
    onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Decide ${detail.id}`}
      className="decision-dialog"
      labelledBy="decision-title"
      footer={
        <>
          <span className="muted foot-note">{needsApproval ? 'Needs approval by a second, different reviewer before it takes effect.' : 'Takes effect immediately.'}</span>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" data-testid="decision-submit" disabled={busy || accounts.length === 0 || rationaleShort || evidenceShort || !code} onClick={() => void submit()}>
            {needsApproval ? 'Submit for approval' : 'Record decision'}
          </button>
        </>
      }
    >
      {policy.error ? <ErrorNotice what="The policy file could not be loaded" error={policy.error} onRetry={policy.reload} /> : null}
      {error ? <ErrorNotice what="The decision was refused" error={error} /> : null}
      <div className="decision-grid">
        <div className="decision-main">
          <div className="field-row">
            <div className="field">
              <label htmlFor="d-policy">Policy</label>
              <select id="d-policy" className="select" value={code} onChange={(e) => setPolicyCode(e.target.value)}>
                {config?.policies.map((pol) => <option key={pol.code} value={pol.code}>{pol.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="d-tier">Severity tier</label>
              <select id="d-tier" className="select" value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
                {TIERS.map((t) => <option key={t} value={t}>{t} · {config?.tiers[t]?.label ?? ''}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="d-sanction">Sanction</label>
              <select id="d-sanction" className="select" value={sanction} onChange={(e) => setSanction(e.target.value as Sanction | '')}>
                <option value="">Ladder proposal (per subject)</option>
                {LADDER_SANCTIONS.map((s) => <option key={s} value={s}>{config?.sanctions[s]?.label ?? humanize(s)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="d-lifecycle">Lifecycle change</label>
              <select id="d-lifecycle" className="select" value={lifecycleTo} onChange={(e) => setLifecycleTo(e.target.value)}>
                <option value="">As the sanction implies</option>
                {config?.lifecycle.states.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="d-ends">Ends (UTC)</label>
              <input id="d-ends" type="date" className="input" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} title="Suspension end; blank = the sanction's default length" />
            </div>
          </div>
          {p ? <p className="standard"><strong>Evidence standard {tier}:</strong> {p.evidenceStandard}</p> : null}
          <table className="table proposal" aria-label="Subjects and ladder proposal">
            <thead><tr><th /><th>Subject</th><th>Lifecycle now</th><th className="num">Prior ({code.replace(/_/g, ' ')})</th><th>Ladder</th><th>Proposed</th></tr></thead>
            <tbody>
              {detail.subjectAccounts.map((s) => {
                const row = p?.subjects.find((x) => x.accountId === s.id);
                const chosen = sanction || row?.proposedSanction;
                return (
                  <tr key={s.id}>
                    <td><input type="checkbox" aria-label={`Decide on ${s.id}`} checked={accounts.includes(s.id)} onChange={(e) => setAccounts(toggle(accounts, s.id, e.target.checked))} /></td>
                    <td className="mono">{s.id}</td>
                    <td>{humanize(s.lifecycleState)}</td>
                    <td className="num">{row?.priorSanctions ?? '—'}</td>
                    <td><div className="ladder">{row?.ladder.map((step, i) => <span key={i} className={step === row.proposedSanction ? 'step step-on' : 'step'}>{humanize(step)}</span>)}</div></td>
                    <td>{chosen ? <strong>{humanize(chosen)}</strong> : '—'}{row ? <span className="faint"> → {humanize(lifecycleTo || (config?.sanctions[chosen ?? '']?.lifecycleTo ?? row.proposedLifecycleTo))}</span> : null}
                      {row && sanction && sanction !== row.proposedSanction ? <div className="text-warning override">Overrides the ladder ({humanize(row.proposedSanction)}): say why in the rationale</div> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {p?.warnings.map((w) => (
            <div key={w.accountId} className="notice notice-warning" role="status" data-testid="consistency-warning">
              <strong>Consistency:</strong> {w.accountId}: {w.message} <span className="faint">({w.precedentIds.join(', ')})</span>
            </div>
          ))}
          <div className="field">
            <label htmlFor="d-rationale">Rationale <span className={rationaleShort ? 'text-warning' : 'faint'}>{rationale.trim().length}/{minLength} min</span></label>
            <textarea id="d-rationale" className="input" rows={5} value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="What each account did, under which policy, and which pinned evidence shows it." />
          </div>
          <fieldset className="evidence-refs">
            <legend>Evidence references <span className={evidenceShort ? 'text-warning' : 'faint'}>{evidenceIds.length}/{p?.minEvidence ?? 0} required</span></legend>
            {detail.evidence.length === 0 ? <p className="muted">No evidence pinned on this case.</p> : null}
            {detail.evidence.map((e) => (
              <label key={e.id} className="check-inline">
                <input type="checkbox" checked={evidenceIds.includes(e.id)} onChange={(ev) => setEvidenceIds(toggle(evidenceIds, e.id, ev.target.checked))} /> #{e.id} {e.title} <span className="faint">({e.kind})</span>
              </label>
            ))}
          </fieldset>
          <label className="check-inline">
            <input type="checkbox" checked={precedent} onChange={(e) => setPrecedent(e.target.checked)} /> Mark as precedent for {code.replace(/_/g, ' ')} {tier}
          </label>
        </div>
        <aside className="decision-side" aria-label="Similar decisions">
          <SimilarDecisions policy={code} tier={tier} accounts={accounts} text={similarText} excludeCaseId={detail.id} />
        </aside>
      </div>
    </Dialog>
  );
}
