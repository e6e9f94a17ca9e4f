/**
 * Events the host pushes to every client (IPC `ringside:event`, or SSE in browser mode).
 * Like methods, the set is closed: clients subscribe by name and receive typed payloads.
 */
import type { JobInfo } from './types.js';

export interface EventPayloads {
  /** A job was queued, progressed, or finished (carries the job's full current state). */
  'job.updated': JobInfo;
  /** Tables whose rows changed; views showing them refetch. */
  'data.changed': { readonly tables: readonly string[] };
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['job.updated', 'data.changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
