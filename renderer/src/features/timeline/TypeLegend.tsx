/**
 * Event-type legend and filter in one: each chip shows the type's colour (the same palette the
 * lanes use) and its count in the window; clicking narrows the timeline to the chosen types.
 */
import { memo } from 'react';
import type { TimelineView } from '../../../../shared/contract/timeline';
import { PATTERN_COLOURS, typeColour } from './palette';

export const TypeLegend = memo(function TypeLegend({
  types,
  selected,
  onChange,
}: {
  types: TimelineView['types'];
  selected: readonly string[];
  onChange: (types: string[]) => void;
}) {
  const toggle = (type: string) => {
    const next = selected.includes(type) ? selected.filter((t) => t !== type) : [...selected, type];
    onChange(next.length === types.length ? [] : next);
  };
  return (
    <div className="timeline-legend" role="group" aria-label="Event types (click to filter)">
      {types.map((t) => {
        const active = selected.length === 0 || selected.includes(t.type);
        return (
          <button
            key={t.type}
            type="button"
            className={active ? 'legend-chip' : 'legend-chip legend-chip-off'}
            aria-pressed={selected.includes(t.type)}
            onClick={() => toggle(t.type)}
            data-type={t.type}
            title={selected.includes(t.type) ? `Stop filtering on ${t.type}` : `Show only ${selected.length ? 'these types' : t.type}`}
          >
            <span className="type-swatch" style={{ background: typeColour(t.type) }} aria-hidden="true" />
            {t.type}
            <span className="faint num">{t.count.toLocaleString('en-US')}</span>
          </button>
        );
      })}
      {selected.length > 0 ? (
        <button type="button" className="btn btn-xs btn-ghost" onClick={() => onChange([])}>
          Show all types
        </button>
      ) : null}
      <span className="legend-keys" aria-label="Pattern and marker key">
        <span><span className="type-swatch band" style={{ background: PATTERN_COLOURS.lockstep }} /> lockstep</span>
        <span><span className="type-swatch bar" style={{ background: PATTERN_COLOURS.burst }} /> burst</span>
        <span><span className="type-swatch flag" style={{ color: PATTERN_COLOURS.case }} /> case</span>
        <span><span className="type-swatch flag" style={{ color: PATTERN_COLOURS.decision }} /> decision</span>
        <span><span className="type-swatch flag" style={{ color: PATTERN_COLOURS.enforcement }} /> enforcement</span>
      </span>
    </div>
  );
});
