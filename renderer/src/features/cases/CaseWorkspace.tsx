/**
 * One case: its triage header (status with the allowed moves, priority, severity, policy,
 * assignee, SLA, origin and linked rings), then subjects, evidence, decisions and appeals, notes
 * and the activity history. "Decide…" opens the decision note when the case is in review.
 */
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { ErrorNotice } from '../../components/ErrorNotice';
import { callOrToast, client } from '../../lib/client';
import { formatDateTime, type DisplayZone } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { ActivitySection, EvidenceSection, NotesSection, SubjectsSection } from './CaseSections';
import { DecisionForm } from './DecisionForm';
import { ActionDialog, DecisionsSection } from './DecisionsSection';
import { MANUAL_MOVES, SLA_LABEL, STATUS_LABEL, openCase } from './caseRoute';

function Header({ detail, zone, me }: { detail: CaseDetail; zone: DisplayZone; me: string | null }) {
  const [deciding, setDeciding] = useState(false);
  const [closing, setClosing] = useState(false);
  const canDecide = detail.status === 'in_review' || detail.status === 'escalated';
  // Closing asks for a reason in a dialog (window.prompt does not exist in Electron).
  const move = (to: string) => {
    if (to === 'closed') return setClosing(true);
    void callOrToast('cases.transition', { caseIds: [detail.id], to: to as 'in_review' });
  };
  const origin = detail.createdFrom ? `${detail.createdFrom.kind}${detail.createdFrom.ref ? ` ${detail.createdFrom.ref}` : ''}` : `${detail.origin}${detail.originRule ? ` · rule ${detail.originRule}` : ''}`;
  return (
    <header className="case-head">
      <div className="case-title-row">
        <span className="mono case-id">{detail.id}</span>
        <h2 className="case-title" title={detail.title}>{detail.title}</h2>
        <span className={`case-status case-status-${detail.status}`} data-testid="case-status">{STATUS_LABEL[detail.status]}</span>
        <button type="button" className="icon-btn" aria-label="Close case view" title="Close (back to queue)" onClick={() => openCase(null)}>×</button>
      </div>
      <dl className="case-facts">
        <div><dt>Priority</dt><dd>
          <select className="select select-sm" aria-label="Priority" value={detail.priority} disabled={detail.status === 'closed'} onChange={(e) => void callOrToast('cases.update', { caseIds: [detail.id], priority: e.target.value as 'P1' })}>
            {['P1', 'P2', 'P3', 'P4'].map((p) => <option key={p}>{p}</option>)}
          </select>
        </dd></div>
        <div><dt>Severity</dt><dd>{detail.severity ?? '—'}</dd></div>
        <div><dt>Policy</dt><dd>{detail.policy?.replace(/_/g, ' ') ?? '—'}</dd></div>
        <div><dt>Assignee</dt><dd>
          {detail.assignee ?? <span className="muted">Unassigned</span>}
          {me && detail.assignee !== me && detail.status !== 'closed' ? <button type="button" className="btn btn-xs" onClick={() => void callOrToast('cases.assign', { caseIds: [detail.id], assignee: me })}>Take</button> : null}
        </dd></div>
        <div><dt>SLA</dt><dd><span className={`sla sla-${detail.slaState}`}>{SLA_LABEL[detail.slaState]}</span> <span className="faint">{detail.slaDueAt ? formatDateTime(detail.slaDueAt, zone) : ''}</span></dd></div>
        <div><dt>Origin</dt><dd>{origin}</dd></div>
        <div><dt>Linked rings</dt><dd data-testid="linked-rings">{detail.linkedRings.length ? detail.linkedRings.join(', ') : '—'}</dd></div>
      </dl>
      <div className="case-actions">
        <button type="button" className="btn btn-primary btn-sm" disabled={!canDecide} title={canDecide ? 'Write the decision note' : 'Start the review first (a case is decided from in review or escalated)'} onClick={() => setDeciding(true)}>
          Decide…
        </button>
        {(MANUAL_MOVES[detail.status] ?? []).map((to) => (
          <button key={to} type="button" className="btn btn-sm" onClick={() => move(to)}>
            {to === 'in_review' ? (detail.status === 'new' ? 'Start review' : 'Back to review') : to === 'closed' ? 'Close…' : to === 'escalated' ? 'Escalate' : STATUS_LABEL[to]}
          </button>
        ))}
        <span className="case-actions-spacer" />
        <a
          className="btn btn-sm"
          href={
            detail.linkedRings[0]
              ? `#/graph?ring=${encodeURIComponent(detail.linkedRings[0])}`
              : `#/graph?account=${encodeURIComponent(detail.subjectAccounts[0]?.id ?? '')}`
          }
          title="The subjects' links: the linked ring, or the first subject's neighbourhood"
        >
          Graph
        </a>
        <a className="btn btn-sm" href={`#/timeline?case=${encodeURIComponent(detail.id)}`} title="The subjects' activity, one lane per account">
          Timeline
        </a>
        <a className="btn btn-sm" data-testid="export-packet" href={`#/packets?case=${encodeURIComponent(detail.id)}`} title="Export this case as a verifiable evidence packet">
          Export evidence packet…
        </a>
      </div>
      {deciding ? <DecisionForm detail={detail} onClose={() => setDeciding(false)} /> : null}
      {closing ? (
        <ActionDialog title={`Close ${detail.id}`} label="Close case" fieldLabel="Reason" minLength={3} onClose={() => setClosing(false)}
          submit={async (reason) => {
            const outcome = await client.call('cases.transition', { caseIds: [detail.id], to: 'closed', reason });
            return outcome.ok ? null : outcome.error;
          }} />
      ) : null}
    </header>
  );
}

export function CaseWorkspace({ caseId, zone, me }: { caseId: string; zone: DisplayZone; me: string | null }) {
  const detail = useQuery('cases.get', { caseId });
  const policy = useQuery('policy.get', {});
  if (detail.error && !detail.data) return <div className="panel case-workspace"><ErrorNotice what={`Could not open case ${caseId}`} error={detail.error} onRetry={detail.reload} /></div>;
  if (!detail.data) return <div className="panel case-workspace"><p className="empty-line muted">Opening {caseId}…</p></div>;
  const d = detail.data;
  return (
    <div className="panel case-workspace" data-testid="case-workspace" data-case={d.id} data-status={d.status}>
      <Header detail={d} zone={zone} me={me} />
      {policy.error ? <ErrorNotice what="The policy file is invalid; decisions are blocked until it is fixed" error={policy.error} onRetry={policy.reload} /> : null}
      <div className="case-body">
        <SubjectsSection detail={d} />
        <EvidenceSection detail={d} zone={zone} />
        <DecisionsSection detail={d} zone={zone} minLength={policy.data?.config.rationaleMinLength ?? 40} />
        <NotesSection detail={d} zone={zone} />
        <ActivitySection detail={d} zone={zone} />
      </div>
    </div>
  );
}
