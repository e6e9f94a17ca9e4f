/**
 * The host's view of background jobs: their state, progress (with rate and ETA) and the
 * cancellation slots they use in shared memory. Every change is announced as `job.updated`.
 * Finished jobs are kept briefly so a client that reconnects can still see how they ended.
 */
import type { ApiError } from '../../shared/contract/errors.js';
import type { JobInfo, JobProgress } from '../../shared/contract/types.js';
import type { ProgressReport } from './context.js';

const SLOTS = 256;
const KEEP_FINISHED = 50;

interface MutableJob {
  id: string;
  method: string;
  label: string;
  state: JobInfo['state'];
  progress: JobProgress | null;
  startedAt: number | null;
  finishedAt: number | null;
  error: { code: string; message: string } | null;
  result: unknown;
  slot: number;
}

export class JobRegistry {
  readonly cancelFlags = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  private readonly flags = new Int32Array(this.cancelFlags);
  private readonly jobs = new Map<string, MutableJob>();
  private readonly freeSlots = Array.from({ length: SLOTS }, (_, i) => i);
  private counter = 0;

  constructor(private readonly announce: (job: JobInfo) => void) {}

  create(method: string, label: string): JobInfo & { slot: number } {
    const slot = this.freeSlots.shift();
    if (slot === undefined) throw new Error('Too many jobs at once');
    Atomics.store(this.flags, slot, 0);
    this.counter += 1;
    const job: MutableJob = {
      id: `job-${Date.now().toString(36)}-${this.counter}`,
      method,
      label,
      state: 'queued',
      progress: null,
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
      slot,
    };
    this.jobs.set(job.id, job);
    this.emit(job);
    return { ...this.snapshot(job), slot };
  }

  get(id: string): JobInfo | undefined {
    const job = this.jobs.get(id);
    return job ? this.snapshot(job) : undefined;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((job) => this.snapshot(job));
  }

  isActive(id: string): boolean {
    const state = this.jobs.get(id)?.state;
    return state === 'queued' || state === 'running';
  }

  markRunning(id: string): void {
    this.update(id, (job) => {
      job.state = 'running';
      job.startedAt = Date.now();
    });
  }

  reportProgress(id: string, report: ProgressReport): void {
    this.update(id, (job) => {
      const elapsedMs = job.startedAt === null ? 0 : Date.now() - job.startedAt;
      const rate = elapsedMs > 0 ? (report.done * 1000) / elapsedMs : null;
      const etaMs =
        report.total !== null && rate !== null && rate > 0
          ? Math.max(0, ((report.total - report.done) / rate) * 1000)
          : null;
      job.progress = { ...report, rate, etaMs };
    });
  }

  finish(id: string, outcome: { ok: true; value: unknown } | { ok: false; error: ApiError }): void {
    this.update(id, (job) => {
      job.finishedAt = Date.now();
      if (outcome.ok) {
        job.state = 'succeeded';
        job.result = outcome.value;
      } else {
        job.state = outcome.error.code === 'CANCELLED' ? 'cancelled' : 'failed';
        job.error = { code: outcome.error.code, message: outcome.error.message };
      }
      this.freeSlots.push(job.slot);
    });
    this.prune();
  }

  /** Requests cancellation. A queued job is cancelled at once; a running one at its next check. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return false;
    Atomics.store(this.flags, job.slot, 1);
    return true;
  }

  wasCancelled(id: string): boolean {
    const job = this.jobs.get(id);
    return job !== undefined && Atomics.load(this.flags, job.slot) === 1;
  }

  private update(id: string, mutate: (job: MutableJob) => void): void {
    const job = this.jobs.get(id);
    if (!job) return;
    mutate(job);
    this.emit(job);
  }

  private emit(job: MutableJob): void {
    this.announce(this.snapshot(job));
  }

  private snapshot(job: MutableJob): JobInfo {
    const { slot: _slot, ...info } = job;
    return { ...info };
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.finishedAt !== null);
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.id);
  }
}
