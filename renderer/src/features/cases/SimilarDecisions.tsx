/**
 * Past decisions like the one being written: same policy and tier, accounts that share a device,
 * payout instrument, bank account, phone or address with a subject, and rationales matching the
 * text (FTS5). Precedent is marked and listed first, so a reviewer sees what consistency demands.
 */
import type { TIERS } from '../../../../shared/contract/decisions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { humanize } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';

export function SimilarDecisions(props: { policy: string; tier: (typeof TIERS)[number]; accounts: readonly string[]; text: string; excludeCaseId?: string }) {
  const similar = useQuery('decisions.similar', { policy: props.policy || undefined, tier: props.tier, accounts: [...props.accounts], text: props.text, excludeCaseId: props.excludeCaseId, limit: 25 });
  const rows = similar.data?.rows ?? [];
  return (
    <div className="similar" data-testid="similar-decisions">
      <h3>Similar decisions <span className="panel-count">{rows.length}</span></h3>
      {similar.error ? <ErrorNotice what="Could not search decisions" error={similar.error} /> : null}
      {rows.length === 0 && !similar.loading ? <p className="muted">No similar decision on record.</p> : null}
      <ul>
        {rows.map((d) => (
          <li key={d.id} className={d.precedent ? 'similar-item precedent' : 'similar-item'}>
            <div className="similar-head">
              <span className="mono">{d.id}</span>
              {d.precedent ? <span className="pill pill-accent">Precedent</span> : null}
              <span>{humanize(d.sanction)}</span>
              <span className="faint">{d.policy.replace(/_/g, ' ')} {d.tier ?? ''}</span>
              {d.appealOutcome ? <span className="faint">appeal: {d.appealOutcome}</span> : null}
            </div>
            {d.rationale ? <p className="similar-rationale">{d.rationale}</p> : null}
            <div className="faint similar-why">{d.reasons.join(' · ')}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
