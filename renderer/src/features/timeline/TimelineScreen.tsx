/**
 * Timeline: what every account of a ring, a case or a selection did, and when. One lane per
 * account (or identifier, or event type) on a canvas; a density strip of the whole range; the
 * patterns the data service found (lockstep bands, bursts) and the organisation's own markers
 * (case milestones, decisions, enforcement); the events of the brushed range in a grid below.
 * Linked through the workbench: clicking an event highlights its account for the graph;
 * brushing sets the graph's time window.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BurstPattern, LaneMode, LockstepGroup, TimelineEventRow } from '../../../../shared/contract/timeline';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { toastError } from '../../lib/client';
import type { DisplayZone } from '../../lib/format';
import { useReportScreenReady } from '../../lib/readiness';
import { useSettings } from '../../lib/settings';
import { highlightAccount, openScreen, setTimeWindow, useWorkbench } from '../../lib/workbench';
import { blobToDataUrl, download, fileStem, renderPng, renderSvg } from './exportView';
import { EventGrid } from './EventGrid';
import { LanePicker } from './LanePicker';
import { OverviewStrip } from './OverviewStrip';
import { readCanvasTheme, type CanvasTheme } from './palette';
import { PatternsPanel } from './PatternsPanel';
import { zoomAround, type Viewport } from './scale';
import { buildScene, LABEL_W, type EventRef } from './scene';
import { SnapshotDialog } from './SnapshotDialog';
import { TimelineCanvas } from './TimelineCanvas';
import { TimelineToolbar } from './TimelineToolbar';
import { TypeLegend } from './TypeLegend';
import { useLaneSource } from './useLaneSource';
import { useTimelineData } from './useTimelineData';
import './timeline.css';

interface Selected {
  readonly id: string;
  readonly at: number;
  readonly accountId: string;
}

function useCanvasTheme(): CanvasTheme {
  const [theme, setTheme] = useState<CanvasTheme>(() => readCanvasTheme());
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readCanvasTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** The window after it has stopped changing for `ms` (compared by value, not identity). */
function useSettledWindow(value: Viewport | null, ms: number): Viewport | null {
  const [settled, setSettled] = useState(value);
  const from = value?.from ?? null;
  const to = value?.to ?? null;
  useEffect(() => {
    const timer = setTimeout(() => setSettled(from === null || to === null ? null : { from, to }), ms);
    return () => clearTimeout(timer);
  }, [from, to, ms]);
  return settled;
}

export function TimelineScreen() {
  const source = useLaneSource();
  const settingsZone = useSettings()?.displayZone ?? 'utc';
  const [zoneOverride, setZoneOverride] = useState<DisplayZone | null>(null);
  const zone = zoneOverride ?? settingsZone;
  const workbench = useWorkbench();
  const theme = useCanvasTheme();
  const [laneMode, setLaneMode] = useState<LaneMode>('account');
  const [types, setTypes] = useState<string[]>([]);
  const [vp, setVp] = useState<Viewport | null>(null);
  const [brush, setBrush] = useState<Viewport | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [selectedGroup, setSelectedGroup] = useState<LockstepGroup | null>(null);
  const [contextMs, setContextMs] = useState(300_000);
  const [deltaMs, setDeltaMs] = useState(60_000);
  const [plotWidth, setPlotWidth] = useState(1000);
  const [editing, setEditing] = useState(false);
  const [snapshotOpen, setSnapshotOpen] = useState(false);
  const [gridTotal, setGridTotal] = useState<number | null>(null);
  const accountsKey = source.accounts.join(',');
  // Stable identity per selection, so memoised children do not re-render on every zoom frame.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const accounts = useMemo(() => source.accounts, [accountsKey]);

  const data = useTimelineData({ accounts, laneMode, types, vp, plotWidth, lockstepDeltaMs: deltaMs, minAccounts: 2, burstFactor: 4 });
  const { view } = data;

  // New lanes: forget the window, brush and selection; the first answer sets the fitted window.
  useEffect(() => {
    setVp(null);
    setBrush(null);
    setSelected(null);
    setSelectedGroup(null);
    data.setView(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountsKey, laneMode]);
  // Until the user moves, the window is the one the first answer fitted to the data.
  const [placeholder] = useState(() => ({ from: Date.now() - 86_400_000, to: Date.now() }));
  const shownVp = vp ?? (view ? { from: view.from, to: view.to } : null);
  const drawVp = shownVp ?? placeholder;

  useReportScreenReady('timeline', !source.resolving && (accounts.length === 0 || view !== null || data.error !== null || source.error !== null));

  /** Fits everything; returns the viewport it set (the canvas draws it at once). */
  const fit = useCallback((): Viewport | null => {
    const extent = view?.extent;
    if (!extent) return null;
    const pad = Math.max(60_000, (extent.to - extent.from) * 0.01);
    const next = { from: Math.round(extent.from - pad), to: Math.round(extent.to + pad) };
    setVp(next);
    return next;
  }, [view?.extent]);

  const applyBrush = useCallback((range: Viewport | null) => {
    setBrush(range);
    setTimeWindow(range);
  }, []);

  const focusRange = useCallback(
    (range: Viewport, padMs: number) => {
      setVp({ from: range.from - padMs, to: range.to + padMs });
      applyBrush({ from: range.from, to: range.to + 1 });
    },
    [applyBrush],
  );

  const selectEvent = useCallback((event: EventRef | TimelineEventRow) => {
    setSelected({ id: event.id, at: event.at, accountId: event.accountId });
    highlightAccount(event.accountId);
  }, []);

  const onGroup = useCallback(
    (group: LockstepGroup) => {
      setSelectedGroup(group);
      focusRange({ from: group.from, to: group.to }, Math.max(deltaMs, group.to - group.from));
    },
    [focusRange, deltaMs],
  );
  const onBurst = useCallback((burst: BurstPattern) => {
    highlightAccount(burst.accountId);
    focusRange({ from: burst.from, to: burst.to - 1 }, (burst.to - burst.from) / 2);
  }, [focusRange]);

  const settledVp = useSettledWindow(shownVp, 250);
  // The legend keeps every type seen for these lanes (count 0 when absent from the window), so
  // zooming in never hides a filter chip.
  const knownTypes = useRef<{ key: string; types: Set<string> }>({ key: '', types: new Set() });
  const legendTypes = useMemo(() => {
    if (!view) return [];
    if (knownTypes.current.key !== accountsKey) knownTypes.current = { key: accountsKey, types: new Set() };
    for (const t of view.types) knownTypes.current.types.add(t.type);
    const counts = new Map(view.types.map((t) => [t.type, t.count]));
    return [...knownTypes.current.types].sort().map((type) => ({ type, count: counts.get(type) ?? 0 }));
  }, [view, accountsKey]);
  const gridRange = brush ?? settledVp;
  const show = useMemo(() => ({ lockstep: true, bursts: laneMode === 'account', markers: true }), [laneMode]);
  const drawFrom = drawVp.from;
  const drawTo = drawVp.to;
  const sceneInput = useMemo(
    () => ({
      view,
      patterns: data.patterns,
      markers: data.markers,
      vp: { from: drawFrom, to: drawTo },
      laneHeight: (view?.lanes.length ?? 0) > 40 ? 16 : 22,
      zone,
      theme,
      selectedEventId: selected?.id ?? null,
      highlightedAccount: workbench.highlightedAccount,
      show,
    }),
    [view, data.patterns, data.markers, drawFrom, drawTo, zone, theme, selected?.id, workbench.highlightedAccount, show],
  );

  const exportScene = () => (view ? buildScene({ ...sceneInput, width: plotWidth + LABEL_W + 8, brush }) : null);
  const exportMeta = () => ({ accounts, from: drawVp.from, to: drawVp.to, zone });
  const exportSvg = () => {
    const scene = exportScene();
    if (scene) download(new Blob([renderSvg(scene, theme, exportMeta())], { type: 'image/svg+xml' }), `${fileStem(exportMeta())}.svg`);
  };
  const exportPng = async () => {
    const scene = exportScene();
    if (!scene) return;
    try {
      download(await renderPng(scene, theme), `${fileStem(exportMeta())}.png`);
    } catch (err) {
      toastError('Exporting the PNG', { code: 'INTERNAL', message: (err as Error).message });
    }
  };
  const snapshotPayload = async () => {
    const scene = exportScene();
    if (!scene) return {};
    const meta = exportMeta();
    return { svg: renderSvg(scene, theme, meta), png: await blobToDataUrl(await renderPng(scene, theme)), accounts: [...accounts], from: meta.from, to: meta.to, zone, laneMode, types };
  };

  const highlighted = workbench.highlightedAccount;
  const hasLanes = accounts.length > 0 && !editing;

  return (
    <div className="screen timeline" data-testid="screen-timeline" data-highlighted-account={highlighted ?? ''}
      data-time-window={workbench.timeWindow ? `${workbench.timeWindow.from},${workbench.timeWindow.to}` : ''}
    >
      <ScreenHeader
        title="Timeline"
        subtitle={
          <>
            {source.label}
            {view ? ` · ${view.total.toLocaleString('en-US')} events in view${view.mode === 'bins' ? ' (binned)' : ''}` : ''}
            {view && view.lanesOmitted > 0 ? ` · ${view.lanesOmitted} more lanes not shown` : ''}
          </>
        }
        actions={
          hasLanes ? (
            <>
              <button type="button" className="btn" onClick={() => setEditing(true)}>
                Change accounts…
              </button>
              <button type="button" className="btn" onClick={() => openScreen('graph', { account: highlighted ?? accounts[0] ?? '' })} title="Open the highlighted account in the graph">
                Open in graph
              </button>
              <button type="button" className="btn" onClick={() => void exportPng()} disabled={!view}>
                Export PNG
              </button>
              <button type="button" className="btn" onClick={exportSvg} disabled={!view}>
                Export SVG
              </button>
              <button type="button" className="btn btn-primary" onClick={() => setSnapshotOpen(true)} disabled={!view}>
                Snapshot to case…
              </button>
            </>
          ) : null
        }
      />
      {source.error ? <ErrorNotice what="Could not read the case's subjects" error={source.error} /> : null}
      {data.error ? <ErrorNotice what="Could not build the timeline" error={data.error} /> : null}

      {!hasLanes ? (
        <Panel title="Choose accounts" id="timeline-accounts-panel">
          <LanePicker current={accounts} onDone={editing ? () => setEditing(false) : undefined} />
        </Panel>
      ) : null}

      {hasLanes ? (
        <>
          <section className="panel timeline-panel" aria-label="Lanes">
            <TimelineToolbar
              laneMode={laneMode}
              onLaneMode={setLaneMode}
              zone={zone}
              onZone={setZoneOverride}
              vp={drawVp}
              onZoom={(f) => setVp(zoomAround(drawVp, (drawVp.from + drawVp.to) / 2, f))}
              onFit={fit}
              contextMs={contextMs}
              onContextMs={setContextMs}
              onContext={selected ? () => focusRange({ from: selected.at - contextMs, to: selected.at + contextMs }, 0) : null}
              deltaMs={deltaMs}
              onDeltaMs={setDeltaMs}
            />
            {view ? <TypeLegend types={legendTypes} selected={types} onChange={setTypes} /> : null}
            <OverviewStrip
              overview={view?.overview ?? null}
              vp={sceneInput.vp}
              brush={brush}
              theme={theme}
              onCentre={(t) => setVp({ from: t - (drawVp.to - drawVp.from) / 2, to: t + (drawVp.to - drawVp.from) / 2 })}
              onBrush={(r) => focusRange(r, (r.to - r.from) * 0.1)}
            />
            <div className="timeline-lanes" data-loading={data.loading ? 'true' : 'false'}>
              <TimelineCanvas
                input={sceneInput}
                brush={brush}
                onViewport={setVp}
                onBrush={applyBrush}
                onFit={fit}
                onSelectEvent={selectEvent}
                onSelectGroup={onGroup}
                onWidth={setPlotWidth}
              />
            </div>
            <p className="timeline-hint faint">
              Wheel or pinch to zoom · drag to pan · <kbd>Shift</kbd>+drag to select a range · <kbd>+</kbd>/<kbd>−</kbd> <kbd>←</kbd>/<kbd>→</kbd> <kbd>Home</kbd> when focused · click an event to highlight its account
            </p>
          </section>
          <div className="timeline-bottom">
            <Panel
              title={
                <>
                  Events{' '}
                  <span className="panel-count num" data-testid="timeline-grid-total">
                    {gridTotal === null ? '' : gridTotal.toLocaleString('en-US')}
                  </span>{' '}
                  <span className="faint panel-sub">{brush ? 'in the selected range' : 'in the window'}</span>
                </>
              }
              id="timeline-events"
              flush
              className="timeline-events-panel"
              actions={
                brush ? (
                  <button type="button" className="btn btn-xs" onClick={() => applyBrush(null)}>
                    Clear range
                  </button>
                ) : null
              }
            >
              {gridRange ? <EventGrid accounts={accounts} range={gridRange} types={types} zone={zone} selected={selected} onSelect={selectEvent} onTotal={setGridTotal} /> : null}
            </Panel>
            <Panel title="Patterns" id="timeline-patterns" className="timeline-patterns-panel">
              <PatternsPanel patterns={data.patterns} zone={zone} selectedGroup={selectedGroup} onGroup={onGroup} onBurst={onBurst} />
            </Panel>
          </div>
        </>
      ) : null}
      <SnapshotDialog open={snapshotOpen} onClose={() => setSnapshotOpen(false)} defaultTitle={`Timeline of ${accounts.length} accounts`} buildPayload={snapshotPayload} />
    </div>
  );
}
