/**
 * Lockstep groups and bursts, listed (the canvas draws them as bands and bars). Choosing a row
 * zooms to it with some context and brushes it, so the grid below lists exactly its events.
 */
import { memo, useState } from 'react';
import type { BurstPattern, LockstepGroup, TimelinePatterns } from '../../../../shared/contract/timeline';
import type { DisplayZone } from '../../lib/format';
import { typeColour } from './palette';
import { formatInstant, formatSpan } from './scale';

const FIRST_ROWS = 100;

export const PatternsPanel = memo(function PatternsPanel({
  patterns,
  zone,
  selectedGroup,
  onGroup,
  onBurst,
}: {
  patterns: TimelinePatterns | null;
  zone: DisplayZone;
  selectedGroup: LockstepGroup | null;
  onGroup: (group: LockstepGroup) => void;
  onBurst: (burst: BurstPattern) => void;
}) {
  const [all, setAll] = useState(false);
  if (!patterns) return <p className="empty-line muted">Looking for lockstep and bursts…</p>;
  const limit = all ? 1000 : FIRST_ROWS;
  const more = !all && (patterns.lockstep.length > FIRST_ROWS || patterns.bursts.length > FIRST_ROWS);
  const p = patterns.params;
  return (
    <div className="timeline-patterns">
      <h3>
        Lockstep <span className="panel-count num" data-testid="lockstep-count">{patterns.lockstep.length}</span>
      </h3>
      <p className="faint pattern-def">
        Same event type from ≥ {p.minAccounts} accounts within {formatSpan(p.lockstepDeltaMs)} of the group’s first event.
      </p>
      {patterns.lockstep.length === 0 ? (
        <p className="empty-line muted">No lockstep at this Δ.</p>
      ) : (
        <ul className="pattern-list" aria-label="Lockstep groups">
          {patterns.lockstep.slice(0, limit).map((g) => (
            <li key={`${g.type}:${g.from}`}>
              <button
                type="button"
                className={selectedGroup === g ? 'pattern-row selected' : 'pattern-row'}
                onClick={() => onGroup(g)}
                data-testid="lockstep-row"
              >
                <span className="type-swatch" style={{ background: typeColour(g.type) }} aria-hidden="true" />
                <span className="pattern-main">
                  {g.type} · <strong>{g.accounts.length} accounts</strong> in {formatSpan(Math.max(1000, g.to - g.from))}
                </span>
                <span className="faint tabular">{formatInstant(g.from, zone)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>
        Bursts <span className="panel-count num" data-testid="burst-count">{patterns.bursts.length}</span>
      </h3>
      <p className="faint pattern-def">
        {formatSpan(p.burstWindowMs)} windows with ≥ {p.burstMinCount} events and ≥ {p.burstFactor}× the account’s median active window.
      </p>
      {patterns.bursts.length === 0 ? (
        <p className="empty-line muted">No bursts.</p>
      ) : (
        <ul className="pattern-list" aria-label="Bursts">
          {patterns.bursts.slice(0, limit).map((b) => (
            <li key={`${b.accountId}:${b.from}`}>
              <button type="button" className="pattern-row" onClick={() => onBurst(b)}>
                <span className="burst-factor num">×{b.factor.toFixed(1)}</span>
                <span className="pattern-main">
                  <span className="mono">{b.accountId}</span> · {b.count} events, mostly {b.topType}
                </span>
                <span className="faint tabular">{formatInstant(b.from, zone)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {more ? (
        <button type="button" className="btn btn-xs" onClick={() => setAll(true)}>
          Show all
        </button>
      ) : null}
      {patterns.truncated ? <p className="faint">Showing the first 1,000 of each; narrow the accounts or raise Δ.</p> : null}
    </div>
  );
});
