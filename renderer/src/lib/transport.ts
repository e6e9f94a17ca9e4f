/**
 * Picks the transport: the preload's IPC bridge in the desktop app, else browser mode's
 * HTTP (`POST /api/call/<method>`, auth by the host's HttpOnly cookie) and SSE (`/api/events`).
 * Network failures become `UNAVAILABLE` outcomes, so callers handle one shape of failure.
 */
import type { Transport } from '../../../shared/contract/client';
import type { Outcome } from '../../../shared/contract/errors';
import { EVENT_NAMES } from '../../../shared/contract/events';
import { desktopBridge } from './bridge';
import { setConnectionState } from './connection';

export type TransportMode = 'desktop' | 'browser';

export function transportMode(): TransportMode {
  return desktopBridge() ? 'desktop' : 'browser';
}

export function createTransport(): Transport {
  const bridge = desktopBridge();
  if (bridge) {
    setConnectionState('connected');
    return {
      call: (method, params) => bridge.call(method, params).catch((err: unknown) => unavailable(err)),
      subscribe: (listener) => bridge.subscribe(listener),
    };
  }
  return createHttpTransport();
}

function unavailable(err: unknown): Outcome<never> {
  const reason = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'UNAVAILABLE', message: `Cannot reach the Ringside host (${reason}).` } };
}

function createHttpTransport(): Transport {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const deliver = (event: string, data: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      console.error(`Ringside: unreadable ${event} event`, data);
      return;
    }
    for (const listener of listeners) listener(event, payload);
  };

  // EventSource retries by itself after a dropped stream, but gives up for good (readyState
  // CLOSED) when the server answers with an error status, e.g. while it restarts: then we retry.
  const open = () => {
    retryTimer = null;
    const stream = new EventSource('/api/events', { withCredentials: true });
    source = stream;
    stream.onopen = () => setConnectionState('connected');
    stream.onerror = () => {
      setConnectionState('reconnecting');
      if (stream.readyState === EventSource.CLOSED && retryTimer === null) {
        stream.close();
        retryTimer = setTimeout(open, 2000);
      }
    };
    for (const name of EVENT_NAMES) {
      stream.addEventListener(name, (message) => deliver(name, (message as MessageEvent<string>).data));
    }
  };

  return {
    async call(method, params) {
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(params ?? {}),
        });
      } catch (err) {
        return unavailable(err);
      }
      try {
        return (await response.json()) as Outcome<unknown>;
      } catch {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `The server answered ${response.status} ${response.statusText} without JSON.`,
          },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) open();
      return () => listeners.delete(listener);
    },
  };
}
