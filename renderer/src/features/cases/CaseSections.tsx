/**
 * The case workspace's reading sections: subjects (with lifecycle and standing sanctions), pinned
 * evidence (with its SHA-256), Markdown notes, and the activity history from the audit log.
 */
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { StatusPill } from '../../components/StatusPill';
import { callOrToast } from '../../lib/client';
import { formatDateTime, humanize, type DisplayZone } from '../../lib/format';
import { openScreen, selectAccounts } from '../../lib/workbench';
import { Markdown } from './Markdown';

export function SubjectsSection({ detail }: { detail: CaseDetail }) {
  const ids = detail.subjectAccounts.map((s) => s.id);
  const open = (screen: 'graph' | 'timeline') => {
    selectAccounts(ids, { kind: 'case', ref: detail.id });
    openScreen(screen, { accounts: ids.join(',') });
  };
  return (
    <section className="case-section" aria-labelledby="subjects-title">
      <header className="case-section-head">
        <h3 id="subjects-title">Subjects <span className="panel-count">{ids.length}</span></h3>
        <div className="panel-actions">
          <button type="button" className="btn btn-xs" onClick={() => open('graph')}>Open in graph</button>
          <button type="button" className="btn btn-xs" onClick={() => open('timeline')}>Open timeline</button>
        </div>
      </header>
      <div className="table-scroll subjects-scroll">
        <table className="table" aria-label="Subjects" data-testid="subjects">
          <thead>
            <tr><th>Account</th><th>Name</th><th>Email</th><th>Lifecycle</th><th className="num" title="Standing sanctions on record, any policy">Prior sanctions</th></tr>
          </thead>
          <tbody>
            {detail.subjectAccounts.map((s) => (
              <tr key={s.id} data-account={s.id}>
                <td className="mono">{s.id}</td>
                <td className="truncate">{s.displayName ?? '—'}</td>
                <td className="truncate muted">{s.email ?? '—'}</td>
                <td data-testid="lifecycle"><StatusPill status={s.lifecycleState} /></td>
                <td className={s.priorSanctions > 0 ? 'num text-warning' : 'num'}>{s.priorSanctions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function EvidenceSection({ detail, zone }: { detail: CaseDetail; zone: DisplayZone }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const closed = detail.status === 'closed';
  const pin = async () => {
    const done = await callOrToast('cases.addEvidence', { caseId: detail.id, kind: 'note', title: title.trim(), payload: { text } });
    if (done) {
      setTitle('');
      setText('');
    }
  };
  return (
    <section className="case-section" aria-labelledby="evidence-title">
      <header className="case-section-head">
        <h3 id="evidence-title">Evidence <span className="panel-count">{detail.evidence.length}</span></h3>
      </header>
      {detail.evidence.length === 0 ? <p className="empty-line muted">Nothing pinned yet. Pin query results from SQL, snapshots from Graph or Timeline, or write an observation below.</p> : null}
      <ul className="evidence-list" data-testid="evidence">
        {detail.evidence.map((e) => (
          <li key={e.id}>
            <span className={`kind kind-${e.kind}`}>{e.kind}</span>
            <span className="evidence-title">#{e.id} {e.title}</span>
            <span className="faint mono" title={`SHA-256 of the pinned payload: ${e.sha256}`}>{e.sha256.slice(0, 12)}</span>
            <span className="faint nowrap" title={e.createdBy}>{formatDateTime(e.createdAt, zone)}</span>
          </li>
        ))}
      </ul>
      {!closed ? (
        <form
          className="pin-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            void pin();
          }}
        >
          <input className="input" placeholder="Observation title" aria-label="Evidence title" value={title} onChange={(e) => setTitle(e.target.value)} />
          <input className="input grow" placeholder="What you observed (kept with its hash)" aria-label="Evidence text" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="btn btn-sm" disabled={title.trim() === '' || text.trim() === ''}>Pin</button>
        </form>
      ) : null}
    </section>
  );
}

export function NotesSection({ detail, zone }: { detail: CaseDetail; zone: DisplayZone }) {
  const [body, setBody] = useState('');
  const add = async () => {
    if (body.trim() === '') return;
    if (await callOrToast('cases.addNote', { caseId: detail.id, bodyMd: body })) setBody('');
  };
  return (
    <section className="case-section" aria-labelledby="notes-title">
      <header className="case-section-head">
        <h3 id="notes-title">Notes <span className="panel-count">{detail.notes.length}</span></h3>
      </header>
      <ol className="notes" data-testid="notes">
        {detail.notes.map((n) => (
          <li key={n.id} className="note">
            <div className="note-meta"><strong>{n.author}</strong> <span className="faint" title={`Author's time zone: ${n.tz}`}>{formatDateTime(n.createdAt, zone)}{n.tz !== 'UTC' ? ` · ${n.tz}` : ''}</span></div>
            <Markdown source={n.bodyMd} />
          </li>
        ))}
      </ol>
      {detail.status !== 'closed' ? (
        <div className="note-compose">
          <textarea
            className="input"
            rows={3}
            aria-label="New note (Markdown)"
            placeholder="Add a note — Markdown: **bold**, *italic*, `code`, - lists. Ctrl+Enter to add."
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void add();
              }
            }}
          />
          <button type="button" className="btn btn-sm" disabled={body.trim() === ''} onClick={() => void add()}>Add note</button>
        </div>
      ) : null}
    </section>
  );
}

function summarize(payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '';
  const p = payload as Record<string, unknown>;
  if (typeof p['from'] === 'string' && typeof p['to'] === 'string') return `${humanize(p['from'])} → ${humanize(p['to'])}${p['accountId'] ? ` (${String(p['accountId'])})` : ''}`;
  if (typeof p['sanction'] === 'string') return `${humanize(p['sanction'])}${p['accountId'] ? ` on ${String(p['accountId'])}` : ''}`;
  if (typeof p['title'] === 'string') return p['title'];
  if (typeof p['body'] === 'string') return p['body'].slice(0, 80);
  if (typeof p['comment'] === 'string' && p['comment']) return p['comment'];
  return '';
}

export function ActivitySection({ detail, zone }: { detail: CaseDetail; zone: DisplayZone }) {
  return (
    <section className="case-section" aria-labelledby="activity-title">
      <header className="case-section-head">
        <h3 id="activity-title">Activity <span className="panel-count">{detail.activity.length}</span></h3>
      </header>
      <ol className="activity" data-testid="activity">
        {detail.activity.map((a) => (
          <li key={a.seq}>
            <span className="faint mono" title={`hash ${a.hash}\nprev ${a.prevHash}`}>#{a.seq}</span>
            <span className="activity-action">{a.action}</span>
            <span className="truncate">{summarize(a.payload)}</span>
            <span className="faint truncate" title={a.actor}>{a.actor.replace(/\s*<.*$/, '')}</span>
            <span className="faint nowrap" title={`Actor's time zone: ${a.tz}`}>{formatDateTime(a.at, zone)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
