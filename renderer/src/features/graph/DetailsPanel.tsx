/**
 * Right-hand panel: the focused account (attributes, identifiers with how many accounts share
 * each, latest events, cases, decisions) or, with no account focused, the open ring's score
 * explanation and the identifiers that bind it.
 */
import type { RingDetail } from '../../../../shared/contract/graph';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, humanize, type DisplayZone } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { KIND_COLOURS, STATE_COLOURS } from './graphStyle';

export function AccountDetails({ accountId, zone, onIdentifier }: { accountId: string; zone: DisplayZone; onIdentifier(kind: string, value: string): void }) {
  const q = useQuery('graph.account', { accountId });
  if (q.error) return <ErrorNotice what={`Could not load ${accountId}`} error={q.error} onRetry={q.reload} />;
  const a = q.data;
  if (!a) return <p className="muted">Loading {accountId}…</p>;
  return (
    <div className="details" data-testid="account-details">
      <h3 className="mono">{a.id}</h3>
      <dl className="kv">
        <dt>State</dt>
        <dd>
          <span className="dot" style={{ background: STATE_COLOURS[a.lifecycleState] }} /> {humanize(a.lifecycleState)}
        </dd>
        <dt>Risk</dt>
        <dd>{a.riskScore === null ? '—' : a.riskScore.toFixed(2)}</dd>
        <dt>Name</dt>
        <dd>{a.displayName ?? '—'}</dd>
        <dt>Country</dt>
        <dd>{a.country ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(a.createdAt, zone)}</dd>
        <dt>Ring</dt>
        <dd className="mono">{a.ringId ?? '—'}</dd>
        {Object.entries(a.attrs).map(([k, v]) => (
          <FragmentKV key={k} k={humanize(k)} v={String(v)} />
        ))}
      </dl>
      <h4>Identifiers</h4>
      <table className="mini">
        <tbody>
          {a.identifiers.map((i) => (
            <tr key={`${i.kind}:${i.value}`}>
              <td>
                <span className="dot" style={{ background: KIND_COLOURS[i.kind] }} /> {humanize(i.kind)}
              </td>
              <td className="mono ellipsis" title={i.value}>
                {i.accounts > 1 ? (
                  <button type="button" className="link" onClick={() => onIdentifier(i.kind, i.value)}>
                    {i.value}
                  </button>
                ) : (
                  i.value
                )}
              </td>
              <td className={`num${i.hub ? ' text-warning' : ''}`} title={i.hub ? 'Hub: shared by more accounts than the threshold' : 'Accounts sharing this value'}>
                {i.accounts}
                {i.hub ? ' hub' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Cases</h4>
      {a.cases.length === 0 ? <p className="muted small">None.</p> : null}
      <ul className="plain">
        {a.cases.map((c) => (
          <li key={c.id}>
            <span className="mono">{c.id}</span> {c.title} <span className="pill pill-neutral">{humanize(c.status)}</span>
          </li>
        ))}
      </ul>
      {a.decisions.length > 0 ? (
        <>
          <h4>Decisions</h4>
          <ul className="plain">
            {a.decisions.map((d) => (
              <li key={d.id}>
                {humanize(d.sanction)} · {humanize(d.policy)} · <span className="muted">{formatDateTime(d.decidedAt, zone)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>Latest events</h4>
      <table className="mini events">
        <tbody>
          {a.events.map((e) => (
            <tr key={e.id}>
              <td className="muted nowrap">{formatDateTime(e.occurredAt, zone)}</td>
              <td>{humanize(e.type)}</td>
              <td className="mono ellipsis">{e.ip ?? e.device ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FragmentKV({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

export function RingExplanation({ ring, zone }: { ring: RingDetail; zone: DisplayZone }) {
  const e = ring.explanation;
  return (
    <div className="details" data-testid="ring-explanation">
      <h3>
        <span className="mono">{ring.id}</span> · score {ring.score.toFixed(1)}
      </h3>
      <p className="muted small">
        {ring.size} accounts{e.community ? `, one community of a ${ring.componentSize}-account component` : ''}; created {formatDateTime(e.createdFrom, zone)} to{' '}
        {formatDateTime(e.createdTo, zone)}.
      </p>
      <table className="mini factors">
        <tbody>
          {e.factors.map((f) => (
            <tr key={f.name}>
              <td>{humanize(f.name)}</td>
              <td className="num">{(f.value * f.weight).toFixed(1)}</td>
              <td className="muted">/ {f.weight}</td>
              <td>{f.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Why linked</h4>
      <table className="mini">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Value</th>
            <th className="num" title="Members of this ring holding it">In ring</th>
            <th className="num" title="Accounts in the whole cache holding it">Shared by</th>
          </tr>
        </thead>
        <tbody>
          {e.binding.map((b) => (
            <tr key={`${b.kind}:${b.value}`}>
              <td>
                <span className="dot" style={{ background: KIND_COLOURS[b.kind] }} /> {humanize(b.kind)}
              </td>
              <td className="mono ellipsis" title={b.value}>
                {b.value}
              </td>
              <td className="num">{b.inRing}</td>
              <td className="num">{b.accounts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ring.reviewedAt ? (
        <p className="muted small">
          Reviewed by {ring.reviewedBy} at {formatDateTime(ring.reviewedAt, zone)}.
        </p>
      ) : null}
    </div>
  );
}
