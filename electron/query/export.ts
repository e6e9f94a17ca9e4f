/**
 * sql.export: streams a query's full result to `<workspace>/exports/` as CSV or JSON, in its own
 * runner process (so the scratchpad stays usable and the export can be killed), plus a
 * `.meta.json` sidecar that makes the file reproducible evidence: the query text, parameters,
 * when and how long it ran, the row count, the file's SHA-256 and the cache snapshot (last sync
 * run id). With a job registry the export shows as a job; `jobs.cancel` kills its process and
 * removes the partial file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError, toApiError } from '../../shared/contract/errors.js';
import type { ParsedRequestOf } from '../../shared/contract/methods.js';
import type { SqlExportResult } from '../../shared/contract/sql.js';
import { slug } from '../../shared/lib/slug.js';
import { RINGSIDE_VERSION } from '../../shared/version.js';
import type { JobRegistry } from '../service/jobs.js';
import type { Workspace } from '../workspace/workspace.js';
import { bindParams, checkStatement } from './check.js';
import type { ExportFileResult } from './protocol.js';
import { QueryRunner } from './runner.js';

/** Exports have no timeout of their own beyond this: they are stopped with jobs.cancel. */
const EXPORT_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export interface ExportDeps {
  readonly workspace: Workspace;
  readonly jobs: JobRegistry | undefined;
  readonly lastSyncRunId: () => Promise<number | null>;
}


function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the export and its sidecar; returns their paths. Throws like the runner, IO_ERROR for files. */
export async function exportQuery(req: ParsedRequestOf<'sql.export'>, deps: ExportDeps): Promise<SqlExportResult> {
  const checked = checkStatement(req.sql);
  const params = bindParams(checked, req.params);
  const ranAt = new Date();
  const base = path.join(
    deps.workspace.exportsDir,
    `query-${stamp(ranAt)}-${slug(req.name ?? checked.sql.slice(0, 40), 60, 'query')}`,
  );
  const file = `${base}.${req.format}`;
  const metaFile = `${base}.meta.json`;
  try {
    fs.mkdirSync(deps.workspace.exportsDir, { recursive: true });
  } catch (err) {
    throw new RingsideError(
      'IO_ERROR',
      `Cannot create the exports folder ${deps.workspace.exportsDir}: ${(err as Error).message}`,
    );
  }

  const job = deps.jobs?.create('sql.export', `Exporting query to ${req.format.toUpperCase()}`);
  const runner = new QueryRunner(deps.workspace.cacheFile);
  let poll: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    if (job && deps.jobs) {
      deps.jobs.markRunning(job.id);
      const jobs = deps.jobs;
      poll = setInterval(() => {
        if (jobs.wasCancelled(job.id)) runner.cancel(job.id);
      }, 100);
    }
    const lastSyncRunId = await deps.lastSyncRunId().catch(() => null);
    const written = await runner.request<ExportFileResult>(
      { type: 'export', sql: checked.sql, params, format: req.format, file },
      {
        timeoutMs: EXPORT_TIMEOUT_MS,
        ...(job ? { key: job.id } : {}),
        onProgress: (rows) => {
          if (job)
            deps.jobs?.reportProgress(job.id, {
              unit: 'rows',
              done: rows,
              total: null,
              message: `${rows.toLocaleString('en-US')} rows written`,
            });
        },
      },
    );
    const elapsedMs = Math.round(performance.now() - started);
    const meta = {
      ringside: RINGSIDE_VERSION,
      kind: 'query-export',
      file: path.basename(file),
      format: req.format,
      sql: checked.sql,
      params,
      ranAt: ranAt.toISOString(),
      elapsedMs,
      rows: written.rows,
      bytes: written.bytes,
      sha256: await sha256File(file),
      lastSyncRunId,
      csvFormulaGuard: req.format === 'csv' ? "text cells starting with = + - @ TAB CR are prefixed with '" : undefined,
    };
    fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
    const result: SqlExportResult = { file, metaFile, rows: written.rows, bytes: written.bytes, elapsedMs };
    if (job) deps.jobs?.finish(job.id, { ok: true, value: result });
    return result;
  } catch (err) {
    fs.rmSync(file, { force: true });
    const error = toApiError(err);
    if (job) deps.jobs?.finish(job.id, { ok: false, error });
    throw err instanceof RingsideError
      ? err
      : new RingsideError('IO_ERROR', `Export to ${file} failed: ${error.message}`);
  } finally {
    if (poll) clearInterval(poll);
    runner.close();
  }
}
