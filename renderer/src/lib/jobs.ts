/**
 * Every job the host knows about, kept current from `job.updated` events (each carries the full
 * JobInfo) and re-read with `jobs.list` at start and after a reconnect, when events were missed.
 * Also remembers the last job to finish, which the status bar shows for a few seconds.
 */
import type { JobInfo } from '../../../shared/contract/types';
import { client, toastError } from './client';
import { onConnected, resync } from './connection';
import { createStore, useStore } from './store';

export interface JobsState {
  readonly byId: ReadonlyMap<string, JobInfo>;
  /** The most recent job to reach a final state while this window was open. */
  readonly lastFinished: JobInfo | null;
  readonly loaded: boolean;
}

export const jobsStore = createStore<JobsState>({ byId: new Map(), lastFinished: null, loaded: false });

/**
 * What a job started from this window works on (e.g. the source a sync reads), since JobInfo
 * carries no params: "Syncing" alone does not say which source.
 */
export const jobSubjects = createStore<ReadonlyMap<string, string>>(new Map());

/** "Syncing · broken-extract" when the subject is known, else the host's label. */
export function jobTitle(job: JobInfo, subjects: ReadonlyMap<string, string>): string {
  const subject = subjects.get(job.id);
  return subject ? `${job.label} · ${subject}` : job.label;
}

export function isActive(job: JobInfo): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/**
 * Jobs whose caller awaits the result and shows a failure itself (inline or in its own toast):
 * a second, generic toast would only repeat it. The status bar still shows the failure.
 */
const REPORTED_BY_CALLER = new Set(['sql.export', 'rules.backtest', 'rules.compare']);

function upsert(job: JobInfo): void {
  jobsStore.set((state) => {
    const previous = state.byId.get(job.id);
    const byId = new Map(state.byId);
    byId.set(job.id, job);
    const justFinished = !isActive(job) && (previous === undefined || isActive(previous));
    return { ...state, byId, lastFinished: justFinished ? job : state.lastFinished };
  });
  if (job.state === 'failed' && job.error && !REPORTED_BY_CALLER.has(job.method)) toastError(job.label, job.error);
}

export async function refreshJobs(): Promise<void> {
  const outcome = await client.call('jobs.list', {});
  if (!outcome.ok) {
    toastError('Listing jobs', outcome.error);
    // Still "loaded": the failure is shown, and readiness must not hang on it.
    jobsStore.set((state) => ({ ...state, loaded: true }));
    return;
  }
  let missedFinish = false;
  jobsStore.set((state) => {
    // A finished state is final: if an event told us a job ended while this (older) list was
    // in flight, keep the ending rather than bring the job back to life.
    const byId = new Map(
      outcome.value.map((job): [string, JobInfo] => {
        const known = state.byId.get(job.id);
        return [job.id, known && !isActive(known) && isActive(job) ? known : job];
      }),
    );
    let lastFinished = state.lastFinished;
    // A job we thought active has ended without us hearing it (its events were lost): show its
    // result, and have views refetch, as the data it wrote was never announced to us either.
    for (const job of byId.values()) {
      const previous = state.byId.get(job.id);
      if (previous && isActive(previous) && !isActive(job)) {
        missedFinish = true;
        lastFinished = job;
      }
    }
    return { byId, lastFinished, loaded: true };
  });
  if (missedFinish) resync();
}

let started = false;
/** Subscribes once for the life of the window. */
export function startJobTracking(): void {
  if (started) return;
  started = true;
  client.on('job.updated', upsert);
  onConnected(() => void refreshJobs());
  void refreshJobs();
}

/**
 * Records a job this window just started, before its first `job.updated` arrives, so the
 * status bar and `data-jobs` turn busy at once. A real event, if already here, wins.
 */
export function trackStartedJob(jobId: string, method: string, label: string, subject?: string): void {
  if (subject) jobSubjects.set((map) => new Map(map).set(jobId, subject));
  jobsStore.set((state) => {
    if (state.byId.has(jobId)) return state;
    const byId = new Map(state.byId);
    byId.set(jobId, {
      id: jobId,
      method,
      label,
      state: 'queued',
      progress: null,
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    });
    return { ...state, byId };
  });
}

export function clearLastFinished(id: string): void {
  jobsStore.set((state) => (state.lastFinished?.id === id ? { ...state, lastFinished: null } : state));
}

/** Jobs sorted newest first. */
export function useJobs(): readonly JobInfo[] {
  const { byId } = useStore(jobsStore);
  return [...byId.values()].sort((a, b) => jobTime(b) - jobTime(a));
}

export function useActiveJobs(): readonly JobInfo[] {
  return useJobs().filter(isActive);
}

/** The job with this id, if the host has told us about it. */
export function useJob(id: string | null): JobInfo | null {
  const { byId } = useStore(jobsStore);
  return id === null ? null : (byId.get(id) ?? null);
}

function jobTime(job: JobInfo): number {
  return job.startedAt ?? job.finishedAt ?? Number.MAX_SAFE_INTEGER;
}
