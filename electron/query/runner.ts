/**
 * The host's handle on a query runner process (runnerProcess.ts). Requests are queued and sent
 * one at a time, each with its own deadline; a request that outlives its deadline, or whose
 * owner cancels it, is stopped by killing the process (SIGKILL: instant, and nothing to clean
 * up since the process never writes) and a fresh process is started at once for the queue.
 *
 * Failure modes: TIMEOUT / CANCELLED for the stopped request; UNAVAILABLE when the process
 * cannot start (e.g. the cache file is missing) or after close(). Cursors held by a killed
 * process are gone; runnerProcess re-opens them on the next page request.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RingsideError, type ApiError } from '../../shared/contract/errors.js';
import type { RunnerMessage, RunnerRequest } from './protocol.js';

/** The compiled entry; from TypeScript source (vitest) the build in dist/ is used, like dataService.ts. */
export function runnerFile(): string {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts'))
    return path.resolve(path.dirname(self), '..', '..', 'dist', 'electron', 'query', 'runnerProcess.js');
  return path.join(path.dirname(self), 'runnerProcess.js');
}

export interface RequestOptions {
  readonly timeoutMs: number;
  /** Lets a caller cancel this request by key (the queryId). */
  readonly key?: string;
  readonly onProgress?: (rows: number) => void;
}

interface Task {
  readonly id: number;
  readonly request: RunnerRequest;
  readonly options: RequestOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: RingsideError) => void;
}

export class QueryRunner {
  private child: ChildProcess | null = null;
  private starting: Promise<ChildProcess> | null = null;
  private readonly queue: Task[] = [];
  private current: { task: Task; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;
  /** Processes started so far (1 + restarts), for tests and diagnostics. */
  starts = 0;

  constructor(private readonly cacheFile: string) {}

  /** Sends a request; resolves with the runner's value or rejects with a RingsideError. */
  request<T>(request: RunnerRequest, options: RequestOptions): Promise<T> {
    if (this.closed) return Promise.reject(new RingsideError('UNAVAILABLE', 'The query runner has been shut down.'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, options, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  /** The key of the request executing now, if any (how a caller learns what to cancel). */
  get runningKey(): string | null {
    return this.current?.task.options.key ?? null;
  }

  /** True when the request keyed `key` is executing now (and so will be killed by cancel). */
  isRunning(key: string): boolean {
    return this.current?.task.options.key === key;
  }

  /**
   * Stops every request keyed `key`: queued ones are dropped, an executing one kills the process
   * (a new one starts for the rest of the queue). Returns whether anything was stopped.
   */
  cancel(key: string): boolean {
    let stopped = false;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const task = this.queue[i] as Task;
      if (task.options.key === key) {
        this.queue.splice(i, 1);
        task.reject(new RingsideError('CANCELLED', 'The query was cancelled before it started.'));
        stopped = true;
      }
    }
    if (this.current?.task.options.key === key) {
      this.stopCurrent(
        new RingsideError('CANCELLED', 'The query was cancelled; the runner was stopped and restarted.'),
      );
      stopped = true;
    }
    return stopped;
  }

  /** Kills the process; pending requests fail with UNAVAILABLE. */
  close(): void {
    this.closed = true;
    const error = new RingsideError('UNAVAILABLE', 'The query runner was shut down.');
    for (const task of this.queue.splice(0)) task.reject(error);
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.task.reject(error);
      this.current = null;
    }
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  /** Starts the process now instead of on the first request (so the first query is fast). */
  async warm(): Promise<void> {
    await this.ensureChild();
  }

  private stopCurrent(error: RingsideError): void {
    if (!this.current) return;
    clearTimeout(this.current.timer);
    const { task } = this.current;
    this.current = null;
    const child = this.child;
    this.child = null;
    child?.removeAllListeners('exit');
    child?.kill('SIGKILL');
    task.reject(error);
    // A fresh process right away, so the next query does not pay for the start.
    if (!this.closed) void this.ensureChild().catch(() => undefined);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.current || this.closed) return;
    const task = this.queue.shift();
    if (!task) return;
    const timer = setTimeout(() => {
      const seconds = task.options.timeoutMs / 1000;
      this.stopCurrent(
        new RingsideError(
          'TIMEOUT',
          `The query ran longer than its ${seconds} s timeout and was stopped. Narrow it, or raise the timeout (tab setting, or --timeout).`,
          {
            timeoutMs: task.options.timeoutMs,
          },
        ),
      );
    }, task.options.timeoutMs);
    this.current = { task, timer };
    let child: ChildProcess;
    try {
      child = await this.ensureChild();
    } catch (err) {
      clearTimeout(timer);
      if (this.current?.task === task) this.current = null;
      task.reject(err instanceof RingsideError ? err : new RingsideError('UNAVAILABLE', String(err)));
      void this.pump();
      return;
    }
    if (this.current?.task !== task) return; // timed out or cancelled while the process started
    child.send({ id: task.id, request: task.request });
  }

  private onMessage(child: ChildProcess, message: RunnerMessage): void {
    if (child !== this.child) return;
    if (message.type === 'progress') {
      if (this.current?.task.id === message.id) this.current.task.options.onProgress?.(message.rows);
      return;
    }
    if (message.type !== 'result' || this.current?.task.id !== message.id) return;
    clearTimeout(this.current.timer);
    const { task } = this.current;
    this.current = null;
    if (message.ok) task.resolve(message.value);
    else task.reject(new RingsideError(message.error.code, message.error.message, message.error.details));
    void this.pump();
  }

  private ensureChild(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    if (this.starting) return this.starting;
    this.starts++;
    const starting = new Promise<ChildProcess>((resolve, reject) => {
      // Under Electron, process.execPath is the Electron binary: ELECTRON_RUN_AS_NODE makes it
      // plain Node (the packaged app keeps the runAsNode fuse on for this). The environment also
      // carries RINGSIDE_SQLITE_BINDING, so the child loads the addon built for this runtime.
      const child = fork(runnerFile(), [], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', RINGSIDE_QUERY_CACHE: this.cacheFile },
        execArgv: [],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const fail = (error: ApiError) => {
        this.starting = null;
        reject(
          new RingsideError(
            error.code === 'INTERNAL' ? 'UNAVAILABLE' : error.code,
            `The query runner could not start: ${error.message}`,
          ),
        );
      };
      child.once('error', (err) => fail({ code: 'UNAVAILABLE', message: err.message }));
      child.once('exit', (code) => {
        if (this.starting === starting) fail({ code: 'UNAVAILABLE', message: `exit code ${String(code)}` });
      });
      child.on('message', (message: RunnerMessage) => {
        if (message.type === 'ready') {
          this.starting = null;
          if (this.closed) {
            child.kill('SIGKILL');
            reject(new RingsideError('UNAVAILABLE', 'The query runner was shut down.'));
            return;
          }
          this.child = child;
          child.on('exit', () => {
            // An unexpected death (out of memory, a crash): fail the request it was running.
            if (this.child !== child) return;
            this.child = null;
            if (this.current) {
              clearTimeout(this.current.timer);
              const { task } = this.current;
              this.current = null;
              task.reject(
                new RingsideError(
                  'UNAVAILABLE',
                  'The query runner stopped unexpectedly while running this query (out of memory?).',
                ),
              );
              void this.pump();
            }
          });
          resolve(child);
        } else if (message.type === 'fatal') {
          fail(message.error);
        } else {
          this.onMessage(child, message);
        }
      });
    });
    this.starting = starting;
    return starting;
  }
}
