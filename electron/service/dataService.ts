/**
 * The host's handle on the data service: starts the writer and reader workers for a workspace,
 * routes each validated call to the right one, queues writes and jobs on the single writer,
 * and turns worker messages into contract events. It never touches SQLite itself.
 *
 * Failure modes: a cache that cannot be opened or migrated (SCHEMA_TOO_NEW, MIGRATION_MODIFIED,
 * IO_ERROR) rejects `start()` with that error and leaves the file as it was; a worker that dies
 * fails its in-flight call with UNAVAILABLE and is not restarted silently.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { RingsideError, type ApiError, type Outcome } from '../../shared/contract/errors.js';
import type { EventName, EventPayloads } from '../../shared/contract/events.js';
import type { JobInfo } from '../../shared/contract/types.js';
import { ensureWorkspace, type Workspace } from '../workspace/workspace.js';
import { JobRegistry } from './jobs.js';
import type { HostToWorker, WorkerInit, WorkerRole, WorkerToHost } from './protocol.js';

type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Pending = { resolve: (outcome: Outcome<unknown>) => void };

type WriterTask =
  | { kind: 'call'; method: string; params: unknown; resolve: (outcome: Outcome<unknown>) => void }
  | { kind: 'job'; jobId: string; slot: number; method: string; params: unknown };

/**
 * The compiled worker entry. Worker threads need JavaScript: when this module itself runs from
 * TypeScript source (vitest), it uses the build in dist/ (`npm test` builds first).
 */
const workerFile = (): string => {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return path.resolve(path.dirname(self), '..', '..', 'dist', 'electron', 'service', 'worker.js');
  return path.join(path.dirname(self), 'worker.js');
};

class WorkerHandle {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private deadError: ApiError | null = null;

  constructor(
    readonly worker: Worker,
    private readonly onMessage: (message: WorkerToHost) => void,
  ) {
    worker.on('message', (message: WorkerToHost) => {
      if (message.type === 'result') {
        const entry = this.pending.get(message.id);
        this.pending.delete(message.id);
        entry?.resolve(message.outcome);
      } else {
        this.onMessage(message);
      }
    });
    const fail = (why: string) => {
      this.deadError = { code: 'UNAVAILABLE', message: `The data service stopped (${why}).` };
      for (const entry of this.pending.values()) entry.resolve({ ok: false, error: this.deadError });
      this.pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
  }

  send(message: DistributiveOmit<HostToWorker, 'id'>): Promise<Outcome<unknown>> {
    if (this.deadError) return Promise.resolve({ ok: false, error: this.deadError });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ ...message, id });
    });
  }
}

export class DataService {
  private readonly writerQueue: WriterTask[] = [];
  private writerBusy = false;
  readonly jobs: JobRegistry;

  private constructor(
    readonly workspace: Workspace,
    readonly schemaVersion: number,
    private readonly writer: WorkerHandle,
    private readonly reader: WorkerHandle,
    jobs: JobRegistry,
  ) {
    this.jobs = jobs;
  }

  static async start(workspaceDir: string, emit: Emit): Promise<DataService> {
    const workspace = ensureWorkspace(workspaceDir);
    const jobs = new JobRegistry((job) => emit('job.updated', job));
    const onMessage = (message: WorkerToHost) => {
      if (message.type === 'progress') jobs.reportProgress(message.jobId, message.report);
      else if (message.type === 'changed') emit('data.changed', { tables: message.tables });
    };
    const writer = await spawn('writer', workspace, jobs.cancelFlags, onMessage);
    let reader: { handle: WorkerHandle; schemaVersion: number };
    try {
      reader = await spawn('reader', workspace, jobs.cancelFlags, onMessage);
    } catch (err) {
      await writer.handle.worker.terminate();
      throw err;
    }
    return new DataService(workspace, writer.schemaVersion, writer.handle, reader.handle, jobs);
  }

  /** A read on the reader connection; runs concurrently with writer work. */
  read(method: string, params: unknown): Promise<Outcome<unknown>> {
    return this.reader.send({ type: 'call', method, params });
  }

  /** A short write, queued behind any running job on the single writer. */
  write(method: string, params: unknown): Promise<Outcome<unknown>> {
    return new Promise((resolve) => {
      this.writerQueue.push({ kind: 'call', method, params, resolve });
      this.pump();
    });
  }

  /** Queues a job and returns its id at once; progress and the end arrive as `job.updated`. */
  startJob(method: string, params: unknown, label: string): JobInfo {
    const job = this.jobs.create(method, label);
    this.writerQueue.push({ kind: 'job', jobId: job.id, slot: job.slot, method, params });
    this.pump();
    return job;
  }

  /** Resolves when the job has finished (for the CLI and tests). */
  waitForJob(jobId: string, onUpdate?: (job: JobInfo) => void): Promise<JobInfo> {
    return new Promise((resolve) => {
      const check = () => {
        const job = this.jobs.get(jobId);
        if (!job) return resolve({ id: jobId } as JobInfo);
        onUpdate?.(job);
        if (!this.jobs.isActive(jobId)) return resolve(job);
        setTimeout(check, 50);
      };
      check();
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.writer.worker.terminate(), this.reader.worker.terminate()]);
  }

  private pump(): void {
    if (this.writerBusy) return;
    const task = this.writerQueue.shift();
    if (!task) return;
    this.writerBusy = true;
    const done = () => {
      this.writerBusy = false;
      this.pump();
    };
    if (task.kind === 'call') {
      void this.writer.send({ type: 'call', method: task.method, params: task.params }).then((outcome) => {
        task.resolve(outcome);
        done();
      });
      return;
    }
    if (this.jobs.wasCancelled(task.jobId)) {
      this.jobs.finish(task.jobId, { ok: false, error: { code: 'CANCELLED', message: 'Cancelled before it started.' } });
      done();
      return;
    }
    this.jobs.markRunning(task.jobId);
    void this.writer
      .send({ type: 'job', jobId: task.jobId, slot: task.slot, method: task.method, params: task.params })
      .then((outcome) => {
        this.jobs.finish(task.jobId, outcome);
        done();
      });
  }
}

function spawn(
  role: WorkerRole,
  workspace: Workspace,
  cancelFlags: SharedArrayBuffer,
  onMessage: (message: WorkerToHost) => void,
): Promise<{ handle: WorkerHandle; schemaVersion: number }> {
  const init: WorkerInit = { role, workspaceDir: workspace.dir, cancelFlags };
  const worker = new Worker(workerFile(), { workerData: init, name: `ringside-${role}` });
  return new Promise((resolve, reject) => {
    const onFirst = (message: WorkerToHost) => {
      worker.off('error', onError);
      if (message.type === 'ready') {
        const handle = new WorkerHandle(worker, onMessage);
        resolve({ handle, schemaVersion: message.schemaVersion });
      } else if (message.type === 'fatal') {
        void worker.terminate();
        reject(new RingsideError(message.error.code, message.error.message, message.error.details));
      }
    };
    const onError = (err: Error) => reject(new RingsideError('UNAVAILABLE', `The ${role} worker failed to start: ${err.message}`));
    worker.once('message', onFirst);
    worker.once('error', onError);
  });
}
