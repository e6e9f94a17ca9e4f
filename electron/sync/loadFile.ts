/**
 * Loads one file in ONE transaction: all of its rows (and its quarantine, its sync_files row and
 * its derived identifiers) or none. BEGIN IMMEDIATE is held across the awaits of the stream; that
 * is safe because the writer is serial (jobs and writes never interleave on this connection).
 * A crash (SIGKILL, power loss) before COMMIT leaves nothing of the file: SQLite's WAL discards
 * uncommitted frames on the next open.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { JobContext } from '../service/context.js';
import { ENTITY_SPECS } from '../../shared/domain/extract.js';
import {
  dropIndexes,
  EntityWriter,
  IdentifierAccumulator,
  isRowRejection,
  QuarantineWriter,
  rebuildIndexes,
  shouldDeferIndexes,
} from './apply.js';
import { openFile, type OpenedFile } from './formats/read.js';
import { compileMapper } from './mapping.js';
import { finishFile, recordFile, zeroCounts, type FileCounts } from './runs.js';
import { BATCH_ROWS, type FilePlan } from './types.js';

export interface RunProgress {
  /** Rows read so far in this run (all files). */
  rows: number;
}

export interface LoadTarget {
  readonly runId: number;
  readonly sourceId: number;
  readonly file: FilePlan;
  readonly localPath: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly etag: string | null;
}

/**
 * Applies `target.file` and records it as `applied` inside the same transaction. Throws (after
 * rolling back) BAD_INPUT for a file that is not its declared format or lacks key columns,
 * CANCELLED when the job is cancelled between batches, or the SQLite error of a cache failure;
 * the caller records the failure. Row-level problems never throw: they go to quarantine.
 */
export async function loadFile(ctx: JobContext, target: LoadTarget, progress: RunProgress): Promise<FileCounts> {
  const { file } = target;
  const opened = await openFile(target.localPath, file.path, file.mapping.format);
  try {
    return await loadOpened(ctx, target, opened, progress);
  } finally {
    opened.close();
  }
}

async function loadOpened(
  ctx: JobContext,
  target: LoadTarget,
  opened: OpenedFile,
  progress: RunProgress,
): Promise<FileCounts> {
  const { db } = ctx;
  const { file } = target;
  const countCells = file.mapping.format === 'csv' || file.mapping.format === 'tsv';
  const mapper = compileMapper(file.mapping, opened.columns, countCells);
  const counts = zeroCounts();
  const report = () =>
    ctx.progress({
      unit: 'rows',
      done: progress.rows,
      total: null,
      message: `${file.path}: ${(counts.inserted + counts.updated + counts.deleted).toLocaleString('en-US')} rows`,
    });
  report();
  db.exec('BEGIN IMMEDIATE');
  try {
    const fileId = recordFile(db, {
      runId: target.runId,
      sourceId: target.sourceId,
      path: file.path,
      entity: file.mapping.entity,
      format: opened.gzip ? `${file.mapping.format}+gzip` : file.mapping.format,
      sha256: target.sha256,
      bytes: target.bytes,
      etag: target.etag,
      status: 'applied',
      counts,
      error: null,
    });
    const table = ENTITY_SPECS[file.mapping.entity].table;
    const deferred = shouldDeferIndexes(db, table, target.bytes) ? dropIndexes(db, table) : [];
    const writer = new EntityWriter(db, file.mapping.entity, mapper.presentFields, mapper.writesAttrs);
    const quarantine = new QuarantineWriter(db, target.runId, fileId, file.path);
    const identifiers = file.mapping.deriveIdentifiers.length > 0 ? new IdentifierAccumulator(db) : null;
    let sinceCheck = 0;
    for await (const batch of opened.batches(mapper.wanted)) {
      for (const record of batch) {
        const reason = mapper.map(record);
        if (reason !== null) {
          quarantine.add(record.line, mapper.errorColumn, reason, record.raw());
        } else if (mapper.tombstone) {
          if (writer.delete(mapper.values)) counts.deleted += 1;
        } else {
          let outcome;
          try {
            outcome = writer.upsert(mapper.values);
          } catch (err) {
            if (!isRowRejection(err)) throw err;
            quarantine.add(record.line, null, `rejected by the cache: ${(err as Error).message}`, record.raw());
            outcome = null;
          }
          if (outcome === 'inserted') counts.inserted += 1;
          else if (outcome === 'updated') counts.updated += 1;
          if (outcome !== null && identifiers !== null && mapper.derivedAccount !== null) {
            for (const [kind, value] of mapper.derived)
              identifiers.add(mapper.derivedAccount, kind, value, mapper.derivedTime);
          }
        }
        if (++sinceCheck === BATCH_ROWS) {
          sinceCheck = 0;
          progress.rows += BATCH_ROWS;
          report();
          ctx.throwIfCancelled();
        }
      }
    }
    progress.rows += sinceCheck;
    if (deferred.length > 0) {
      ctx.throwIfCancelled();
      ctx.progress({ unit: 'rows', done: progress.rows, total: null, message: `${file.path}: building indexes` });
      rebuildIndexes(db, deferred);
    }
    identifiers?.flush();
    counts.quarantined = quarantine.count;
    finishFile(db, fileId, counts);
    // A cancel that arrives during the last batch still rolls the file back, as promised.
    ctx.throwIfCancelled();
    db.exec('COMMIT');
    report();
    return counts;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (err instanceof RingsideError) throw err;
    if ((err as { code?: unknown }).code === 'ERR_STRING_TOO_LONG') {
      throw new RingsideError('BAD_INPUT', 'a record is too long to read');
    }
    throw err;
  }
}
