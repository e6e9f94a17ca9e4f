/**
 * `ringside sync SOURCE [--json]`: sync a folder, an http(s) manifest URL or a registered source
 * id into the workspace chosen by the global --workspace. Prints a table of files with their
 * status and row counts (or the SyncRunSummary as JSON). Exit codes: 0 every file applied or
 * skipped; 1 a file failed or the source could not be read; 2 bad usage; 130 cancelled (Ctrl+C
 * rolls back the file in progress and records the run as cancelled).
 */
import type { Command } from 'commander';
import type { SyncFileInfo, SyncRunSummary } from '../../shared/contract/sync.js';
import { intArg } from '../cli/core.js';
import { formatDuration, openLocal, progressLine, unwrap } from '../cli/output.js';
import type { LocalService } from '../service/localService.js';
import { getRun, listRunFiles } from './runs.js';
import { getSource, updateSourceConfig } from './sources.js';

interface SyncCommandOptions {
  readonly json?: boolean;
  readonly name?: string;
  readonly timeout?: number;
}

export function registerSyncCommands(program: Command): void {
  program
    .command('sync')
    .description('Load a source into the cache: a folder, the http(s) URL of an extract.json manifest, or a source id.')
    .argument('<source>', 'folder path, http(s) manifest URL, or the id of a registered source')
    .option('--json', 'print the run summary as JSON (SyncRunSummary)')
    .option('--name <name>', 'name to register a new source under')
    .option(
      '--timeout <seconds>',
      'HTTP timeout in seconds, saved for this source (default 30)',
      intArg('--timeout', 1, 3600),
    )
    .action(async (sourceArg: string, opts: SyncCommandOptions, command: Command) => {
      const service = openLocal(command);
      try {
        await runSync(service, sourceArg, opts);
      } finally {
        service.close();
      }
    });
}

async function runSync(service: LocalService, sourceArg: string, opts: SyncCommandOptions): Promise<void> {
  const sourceId = /^\d+$/.test(sourceArg)
    ? getSource(service.db, Number(sourceArg)).id
    : unwrap(await service.call('sources.add', { location: sourceArg, ...(opts.name ? { name: opts.name } : {}) })).id;
  if (opts.timeout !== undefined) updateSourceConfig(service.db, sourceId, { timeoutMs: opts.timeout * 1000 });
  const report = progressLine('Syncing');
  const outcome = await service.runJob('sync.run', { sourceId }, (p) => report(p.done, p.total, p.message));
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (outcome.ok) {
    print(outcome.value, opts);
    process.exitCode = outcome.value.filesFailed > 0 || outcome.value.status === 'failed' ? 1 : 0;
    return;
  }
  // The run was recorded even though the job failed or was cancelled: show it, then the error.
  const runId = (outcome.error.details as { runId?: unknown } | undefined)?.runId;
  const run = typeof runId === 'number' ? getRun(service.db, runId) : null;
  if (run) print({ ...run, files: listRunFiles(service.db, run.id), ignored: [] }, opts);
  process.stderr.write(`ringside: ${outcome.error.code}: ${outcome.error.message}\n`);
  process.exitCode = outcome.error.code === 'CANCELLED' ? 130 : 1;
}

function print(summary: SyncRunSummary, opts: SyncCommandOptions): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  process.stdout.write(summaryText(summary));
}

const n = (value: number) => value.toLocaleString('en-US');

/** The human summary: a header line, a table of files, totals, and hints. */
export function summaryText(summary: SyncRunSummary): string {
  const lines: string[] = [];
  const duration = summary.durationMs === null ? '' : ` in ${formatDuration(summary.durationMs)}`;
  lines.push(`Sync run #${summary.id} of ${summary.sourceName}: ${summary.status}${duration} (by ${summary.actor})`);
  const header = ['FILE', 'ENTITY', 'STATUS', 'INSERTED', 'UPDATED', 'DELETED', 'QUARANTINED'];
  const rows = summary.files.map((f: SyncFileInfo) => [
    f.path,
    f.entity ?? '',
    f.status,
    n(f.rowsInserted),
    n(f.rowsUpdated),
    n(f.rowsDeleted),
    n(f.rowsQuarantined),
  ]);
  const totals = [
    'total',
    '',
    '',
    n(summary.rowsInserted),
    n(summary.rowsUpdated),
    n(summary.rowsDeleted),
    n(summary.rowsQuarantined),
  ];
  const table = [header, ...rows, totals];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] as string).length)));
  const render = (row: string[]) =>
    `  ${row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).join('  ')}`.trimEnd();
  lines.push(render(header));
  for (const row of rows) lines.push(render(row));
  lines.push(render(totals));
  lines.push(
    `Files: ${summary.filesApplied} applied, ${summary.filesSkipped} skipped (unchanged), ${summary.filesFailed} failed.`,
  );
  for (const f of summary.files) if (f.error) lines.push(`  ! ${f.error}`);
  if (summary.ignored.length > 0) lines.push(`Ignored (not an entity file): ${summary.ignored.join(', ')}`);
  if (summary.rowsQuarantined > 0) {
    lines.push(
      `${n(summary.rowsQuarantined)} rows could not be read and are in quarantine with file, line, column and reason: ` +
        `see Sources > Quarantine in the app, or SELECT * FROM quarantine WHERE run_id = ${summary.id}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
