/**
 * Decisions and appeals on a case, with the acts each allows: approve or reject a pending
 * decision (second reviewer), open an appeal on an effective one, review an open appeal
 * (uphold / overturn / modify, by someone other than the decider), and mark precedent.
 */
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/cases';
import type { AppealInfo, DecisionInfo } from '../../../../shared/contract/decisions';
import { LADDER_SANCTIONS } from '../../../../shared/contract/decisions';
import type { ApiError } from '../../../../shared/contract/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { callOrToast, client } from '../../lib/client';
import { formatDate, formatDateTime, humanize, type DisplayZone } from '../../lib/format';

const DECISION_TONE: Record<string, string> = { pending_approval: 'warning', effective: 'danger', rejected: 'neutral', overturned: 'success', modified: 'neutral' };

/** A small form dialog: one text (rationale, reason) and optionally a sanction; shows the host's refusal inline. */
export function ActionDialog(props: { title: string; label: string; minLength: number; onClose: () => void; submit: (text: string, sanction: string) => Promise<ApiError | null>; withSanction?: boolean; intro?: string; fieldLabel?: string }) {
  const [text, setText] = useState('');
  const [sanction, setSanction] = useState('warning');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const err = await props.submit(text, sanction);
    setBusy(false);
    if (err) setError(err);
    else props.onClose();
  };
  return (
    <Dialog open onClose={props.onClose} title={props.title} labelledBy="action-title" footer={
      <>
        <button type="button" className="btn" onClick={props.onClose}>Cancel</button>
        <button type="button" className="btn btn-primary" data-testid="action-submit" disabled={busy || text.trim().length < props.minLength} onClick={() => void run()}>{props.label}</button>
      </>
    }>
      {props.intro ? <p className="muted">{props.intro}</p> : null}
      {error ? <ErrorNotice what={`${props.label} was refused`} error={error} /> : null}
      {props.withSanction ? (
        <div className="field">
          <label htmlFor="action-sanction">New sanction</label>
          <select id="action-sanction" className="select" value={sanction} onChange={(e) => setSanction(e.target.value)}>
            {LADDER_SANCTIONS.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="action-text">{props.fieldLabel ?? 'Rationale'} <span className={text.trim().length < props.minLength ? 'text-warning' : 'faint'}>{text.trim().length}/{props.minLength} min</span></label>
        <textarea id="action-text" className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
    </Dialog>
  );
}

type Pending =
  | { kind: 'reject'; decision: DecisionInfo }
  | { kind: 'appeal'; decision: DecisionInfo }
  | { kind: 'review'; appeal: AppealInfo; outcome: 'uphold' | 'overturn' | 'modify' };

export function DecisionsSection({ detail, zone, minLength }: { detail: CaseDetail; zone: DisplayZone; minLength: number }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const close = () => setPending(null);
  const errorOf = async (p: Promise<{ ok: boolean; error?: ApiError }>) => {
    const outcome = await p;
    return outcome.ok ? null : (outcome.error ?? null);
  };
  return (
    <section className="case-section" aria-labelledby="decisions-title">
      <header className="case-section-head">
        <h3 id="decisions-title">Decisions <span className="panel-count">{detail.decisions.length}</span></h3>
      </header>
      {detail.decisions.length === 0 ? <p className="empty-line muted">No decision yet.</p> : null}
      <ul className="decisions" data-testid="decisions">
        {detail.decisions.map((d) => {
          const appeal = detail.appeals.find((a) => a.decisionId === d.id && a.status === 'open');
          return (
            <li key={d.id} className="decision" data-decision={d.id} data-status={d.status}>
              <div className="decision-head">
                <span className="mono">{d.id}</span>
                <span className={`pill pill-${DECISION_TONE[d.status] ?? 'neutral'}`}>{humanize(d.status)}</span>
                <strong>{humanize(d.sanction)}</strong>
                <span className="mono faint">{d.accountId}</span>
                <span>{d.policy.replace(/_/g, ' ')} · {d.tier}</span>
                <span className="faint">{humanize(d.lifecycleFrom ?? '?')} → {humanize(d.lifecycleTo ?? '?')}{d.endsAt ? ` until ${formatDate(d.endsAt, zone)}` : ''}</span>
                {d.precedent ? <span className="pill pill-accent">Precedent</span> : null}
                {d.appealOutcome ? <span className="faint">appeal: {d.appealOutcome}</span> : null}
              </div>
              {d.rationale ? <p className="decision-rationale">{d.rationale}</p> : null}
              <div className="decision-meta faint">
                Decided by {d.decidedBy} · {formatDateTime(d.decidedAt, zone)}
                {d.approvedBy ? ` · approved by ${d.approvedBy}` : ''}
                {d.evidenceIds.length ? ` · evidence ${d.evidenceIds.map((id) => `#${id}`).join(', ')}` : ''}
                {d.priorSanctions !== null ? ` · ${d.priorSanctions} prior` : ''}
              </div>
              <div className="decision-actions">
                {d.status === 'pending_approval' ? (
                  <>
                    <button type="button" className="btn btn-sm btn-primary" onClick={() => void callOrToast('decisions.review', { decisionId: d.id, verdict: 'approved' })}>Approve</button>
                    <button type="button" className="btn btn-sm" onClick={() => setPending({ kind: 'reject', decision: d })}>Reject…</button>
                  </>
                ) : null}
                {d.status === 'effective' && !appeal ? <button type="button" className="btn btn-sm" onClick={() => setPending({ kind: 'appeal', decision: d })}>Open appeal…</button> : null}
                {d.status === 'effective' ? (
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => void callOrToast('decisions.setPrecedent', { decisionId: d.id, precedent: !d.precedent })}>
                    {d.precedent ? 'Unmark precedent' : 'Mark precedent'}
                  </button>
                ) : null}
                {appeal ? (
                  <span className="appeal-open" data-testid="appeal-open">
                    <span className="appeal-text">Appeal #{appeal.id} by {appeal.openedBy}: “{appeal.reason}”</span>
                    <button type="button" className="btn btn-sm" onClick={() => setPending({ kind: 'review', appeal, outcome: 'uphold' })}>Uphold…</button>
                    <button type="button" className="btn btn-sm" onClick={() => setPending({ kind: 'review', appeal, outcome: 'overturn' })}>Overturn…</button>
                    <button type="button" className="btn btn-sm" onClick={() => setPending({ kind: 'review', appeal, outcome: 'modify' })}>Modify…</button>
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {detail.appeals.some((a) => a.status === 'decided') ? (
        <div className="appeals-done">
          <h4>Appeal outcomes</h4>
          <ul>
            {detail.appeals.filter((a) => a.status === 'decided').map((a) => (
              <li key={a.id} data-testid="appeal-outcome">
                #{a.id} on {a.decisionId}: <strong>{a.outcome}</strong> by {a.reviewer} · {formatDateTime(a.decidedAt, zone)} — {a.rationale}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {pending?.kind === 'reject' ? (
        <ActionDialog title={`Reject ${pending.decision.id}`} label="Reject" fieldLabel="Why" minLength={5} onClose={close} intro="The account is left as it is; the case returns to review when no decision stands."
          submit={(text) => errorOf(client.call('decisions.review', { decisionId: pending.decision.id, verdict: 'rejected', comment: text }))} />
      ) : null}
      {pending?.kind === 'appeal' ? (
        <ActionDialog title={`Open an appeal on ${pending.decision.id}`} label="Open appeal" fieldLabel="Appeal reason" minLength={10} onClose={close} intro="Record the account holder's grounds. Someone other than the decider must review it."
          submit={(text) => errorOf(client.call('appeals.open', { decisionId: pending.decision.id, reason: text }))} />
      ) : null}
      {pending?.kind === 'review' ? (
        <ActionDialog
          title={`${humanize(pending.outcome)} appeal #${pending.appeal.id}`}
          label={humanize(pending.outcome)}
          minLength={minLength}
          withSanction={pending.outcome === 'modify'}
          onClose={close}
          intro={pending.outcome === 'overturn' ? 'Overturning restores the lifecycle state the account had before the decision.' : undefined}
          submit={(text, sanction) =>
            errorOf(client.call('appeals.review', { appealId: pending.appeal.id, outcome: pending.outcome, rationale: text, sanction: pending.outcome === 'modify' ? (sanction as (typeof LADDER_SANCTIONS)[number]) : undefined }))
          }
        />
      ) : null}
    </section>
  );
}
