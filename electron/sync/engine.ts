/**
 * The sync engine: one run over one source. The run is recorded first (committed, status
 * `running`), then each planned file is fetched, compared with the last applied version (same
 * SHA-256 -> `skipped`), and loaded in its own transaction (loadFile). A file that fails is rolled
 * back and recorded `failed` with a message naming it, and the run goes on (`partial`). A cancel
 * rolls back the file in progress, records the run `cancelled` and throws CANCELLED; files
 * committed before it stay, as with any sync.
 */
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { SyncRunStatus, SyncRunSummary } from '../../shared/contract/sync.js';
import type { JobContext } from '../service/context.js';
import type { SourceAccess } from './access.js';
import { folderAccess } from './folderSource.js';
import { DEFAULT_TIMEOUT_MS, httpAccess } from './httpSource.js';
import { loadFile, type RunProgress } from './loadFile.js';
import {
  closeAbandonedRuns,
  finishRun,
  getRun,
  lastApplied,
  listRunFiles,
  recordFile,
  startRun,
  zeroCounts,
} from './runs.js';
import { addSource, findSource, getSource, normalizeLocation, type SourceRow } from './sources.js';
import type { FilePlan, SyncPlan } from './types.js';
import { ENTITY_TABLES } from '../../shared/domain/extract.js';

export interface SyncOptions {
  /** Who runs the sync (settings identity, see actorName). */
  readonly actor: string;
  /** Name for a source registered by this call. */
  readonly name?: string;
  /** HTTP timeout override for this run (else the source's config, else 30 s). */
  readonly timeoutMs?: number;
}

/** Tables a run may change, announced to clients when it ends. */
const CHANGED_TABLES = [...ENTITY_TABLES, 'quarantine', 'sync_sources', 'sync_runs', 'sync_files'];

/**
 * Syncs a location: a folder path (resolved to an absolute path) or an http(s) manifest URL,
 * registering it as a source first if it is new. Throws like normalizeLocation for a location
 * that cannot be a source, and like syncSource otherwise.
 */
export async function syncLocation(ctx: JobContext, location: string, opts: SyncOptions): Promise<SyncRunSummary> {
  const normal = normalizeLocation(location);
  const source =
    findSource(ctx.db, normal.location) ?? addSource(ctx.db, location, { name: opts.name, actor: opts.actor });
  return syncSource(ctx, source.id, opts);
}

/**
 * Syncs a registered source and returns the run summary (also when some files failed: see
 * `status` and each file's `error`). Throws, after recording the run as failed, when the source
 * cannot be planned at all: BAD_INPUT for an invalid manifest (naming the field) or a folder with
 * no extract files, IO_ERROR/NOT_FOUND/TIMEOUT for an unreachable source. Throws CANCELLED after
 * recording a cancelled run. NOT_FOUND for an unknown source id.
 */
export async function syncSource(ctx: JobContext, sourceId: number, opts: SyncOptions): Promise<SyncRunSummary> {
  const { db } = ctx;
  const source = getSource(db, sourceId);
  closeAbandonedRuns(db);
  const runId = startRun(db, source.id, opts.actor);
  const access = accessFor(source, runId, ctx, opts);
  const progress: RunProgress = { rows: 0 };
  let plan: SyncPlan;
  let cancelledAt: string | null = null;
  try {
    ctx.progress({ unit: 'rows', done: 0, total: null, message: `Reading ${access.label}` });
    try {
      plan = await access.plan();
    } catch (err) {
      const error =
        err instanceof RingsideError
          ? err
          : new RingsideError('IO_ERROR', `Cannot read source ${access.label}: ${(err as Error).message}`);
      finishRun(db, runId, 'failed', error.message);
      ctx.changed('sync_runs');
      throw new RingsideError(error.code, error.message, { ...(isObject(error.details) ? error.details : {}), runId });
    }
    for (const file of plan.files) {
      if (ctx.isCancelled()) {
        cancelledAt = 'before the next file';
        break;
      }
      const status = await syncFile(ctx, runId, source, file, access, progress);
      if (status === 'cancelled') {
        cancelledAt = file.path;
        break;
      }
    }
  } finally {
    await access.release().catch(() => undefined);
  }
  const files = listRunFiles(db, runId);
  const failed = files.filter((f) => f.status === 'failed').length;
  let status: SyncRunStatus;
  let error: string | null = null;
  if (cancelledAt !== null) {
    status = 'cancelled';
    error = `Cancelled by user (${cancelledAt}); the file in progress was rolled back, files loaded before it are kept.`;
  } else if (failed === 0) {
    status = 'succeeded';
  } else {
    status = failed === files.length ? 'failed' : 'partial';
    error = `${failed} of ${files.length} files failed: ${files
      .filter((f) => f.status === 'failed')
      .map((f) => f.path)
      .join(', ')}`;
  }
  finishRun(db, runId, status, error);
  ctx.changed(...CHANGED_TABLES);
  if (status === 'cancelled') throw new RingsideError('CANCELLED', `Sync of ${source.name} ${error}`, { runId });
  const run = getRun(db, runId);
  if (!run) throw new RingsideError('INTERNAL', `Run #${runId} vanished`);
  return { ...run, files, ignored: plan.ignored };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function accessFor(source: SourceRow, runId: number, ctx: JobContext, opts: SyncOptions): SourceAccess {
  if (source.kind === 'folder') return folderAccess(source.location);
  return httpAccess(source.location, {
    timeoutMs: opts.timeoutMs ?? source.config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    tempDir: path.join(ctx.workspace.extractsDir, '.downloads', `run-${runId}`),
  });
}

/** Fetches, compares and loads one file, recording its outcome. Never throws for the file's own problems. */
async function syncFile(
  ctx: JobContext,
  runId: number,
  source: SourceRow,
  file: FilePlan,
  access: SourceAccess,
  progress: RunProgress,
): Promise<'applied' | 'skipped' | 'failed' | 'cancelled'> {
  const { db } = ctx;
  const base = {
    runId,
    sourceId: source.id,
    path: file.path,
    entity: file.mapping.entity,
    format: file.mapping.format,
    counts: zeroCounts(),
  };
  const fail = (err: unknown, sha256: string | null, bytes: number | null, etag: string | null) => {
    const cancelled = err instanceof RingsideError && err.code === 'CANCELLED';
    const message =
      err instanceof RingsideError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
    recordFile(db, {
      ...base,
      sha256,
      bytes,
      etag,
      status: cancelled ? 'cancelled' : 'failed',
      error: cancelled ? `${file.path}: cancelled; rolled back` : `${file.path}: ${message}`,
    });
    return cancelled ? ('cancelled' as const) : ('failed' as const);
  };
  const previous = lastApplied(db, source.id, file.path);
  let fetched;
  try {
    fetched = await access.fetch(file, previous, ctx);
  } catch (err) {
    return fail(err, null, null, null);
  }
  if (fetched.kind === 'unchanged' || (previous !== null && previous.sha256 === fetched.sha256)) {
    recordFile(db, {
      ...base,
      sha256: fetched.sha256,
      bytes: fetched.bytes,
      etag: fetched.etag ?? previous?.etag ?? null,
      status: 'skipped',
      error: null,
    });
    return 'skipped';
  }
  try {
    await loadFile(
      ctx,
      {
        runId,
        sourceId: source.id,
        file,
        localPath: fetched.localPath,
        sha256: fetched.sha256,
        bytes: fetched.bytes,
        etag: fetched.etag,
      },
      progress,
    );
    return 'applied';
  } catch (err) {
    return fail(err, fetched.sha256, fetched.bytes, fetched.etag);
  }
}
