/**
 * Graph: the investigator's main instrument. Left, rings by score (open one, mark reviewed);
 * centre, the account-link graph around a ring or an account (Cytoscape, fcose layout, collapsed
 * or bipartite view, expand by double-click, filters, path finder, PNG/SVG export); right, the
 * focused account or the ring's explanation, and actions on the selection (timeline, cases).
 * Accepts #/graph?account=ID and #/graph?ring=ID; follows workbench.highlightedAccount and
 * workbench.timeWindow.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GraphView, LinkKind, PathHop } from '../../../../shared/contract/graph';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { callOrToast, client, toastError } from '../../lib/client';
import { formatAgo, formatDuration, formatInt } from '../../lib/format';
import { useReportScreenReady } from '../../lib/readiness';
import { useSettings } from '../../lib/settings';
import { useQuery } from '../../lib/useQuery';
import { openScreen, routeParams, selectAccounts, useWorkbench } from '../../lib/workbench';
import { CaseDialog, type CaseAction } from './CaseDialog';
import { AccountDetails, RingExplanation } from './DetailsPanel';
import { FilterBar, DEFAULT_VIEW_KINDS } from './FilterBar';
import type { Grouping } from './aggregate';
import { GraphCanvas, type GraphCanvasHandle, type ViewMode } from './GraphCanvas';
import { RingList } from './RingList';
import { startGraphBuild, useGraphBuild } from './useGraphBuild';
import { useThemeName } from '../../lib/useThemeName';
import './graph.css';

/** Most accounts one view fetches; above AGGREGATE_ACCOUNTS the canvas groups them by ring. */
const VIEW_LIMIT = 5000;

export function GraphScreen() {
  const zone = useSettings()?.displayZone ?? 'utc';
  const theme = useThemeName();
  const bench = useWorkbench();
  const { status, job, settled } = useGraphBuild();
  const initial = useMemo(() => routeParams(), []);
  const [ringId, setRingId] = useState<string | null>(initial.get('ring'));
  // `#/graph?account=ID` focuses one account; `#/graph?accounts=A,B,...` opens a set (a rule's
  // flagged accounts, a query's result) with their links.
  const [seeds, setSeeds] = useState<string[]>(() => [
    ...new Set([...(initial.get('account') ? [initial.get('account') as string] : []), ...(initial.get('accounts')?.split(',').map((a) => a.trim()).filter(Boolean) ?? [])]),
  ]);
  // Double-clicked accounts, each grown by one hop; and accounts pulled into view (path, a shared
  // value's holders), which get the same hop radius as the seeds.
  const [expanded, setExpanded] = useState<string[]>([]);
  const [pulled, setPulled] = useState<string[]>([]);
  const [hops, setHops] = useState(1);
  const [kinds, setKinds] = useState<LinkKind[]>([...DEFAULT_VIEW_KINDS]);
  const [hideHubs, setHideHubs] = useState(true);
  const [mode, setMode] = useState<ViewMode>('collapsed');
  const [grouping, setGrouping] = useState<Grouping>('auto');
  const [focus, setFocus] = useState<string | null>(initial.get('account'));
  const [selected, setSelected] = useState<string[]>([]);
  const [caseAction, setCaseAction] = useState<CaseAction | null>(null);
  const [pathHops, setPathHops] = useState<PathHop[] | null>(null);
  const [layoutInfo, setLayoutInfo] = useState<{ ms: number; nodes: number } | null>(null);
  const canvas = useRef<GraphCanvasHandle>(null);

  const ring = useQuery('graph.ring', { ringId: ringId ?? '' }, { enabled: ringId !== null });
  // Opening a ring seeds the view with its members (1 hop shows what else they touch).
  useEffect(() => {
    if (ring.data && ring.data.id === ringId) {
      setSeeds(ring.data.members.map((m) => m.id));
      setExpanded([]);
      setPulled([]);
      setPathHops(null);
    }
  }, [ring.data, ringId]);

  const window = bench.timeWindow ? { from: bench.timeWindow.from, to: bench.timeWindow.to } : undefined;
  const accounts = useMemo(() => [...new Set([...seeds, ...pulled])], [seeds, pulled]);
  // A ring's members are the view's centre, so its radius is one hop less than an account's.
  const view = useQuery(
    'graph.expand',
    { accounts: accounts.length ? accounts : ['-'], hops: ringId ? Math.max(0, hops - 1) : hops, expandAccounts: expanded, kinds, hideHubs, window, limit: VIEW_LIMIT },
    { enabled: accounts.length > 0, refetchOn: () => false },
  );
  useReportScreenReady('graph', settled && (accounts.length === 0 || !view.loading));
  // While a changed view loads, the canvas keeps drawing the previous one: clearing it would
  // drop every placed node and re-lay out from scratch (expanding must not move anything).
  const lastView = useRef<GraphView | null>(null);
  if (view.data) lastView.current = view.data;
  const shownView = accounts.length ? (view.data ?? lastView.current) : null;

  const openRing = useCallback((id: string) => {
    // A ring opens with nothing selected, so the actions apply to its members.
    canvas.current?.unselectAll();
    setSelected([]);
    setRingId(id);
    setFocus(null);
    history.replaceState(null, '', `#/graph?ring=${encodeURIComponent(id)}`);
  }, []);

  const focusAccount = useCallback(async (id: string) => {
    const trimmed = id.trim();
    if (!trimmed) return;
    if (canvas.current?.focus(trimmed)) {
      setFocus(trimmed);
      return;
    }
    const found = await callOrToast('graph.account', { accountId: trimmed });
    if (!found) return;
    setRingId(null);
    setSeeds([trimmed]);
    setExpanded([]);
    setPulled([]);
    setFocus(trimmed);
    pendingFocus.current = trimmed;
    history.replaceState(null, '', `#/graph?account=${encodeURIComponent(trimmed)}`);
  }, []);

  const onSelect = useCallback((ids: string[]) => {
    setSelected(ids);
    if (ids.length === 1) setFocus(ids[0] as string);
    if (ids.length > 0) selectAccounts(ids, { kind: 'graph', ref: ids.length === 1 ? (ids[0] as string) : `${ids.length} accounts` });
  }, []);

  // The account a view was opened for (URL, search) is selected once it is on the canvas.
  const pendingFocus = useRef<string | null>(initial.get('account'));
  const onLaidOut = useCallback((ms: number, nodes: number) => {
    setLayoutInfo({ ms, nodes });
    const id = pendingFocus.current;
    if (id && canvas.current?.focus(id)) pendingFocus.current = null;
  }, []);

  const onActivate = useCallback((id: string) => {
    if (id.startsWith('i:')) return;
    setExpanded((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));
  }, []);

  const findPath = async (from: string, to: string, timeOrdered: boolean) => {
    const out = await client.call('graph.path', { from, to, timeOrdered, kinds, hideHubs });
    if (!out.ok) {
      setPathHops(null);
      toastError('Finding a path', out.error);
      return;
    }
    setPathHops(out.value.found ? [...out.value.hops] : []);
    if (out.value.found) {
      const ids = [from, ...out.value.hops.map((h) => h.to)];
      setPulled((prev) => [...new Set([...prev, ...ids])]);
      requestAnimationFrame(() => canvas.current?.showPath(ids));
    }
  };

  const markReviewed = async () => {
    if (!ringId || !ring.data) return;
    await callOrToast('graph.markReviewed', { ringId, reviewed: !ring.data.reviewedAt });
    ring.reload();
  };

  const exportFile = (kind: 'png' | 'svg') => {
    const data = kind === 'png' ? canvas.current?.png() : canvas.current?.svg();
    if (!data) return;
    const a = document.createElement('a');
    a.href = kind === 'png' ? data : URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
    a.download = `ringside-graph-${ringId ?? focus ?? 'view'}.${kind}`.replace(/[^a-zA-Z0-9_.-]/g, '_');
    a.click();
  };

  const selection = selected.length > 0 ? selected : ring.data && ringId ? ring.data.members.map((m) => m.id) : focus ? [focus] : [];
  const origin = selected.length === 0 && ringId ? { kind: 'ring' as const, ref: ringId } : { kind: 'graph' as const, ref: focus ?? ringId ?? 'graph view' };
  const build = status.data?.build ?? null;
  const accountNodes = view.data?.nodes.filter((n) => n.type === 'account').length ?? 0;

  return (
    <div className="screen graph-screen" data-testid="screen-graph" data-layout={layoutInfo ? 'done' : 'pending'}>
      <aside className="graph-rings">
        <header className="graph-side-head">
          <h1>Graph</h1>
          <span className="muted small">rings by score</span>
          <span className="toolbar-spacer" />
          <button type="button" className="btn btn-sm" onClick={() => void startGraphBuild()} disabled={job !== null} title="Rebuild links, components and scores from the cache">
            Rebuild
          </button>
        </header>
        <p className="muted small build-line" data-testid="build-line">
          {build
            ? `${formatInt(build.rings)} rings · ${formatInt(build.hubs)} hub${build.hubs === 1 ? '' : 's'} suppressed · built ${formatAgo(build.builtAt)} in ${formatDuration(build.durationMs)}${status.data?.stale ? ' · stale' : ''}`
            : status.loading
              ? 'Loading…'
              : 'Not built yet.'}
        </p>
        {job ? <JobProgress job={job} compact /> : null}
        {status.error ? <ErrorNotice what="Could not read the graph status" error={status.error} onRetry={status.reload} /> : null}
        <RingList activeRing={ringId} onOpen={openRing} />
      </aside>

      <section className="graph-main">
        <FilterBar
          kinds={kinds}
          onKinds={setKinds}
          hops={hops}
          onHops={setHops}
          hideHubs={hideHubs}
          onHideHubs={setHideHubs}
          mode={mode}
          onMode={setMode}
          grouping={grouping}
          onGrouping={setGrouping}
          onSearch={(id) => void focusAccount(id)}
          onPath={(a, b, t) => void findPath(a, b, t)}
          onFit={() => canvas.current?.fit()}
          onExport={exportFile}
          timeWindow={bench.timeWindow}
        />
        <div className="graph-stage">
          {accounts.length === 0 ? (
            <div className="graph-empty">
              <p>Open a ring on the left, or search an account id above.</p>
              <p className="muted small">Double-click a node to expand it; drag a box with Shift to select several.</p>
            </div>
          ) : null}
          <GraphCanvas ref={canvas} view={shownView} mode={mode} grouping={grouping} highlighted={bench.highlightedAccount} theme={theme} onSelect={onSelect} onActivate={onActivate} onLaidOut={onLaidOut} />
          <div className="graph-legend" aria-label="Legend">
            <span><i className="dot" style={{ background: '#5b8def' }} /> active</span>
            <span><i className="dot" style={{ background: '#e0962b' }} /> suspended</span>
            <span><i className="dot" style={{ background: '#d9434f' }} /> offboarded</span>
            <span><i className="dot ring-risk" /> red border = risk</span>
          </div>
          <div className="graph-footer muted small" data-testid="graph-footer">
            {view.data ? `${formatInt(accountNodes)} accounts · ${formatInt(view.data.edges.length)} links` : ''}
            {view.data?.truncated ? <strong className="text-warning"> · truncated at {formatInt(view.data.limit)} accounts: narrow the filters</strong> : null}
            {view.data && layoutInfo ? ` · laid out in ${formatDuration(layoutInfo.ms)}` : ''}
            {bench.timeWindow ? ' · time window from Timeline' : ''}
          </div>
          {view.error ? <ErrorNotice what="Could not load the graph" error={view.error} onRetry={view.reload} /> : null}
        </div>
        {pathHops ? (
          <div className="path-result" data-testid="path-result">
            {pathHops.length === 0 ? (
              <span>No path within the hop limit under these filters.</span>
            ) : (
              <ol>
                {pathHops.map((h) => (
                  <li key={`${h.from}-${h.to}`}>
                    <span className="mono">{h.from}</span> → <span className="mono">{h.to}</span> via {h.kind} <span className="mono">{h.via}</span> (shared by {h.shared})
                  </li>
                ))}
              </ol>
            )}
            <button
              type="button"
              className="btn btn-xs"
              onClick={() => {
                setPathHops(null);
                canvas.current?.showPath([]);
              }}
            >
              Clear path
            </button>
          </div>
        ) : null}
      </section>

      <aside className="graph-details">
        <div className="selection-actions" data-testid="selection-actions">
          <div className="muted small">{selection.length ? `${selection.length} account${selection.length === 1 ? '' : 's'} ${selected.length ? 'selected' : ringId ? 'in ring' : ''}` : 'Nothing selected'}</div>
          <div className="btn-row">
            <button type="button" className="btn btn-sm" disabled={!selection.length} onClick={() => openScreen('timeline', { accounts: selection.join(',') })}>
              Open in timeline
            </button>
            <button type="button" className="btn btn-sm" disabled={!selection.length} onClick={() => setCaseAction('create')}>
              Create case
            </button>
            <button type="button" className="btn btn-sm" disabled={!selection.length} onClick={() => setCaseAction('add')}>
              Add to case
            </button>
            <button type="button" className="btn btn-sm" disabled={!view.data} onClick={() => setCaseAction('snapshot')}>
              Snapshot to case
            </button>
            {ringId && ring.data ? (
              <button type="button" className="btn btn-sm" onClick={() => void markReviewed()} data-testid="mark-reviewed">
                {ring.data.reviewedAt ? 'Unmark reviewed' : 'Mark reviewed'}
              </button>
            ) : null}
          </div>
        </div>
        {focus ? (
          <AccountDetails accountId={focus} zone={zone} onIdentifier={(kind, value) => void client.call('graph.identifierNeighbours', { kind: kind as LinkKind, value }).then((o) => o.ok && setPulled((p) => [...new Set([...p, ...o.value.accounts.map((a) => a.id)])]))} />
        ) : ring.data ? (
          <RingExplanation ring={ring.data} zone={zone} />
        ) : ring.error ? (
          <ErrorNotice what={`Could not open ${ringId}`} error={ring.error} />
        ) : (
          <p className="muted small">Select an account for its details, or open a ring for its explanation.</p>
        )}
        {focus && ring.data ? (
          <button type="button" className="btn btn-xs btn-ghost" onClick={() => setFocus(null)}>
            Show ring explanation
          </button>
        ) : null}
      </aside>
      <CaseDialog
        action={caseAction}
        accounts={selection}
        origin={origin}
        onClose={() => setCaseAction(null)}
        snapshot={() => ({ svg: canvas.current?.svg() ?? '', png: canvas.current?.png() ?? '', nodes: view.data?.nodes ?? [], edges: view.data?.edges ?? [], params: { accounts, expanded, hops, kinds, hideHubs, window: window ?? null, ringId } })}
      />
    </div>
  );
}
