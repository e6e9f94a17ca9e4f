/** The hover card over the lanes: what is under the pointer, with exact times in the shown zone. */
import type { DisplayZone } from '../../lib/format';
import { typeColour } from './palette';
import { formatInstant, formatSpan } from './scale';
import type { HitTarget } from './scene';

export function TimelineTooltip({ target, x, y, width, zone }: { target: HitTarget; x: number; y: number; width: number; zone: DisplayZone }) {
  const left = x + 260 > width ? Math.max(0, x - 250) : x + 14;
  return (
    <div className="timeline-tooltip" style={{ left, top: y + 14 }} role="status" data-testid="timeline-tooltip">
      <TooltipBody target={target} zone={zone} />
    </div>
  );
}

function Swatch({ type }: { type: string }) {
  return <span className="type-swatch" style={{ background: typeColour(type) }} aria-hidden="true" />;
}

function TooltipBody({ target, zone }: { target: HitTarget; zone: DisplayZone }) {
  switch (target.kind) {
    case 'event':
      return (
        <>
          <strong>
            <Swatch type={target.event.type} /> {target.event.type}
          </strong>
          <span className="mono">{target.event.accountId}</span>
          <span>{formatInstant(target.event.at, zone)}</span>
          <span className="faint mono">{target.event.id} · click to select</span>
        </>
      );
    case 'bin':
      return (
        <>
          <strong>{target.count.toLocaleString('en-US')} events</strong>
          <span>
            {formatInstant(target.from, zone)} + {formatSpan(target.to - target.from)}
          </span>
          {[...target.parts()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 6)
            .map(([type, n]) => (
              <span key={type}>
                <Swatch type={type} /> {type}: {n.toLocaleString('en-US')}
              </span>
            ))}
          <span className="faint">Zoom in to see single events</span>
        </>
      );
    case 'lockstep':
      return (
        <>
          <strong>Lockstep: {target.group.type}</strong>
          <span>
            {target.group.accounts.length} accounts within {formatSpan(Math.max(1000, target.group.to - target.group.from))}
          </span>
          <span>{formatInstant(target.group.from, zone)}</span>
          <span className="faint">Click to select these events in the grid</span>
        </>
      );
    case 'burst':
      return (
        <>
          <strong>Burst ×{target.burst.factor.toFixed(1)}</strong>
          <span className="mono">{target.burst.accountId}</span>
          <span>
            {target.burst.count} events in {formatSpan(target.burst.to - target.burst.from)} (median {target.burst.baseline} per window)
          </span>
          <span>Mostly {target.burst.topType}</span>
        </>
      );
    case 'marker':
      return (
        <>
          <strong>{target.marker.label}</strong>
          <span>{target.marker.detail}</span>
          <span>{formatInstant(target.marker.at, zone)}</span>
        </>
      );
  }
}
