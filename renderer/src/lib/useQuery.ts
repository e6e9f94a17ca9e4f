/**
 * Reads a method's result for a view and keeps it fresh: refetches when the host reports that
 * relevant tables changed (`data.changed`) and after the event stream reconnects. Keeps the last
 * good value while refetching so views do not flash. Errors are returned for the view to show
 * inline (message and code), never swallowed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/contract/errors';
import type { MethodName, RequestOf, ResultOf } from '../../../shared/contract/methods';
import { client } from './client';
import { onReconnect } from './connection';

export interface QueryState<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  /** True until the first answer (value or error) arrives. */
  readonly loading: boolean;
  /** True while any request is in flight, including refetches. */
  readonly fetching: boolean;
  reload(): void;
}

export interface QueryOptions {
  /** Which `data.changed` table lists should refetch; default: any change except settings only. */
  readonly refetchOn?: (tables: readonly string[]) => boolean;
  /** When false, nothing is fetched (e.g. no run selected yet). */
  readonly enabled?: boolean;
}

export const anyDataChange = (tables: readonly string[]) => tables.some((t) => t !== 'settings');

export function useQuery<M extends MethodName>(
  method: M,
  params: RequestOf<M>,
  options: QueryOptions = {},
): QueryState<ResultOf<M>> {
  const key = `${method}:${JSON.stringify(params)}`;
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<{ key: string; data: ResultOf<M> | null; error: ApiError | null; done: boolean }>({
    key,
    data: null,
    error: null,
    done: false,
  });
  const [fetching, setFetching] = useState(false);
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const applied = useRef(0);
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const refetchOnRef = useRef(options.refetchOn ?? anyDataChange);
  refetchOnRef.current = options.refetchOn ?? anyDataChange;

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    setFetching(true);
    void client.call(method, paramsRef.current).then((outcome) => {
      // Answers are applied in the order their requests were made, but an older answer is not
      // thrown away while a newer request is pending: reads queue behind slow ones on the host,
      // and the freshest answer we have beats a stale screen.
      if (mine < applied.current) return;
      applied.current = mine;
      if (mine === seq.current) setFetching(false);
      setState((prev) => ({
        key,
        // A failed refetch keeps the last good value of the same query visible next to the error.
        data: outcome.ok ? outcome.value : prev.key === key ? prev.data : null,
        error: outcome.ok ? null : outcome.error,
        done: true,
      }));
    });
  }, [key, method, enabled, nonce]);

  useEffect(() => {
    if (!enabled) return undefined;
    const offData = client.on('data.changed', ({ tables }) => {
      if (refetchOnRef.current(tables)) reload();
    });
    const offReconnect = onReconnect(reload);
    return () => {
      offData();
      offReconnect();
    };
  }, [enabled, reload]);

  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: enabled && (!current || !state.done),
    fetching,
    reload,
  };
}
