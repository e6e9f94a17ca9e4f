/**
 * Provenance: every run and every file of it is a row (sync_runs, sync_files) with who, when,
 * hashes, sizes, row counts, duration and errors. Also the read side used by the handlers.
 */
import type {
  QuarantineRow,
  SyncFileInfo,
  SyncFileStatus,
  SyncRunInfo,
  SyncRunStatus,
} from '../../shared/contract/sync.js';
import type { Page } from '../../shared/contract/types.js';
import type { Db } from '../db/open.js';

export interface FileCounts {
  inserted: number;
  updated: number;
  deleted: number;
  quarantined: number;
}

/** Fresh counters for one file. */
export const zeroCounts = (): FileCounts => ({ inserted: 0, updated: 0, deleted: 0, quarantined: 0 });

const RUN_COLUMNS = `r.id, r.source_id AS sourceId, s.name AS sourceName, r.started_at AS startedAt,
  r.finished_at AS finishedAt, r.status, r.actor, r.files_applied AS filesApplied, r.files_skipped AS filesSkipped,
  r.files_failed AS filesFailed, r.rows_inserted AS rowsInserted, r.rows_updated AS rowsUpdated,
  r.rows_deleted AS rowsDeleted, r.rows_quarantined AS rowsQuarantined, r.duration_ms AS durationMs, r.error`;

const FILE_COLUMNS = `id, run_id AS runId, path, entity, format, sha256, bytes, status, rows_inserted AS rowsInserted,
  rows_updated AS rowsUpdated, rows_deleted AS rowsDeleted, rows_quarantined AS rowsQuarantined, error`;

/**
 * Runs in progress in this thread. A run of our own pid that is not here was left by a writer
 * worker that died (the process lives on), so it is as abandoned as one of a killed process.
 */
const activeRuns = new Set<number>();

/** Opens a run (status running, committed at once so a crash leaves a trace). */
export function startRun(db: Db, sourceId: number, actor: string): number {
  const id = Number(
    db
      .prepare("INSERT INTO sync_runs (source_id, started_at, status, actor, pid) VALUES (?, ?, 'running', ?, ?)")
      .run(sourceId, Date.now(), actor, process.pid).lastInsertRowid,
  );
  activeRuns.add(id);
  return id;
}

/**
 * Marks runs left `running` by a process that no longer exists (killed mid-import) as failed.
 * Their file transactions were never committed, so the cache holds nothing of those files.
 */
export function closeAbandonedRuns(db: Db): number {
  const running = db.prepare("SELECT id, pid FROM sync_runs WHERE status = 'running'").all() as {
    id: number;
    pid: number | null;
  }[];
  let closed = 0;
  for (const run of running) {
    if (run.pid === process.pid ? activeRuns.has(run.id) : run.pid !== null && processAlive(run.pid)) continue;
    db.prepare(
      `UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ?
        WHERE id = ? AND status = 'running'`,
    ).run(
      Date.now(),
      'Interrupted: the process stopped before the run finished; the file being loaded was rolled back.',
      run.id,
    );
    closed += 1;
  }
  return closed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface FileRecord {
  readonly runId: number;
  readonly sourceId: number;
  readonly path: string;
  readonly entity: string | null;
  readonly format: string | null;
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly etag: string | null;
  readonly status: SyncFileStatus;
  readonly counts: FileCounts;
  readonly error: string | null;
}

/** Inserts a sync_files row and returns its id. */
export function recordFile(db: Db, file: FileRecord): number {
  return Number(
    db
      .prepare(
        `INSERT INTO sync_files (run_id, source_id, path, entity, format, sha256, bytes, etag, status,
           rows_inserted, rows_updated, rows_deleted, rows_quarantined, error, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        file.runId,
        file.sourceId,
        file.path,
        file.entity,
        file.format,
        file.sha256,
        file.bytes,
        file.etag,
        file.status,
        file.counts.inserted,
        file.counts.updated,
        file.counts.deleted,
        file.counts.quarantined,
        file.error,
        Date.now(),
      ).lastInsertRowid,
  );
}

/** Sets the final counts of a file row written at the start of its transaction. */
export function finishFile(db: Db, fileId: number, counts: FileCounts): void {
  db.prepare(
    'UPDATE sync_files SET rows_inserted = ?, rows_updated = ?, rows_deleted = ?, rows_quarantined = ?, finished_at = ? WHERE id = ?',
  ).run(counts.inserted, counts.updated, counts.deleted, counts.quarantined, Date.now(), fileId);
}

/** The last applied (or skipped-as-unchanged) version of a path: its hash and ETag. */
export function lastApplied(
  db: Db,
  sourceId: number,
  path: string,
): { sha256: string | null; etag: string | null } | null {
  const row = db
    .prepare(
      `SELECT sha256, etag FROM sync_files WHERE source_id = ? AND path = ? AND status IN ('applied', 'skipped')
        ORDER BY id DESC LIMIT 1`,
    )
    .get(sourceId, path) as { sha256: string | null; etag: string | null } | undefined;
  return row ?? null;
}

/** Closes a run: status, totals from its files, duration. */
export function finishRun(db: Db, runId: number, status: SyncRunStatus, error: string | null): void {
  activeRuns.delete(runId);
  const totals = db
    .prepare(
      `SELECT coalesce(sum(status = 'applied'), 0) AS applied, coalesce(sum(status = 'skipped'), 0) AS skipped,
              coalesce(sum(status = 'failed'), 0) AS failed, coalesce(sum(rows_inserted), 0) AS inserted,
              coalesce(sum(rows_updated), 0) AS updated, coalesce(sum(rows_deleted), 0) AS deleted,
              coalesce(sum(rows_quarantined), 0) AS quarantined
         FROM sync_files WHERE run_id = ?`,
    )
    .get(runId) as Record<
    'applied' | 'skipped' | 'failed' | 'inserted' | 'updated' | 'deleted' | 'quarantined',
    number
  >;
  const now = Date.now();
  db.prepare(
    `UPDATE sync_runs SET status = ?, finished_at = ?, duration_ms = ? - started_at, error = ?,
       files_applied = ?, files_skipped = ?, files_failed = ?, rows_inserted = ?, rows_updated = ?,
       rows_deleted = ?, rows_quarantined = ?, pid = NULL
     WHERE id = ?`,
  ).run(
    status,
    now,
    now,
    error,
    totals.applied,
    totals.skipped,
    totals.failed,
    totals.inserted,
    totals.updated,
    totals.deleted,
    totals.quarantined,
    runId,
  );
}

/** One run with its source name, or null. */
export function getRun(db: Db, runId: number): SyncRunInfo | null {
  const row = db
    .prepare(`SELECT ${RUN_COLUMNS} FROM sync_runs r JOIN sync_sources s ON s.id = r.source_id WHERE r.id = ?`)
    .get(runId);
  return (row as SyncRunInfo | undefined) ?? null;
}

/** Runs newest first, optionally of one source. */
export function listRuns(db: Db, sourceId: number | undefined, limit: number): SyncRunInfo[] {
  const where = sourceId === undefined ? '' : 'WHERE r.source_id = @sourceId';
  return db
    .prepare(
      `SELECT ${RUN_COLUMNS} FROM sync_runs r JOIN sync_sources s ON s.id = r.source_id ${where} ORDER BY r.id DESC LIMIT @limit`,
    )
    .all({ limit, ...(sourceId === undefined ? {} : { sourceId }) }) as SyncRunInfo[];
}

/** A source's latest run, or null. */
export function lastRunOf(db: Db, sourceId: number): SyncRunInfo | null {
  return listRuns(db, sourceId, 1)[0] ?? null;
}

/** The files of a run in the order they were processed. */
export function listRunFiles(db: Db, runId: number): SyncFileInfo[] {
  return db.prepare(`SELECT ${FILE_COLUMNS} FROM sync_files WHERE run_id = ? ORDER BY id`).all(runId) as SyncFileInfo[];
}

/** A page of quarantined rows (optionally of one run), oldest first, with the total. */
export function listQuarantine(db: Db, runId: number | undefined, offset: number, limit: number): Page<QuarantineRow> {
  const where = runId === undefined ? '' : 'WHERE run_id = @runId';
  const params = runId === undefined ? {} : { runId };
  const total = (db.prepare(`SELECT count(*) AS n FROM quarantine ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT id, run_id AS runId, file_path AS filePath, line, column_name AS "column", reason, raw, created_at AS createdAt
         FROM quarantine ${where} ORDER BY id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as QuarantineRow[];
  return { rows, total };
}
