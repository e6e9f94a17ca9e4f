/**
 * Data-service worker entry. Two run per workspace:
 *  - the writer owns the single read-write connection; it applies migrations at start, then
 *    runs write calls and jobs one at a time (the host queues them);
 *  - the reader holds a read-only connection (WAL: it sees the last committed state and is
 *    never blocked by a running import), for the many small reads the UI makes.
 * Neither runs on the host's event loop, so the window and the API stay responsive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../../shared/contract/errors.js';
import { openDatabase, type Db } from '../db/open.js';
import { migrate, schemaVersion } from '../db/migrate.js';
import { workspaceAt } from '../workspace/workspace.js';
import { jobHandlers, readHandlers, writeHandlers } from './app.js';
import { createJobContext } from './jobContext.js';
import type { ReadContext, WriteContext } from './context.js';
import type { HostToWorker, WorkerInit, WorkerToHost } from './protocol.js';
import { runHandler } from './runHandler.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');
const init = workerData as WorkerInit;
const cancelFlags = new Int32Array(init.cancelFlags);
const post = (message: WorkerToHost) => port.postMessage(message);

let db: Db;
try {
  const workspace = workspaceAt(init.workspaceDir);
  if (init.role === 'writer') {
    db = openDatabase(workspace.cacheFile);
    migrate(db);
  } else {
    db = openDatabase(workspace.cacheFile, { readonly: true });
  }
  const readCtx: ReadContext = { db, workspace };
  post({ type: 'ready', schemaVersion: schemaVersion(db) });

  const handlers: Record<string, (req: never, ctx: never) => unknown> =
    init.role === 'writer' ? { ...writeHandlers, ...jobHandlers } : { ...readHandlers };

  port.on('message', (message: HostToWorker) => {
    const handler = handlers[message.method];
    const changedTables = new Set<string>();
    const writeCtx: WriteContext = { ...readCtx, changed: (...tables) => tables.forEach((t) => changedTables.add(t)) };
    const ctx =
      message.type === 'job'
        ? createJobContext(
            writeCtx,
            message.jobId,
            () => Atomics.load(cancelFlags, message.slot) === 1,
            (report) => post({ type: 'progress', jobId: message.jobId, report }),
          )
        : writeCtx;
    void runHandler(message.method, () => {
      if (!handler) throw new Error(`No ${init.role} handler for ${message.method}`);
      return handler(message.params as never, ctx as never);
    }, { isJob: message.type === 'job' }).then((outcome) => {
      if (changedTables.size > 0) post({ type: 'changed', tables: [...changedTables].sort() });
      post({ type: 'result', id: message.id, outcome });
    });
  });
} catch (err) {
  post({ type: 'fatal', error: toApiError(err) });
}
