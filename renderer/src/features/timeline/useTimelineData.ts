/**
 * Fetching for the timeline: the lanes for the viewport (re-fetched when zooming or panning
 * settles, debounced, for a window 50% wider than the view on each side so small pans need no
 * round trip), and the patterns and markers of the accounts (fetched once per selection and
 * parameter change, not per zoom). The last answer stays on screen, scaled, until the next one
 * arrives. Refetches when the host reports changed events, cases or decisions.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import type { LaneMode, TimelineMarker, TimelinePatterns, TimelineView } from '../../../../shared/contract/timeline';
import { client } from '../../lib/client';
import { onReconnect } from '../../lib/connection';
import type { Viewport } from './scale';

const SETTLE_MS = 140;
const RELEVANT = new Set(['events', 'accounts', 'cases', 'case_subjects', 'decisions', 'audit_log']);

export interface TimelineData {
  readonly view: TimelineView | null;
  /** The accounts (joined) and lane mode the view was asked for: a stale view is never shown. */
  readonly viewKey: string;
  readonly patterns: TimelinePatterns | null;
  readonly markers: readonly TimelineMarker[];
  readonly error: ApiError | null;
  readonly loading: boolean;
  /** Bumps when the data changed upstream. */
  readonly revision: number;
}

export function useTimelineData(args: {
  accounts: readonly string[];
  laneMode: LaneMode;
  types: readonly string[];
  vp: Viewport | null;
  plotWidth: number;
  lockstepDeltaMs: number;
  minAccounts: number;
  burstFactor: number;
}): TimelineData & { setView: (v: TimelineView | null) => void } {
  const [view, setViewState] = useState<{ key: string; view: TimelineView | null }>({ key: '', view: null });
  const [patterns, setPatterns] = useState<TimelinePatterns | null>(null);
  const [markers, setMarkers] = useState<readonly TimelineMarker[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [revision, setRevision] = useState(0);
  const seq = useRef(0);
  // The overview strip covers the whole extent: fetched once per selection, not per zoom.
  const overviewFor = useRef<string | null>(null);
  const lastOverview = useRef<TimelineView['overview']>(null);
  const accountsKey = args.accounts.join(',');
  const requestKey = `${accountsKey}|${args.laneMode}`;
  const setView = (v: TimelineView | null) => setViewState({ key: requestKey, view: v });
  const typesKey = args.types.join(',');

  useEffect(() => {
    const bump = () => setRevision((r) => r + 1);
    const off = client.on('data.changed', ({ tables }) => tables.some((t) => RELEVANT.has(t)) && bump());
    const offReconnect = onReconnect(bump);
    return () => {
      off();
      offReconnect();
    };
  }, []);

  // Lanes for the viewport, debounced so a zoom gesture makes one request when it settles.
  const vpFrom = args.vp?.from ?? null;
  const vpTo = args.vp?.to ?? null;
  useEffect(() => {
    if (args.accounts.length === 0) {
      setView(null);
      return undefined;
    }
    const mine = ++seq.current;
    const timer = setTimeout(
      () => {
        setLoading(true);
        const span = vpFrom !== null && vpTo !== null ? vpTo - vpFrom : 0;
        const windowed = vpFrom !== null && vpTo !== null ? { from: Math.max(0, Math.floor(vpFrom - span / 2)), to: Math.ceil(vpTo + span / 2) } : {};
        const overviewKey = `${accountsKey}|${typesKey}|${args.laneMode}|${revision}`;
        const wantOverview = overviewFor.current !== overviewKey || lastOverview.current === null;
        performance.mark('timeline:request');
        void client
          .call('timeline.view', {
            accounts: [...args.accounts],
            laneMode: args.laneMode,
            pixelWidth: Math.min(8000, Math.max(50, Math.round(args.plotWidth * (vpFrom !== null ? 2 : 1)))),
            ...windowed,
            ...(args.types.length > 0 ? { types: [...args.types] } : {}),
            overview: wantOverview,
          })
          .then((outcome) => {
            if (mine !== seq.current) return;
            setLoading(false);
            if (outcome.ok) {
              performance.mark('timeline:data');
              if (outcome.value.overview) {
                overviewFor.current = overviewKey;
                lastOverview.current = outcome.value.overview;
              }
              setViewState({ key: requestKey, view: outcome.value.overview ? outcome.value : { ...outcome.value, overview: lastOverview.current } });
              setError(null);
            } else {
              setError(outcome.error);
            }
          });
      },
      view.view === null || view.key !== requestKey ? 0 : SETTLE_MS,
    );
    return () => clearTimeout(timer);
    // `view` is read only to skip the debounce on the first load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountsKey, args.laneMode, typesKey, vpFrom, vpTo, args.plotWidth, revision]);

  useEffect(() => {
    if (args.accounts.length === 0) {
      setPatterns(null);
      setMarkers([]);
      return;
    }
    let live = true;
    void client
      .call('timeline.patterns', {
        accounts: [...args.accounts],
        lockstepDeltaMs: args.lockstepDeltaMs,
        minAccounts: args.minAccounts,
        burstFactor: args.burstFactor,
        ...(args.types.length > 0 ? { types: [...args.types] } : {}),
      })
      .then((outcome) => {
        if (!live) return;
        if (outcome.ok) setPatterns(outcome.value);
        else setError(outcome.error);
      });
    void client.call('timeline.markers', { accounts: [...args.accounts] }).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setMarkers(outcome.value);
      else setError(outcome.error);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountsKey, typesKey, args.lockstepDeltaMs, args.minAccounts, args.burstFactor, revision]);

  return { view: view.key === requestKey ? view.view : null, viewKey: view.key, patterns, markers, error, loading, revision, setView };
}
