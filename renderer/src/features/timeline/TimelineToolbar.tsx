/** The controls above the lanes: lane mode, zone, zoom, context window and lockstep Δ. */
import type { LaneMode } from '../../../../shared/contract/timeline';
import type { DisplayZone } from '../../lib/format';
import { formatInstant, formatSpan, type Viewport } from './scale';

export const CONTEXT_CHOICES = [
  { label: '±1 min', ms: 60_000 },
  { label: '±5 min', ms: 300_000 },
  { label: '±15 min', ms: 900_000 },
  { label: '±1 h', ms: 3_600_000 },
  { label: '±6 h', ms: 21_600_000 },
  { label: '±24 h', ms: 86_400_000 },
] as const;

export const DELTA_CHOICES = [
  { label: '10 s', ms: 10_000 },
  { label: '30 s', ms: 30_000 },
  { label: '60 s', ms: 60_000 },
  { label: '5 min', ms: 300_000 },
  { label: '1 h', ms: 3_600_000 },
] as const;

export interface ToolbarProps {
  readonly laneMode: LaneMode;
  readonly onLaneMode: (mode: LaneMode) => void;
  readonly zone: DisplayZone;
  readonly onZone: (zone: DisplayZone) => void;
  readonly vp: Viewport;
  readonly onZoom: (factor: number) => void;
  readonly onFit: () => void;
  readonly contextMs: number;
  readonly onContextMs: (ms: number) => void;
  readonly onContext: (() => void) | null;
  readonly deltaMs: number;
  readonly onDeltaMs: (ms: number) => void;
}

function Segmented<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" aria-pressed={value === o.value} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function TimelineToolbar(p: ToolbarProps) {
  return (
    <div className="timeline-toolbar">
      <span className="toolbar-label">Lanes</span>
      <Segmented
        label="One lane per"
        value={p.laneMode}
        onChange={p.onLaneMode}
        options={[
          { value: 'account', label: 'Account' },
          { value: 'identifier', label: 'Identifier' },
          { value: 'type', label: 'Event type' },
        ]}
      />
      <Segmented
        label="Time zone"
        value={p.zone}
        onChange={p.onZone}
        options={[
          { value: 'utc', label: 'UTC' },
          { value: 'local', label: 'Local' },
        ]}
      />
      <div className="toolbar-group" role="group" aria-label="Zoom">
        <button type="button" className="btn btn-sm" onClick={() => p.onZoom(2)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <button type="button" className="btn btn-sm" onClick={() => p.onZoom(0.5)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" className="btn btn-sm" onClick={p.onFit} title="Fit everything (Home)">
          Fit
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" className="btn btn-sm" disabled={!p.onContext} onClick={() => p.onContext?.()} title="Zoom to the selected event with this much context on each side">
          Context around event
        </button>
        <select className="select select-sm" aria-label="Context window" value={p.contextMs} onChange={(e) => p.onContextMs(Number(e.target.value))}>
          {CONTEXT_CHOICES.map((c) => (
            <option key={c.ms} value={c.ms}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <label className="toolbar-group">
        <span className="toolbar-label">Lockstep Δ</span>
        <select className="select select-sm" value={p.deltaMs} onChange={(e) => p.onDeltaMs(Number(e.target.value))}>
          {DELTA_CHOICES.map((c) => (
            <option key={c.ms} value={c.ms}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <span className="toolbar-window tabular faint" data-testid="timeline-window">
        {formatInstant(p.vp.from, p.zone)} → {formatInstant(p.vp.to, p.zone).replace(/^\d{4}-/, '')} · {formatSpan(p.vp.to - p.vp.from)}
      </span>
    </div>
  );
}
