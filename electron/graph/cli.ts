/**
 * `ringside rings [--json] [--min-size N] [--limit N] [--rebuild]` and `ringside path A B [--json]
 * [--time-ordered]`. `rings` builds the graph first when no build exists or a sync run is newer
 * than the last build (the same rule as the Graph screen), so it never prints stale rings
 * silently. Exit codes: 0 success (path: a path was found), 1 failure or no path, 2 bad usage,
 * 130 cancelled.
 */
import type { Command } from 'commander';
import type { PathHop, RingSummary } from '../../shared/contract/graph.js';
import { intArg } from '../cli/core.js';
import { formatDuration, openLocal, progressLine, unwrap } from '../cli/output.js';
import type { LocalService } from '../service/localService.js';

interface RingsOptions {
  readonly json?: boolean;
  readonly minSize?: number;
  readonly limit?: number;
  readonly rebuild?: boolean;
}

export function registerGraphCommands(program: Command): void {
  program
    .command('rings')
    .description('List fraud rings (linked-account groups) by score, building the link graph first if it is missing or older than the last sync.')
    .option('--json', 'print { build, rings } as JSON')
    .option('--min-size <n>', 'only rings with at least N accounts (default 2)', intArg('--min-size', 2, 1_000_000))
    .option('--limit <n>', 'how many rings to print (default 50)', intArg('--limit', 1, 5000))
    .option('--rebuild', 'rebuild the graph even if it is up to date')
    .action(async (opts: RingsOptions, command: Command) => {
      const service = openLocal(command);
      try {
        await runRings(service, opts);
      } finally {
        service.close();
      }
    });
  program
    .command('path')
    .description('Shortest link path between two accounts, with the shared identifier or relation on every hop.')
    .argument('<from>', 'account id')
    .argument('<to>', 'account id')
    .option('--json', 'print { found, hops } as JSON')
    .option('--time-ordered', 'only hops whose links came into existence in sequence')
    .option('--max-hops <n>', 'give up after N hops (default 8)', intArg('--max-hops', 1, 12))
    .action(async (from: string, to: string, opts: { json?: boolean; timeOrdered?: boolean; maxHops?: number }, command: Command) => {
      const service = openLocal(command);
      try {
        const result = unwrap(await service.call('graph.path', { from, to, timeOrdered: opts.timeOrdered ?? false, ...(opts.maxHops ? { maxHops: opts.maxHops } : {}) }));
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else process.stdout.write(pathText(from, to, result.found, result.hops, opts.timeOrdered ?? false));
        process.exitCode = result.found ? 0 : 1;
      } finally {
        service.close();
      }
    });
}

async function runRings(service: LocalService, opts: RingsOptions): Promise<void> {
  const status = unwrap(await service.call('graph.status', {}));
  if (opts.rebuild || status.build === null || status.stale) {
    const report = progressLine('Building graph');
    const built = await service.runJob('graph.build', {}, (p) => report(p.done, p.total, p.message));
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (!built.ok) {
      process.stderr.write(`ringside: ${built.error.code}: ${built.error.message}\n`);
      process.exitCode = built.error.code === 'CANCELLED' ? 130 : 1;
      return;
    }
  }
  const build = unwrap(await service.call('graph.status', {})).build;
  const { rings, total } = unwrap(await service.call('graph.rings', { minSize: opts.minSize ?? 2, limit: opts.limit ?? 50 }));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ build, total, rings }, null, 2)}\n`);
    return;
  }
  if (build) {
    process.stdout.write(
      `Build #${build.id}: ${build.accounts.toLocaleString('en-US')} accounts, ${build.links.toLocaleString('en-US')} links, ` +
        `${build.rings.toLocaleString('en-US')} rings, ${build.hubs} hubs suppressed, in ${formatDuration(build.durationMs)}\n`,
    );
  }
  process.stdout.write(ringsText(rings, total));
}

/** The human table: score, size, kinds, reviewed, and the one-line explanation. */
export function ringsText(rings: readonly RingSummary[], total: number): string {
  const lines = rings.map(
    (r) => `  ${r.score.toFixed(1).padStart(5)}  ${String(r.size).padStart(4)}  ${r.id.padEnd(18)}  ${r.reviewedAt ? 'reviewed ' : '         '}${r.kinds.join(',')}\n          ${r.headline}`,
  );
  return `  SCORE  SIZE  RING                KINDS\n${lines.join('\n')}\nShowing ${rings.length} of ${total} rings.\n`;
}

export function pathText(from: string, to: string, found: boolean, hops: readonly PathHop[], timeOrdered: boolean): string {
  if (!found) return `No ${timeOrdered ? 'time-ordered ' : ''}link path from ${from} to ${to} within the hop limit (hubs are not crossed).\n`;
  const lines = hops.map((h, i) => {
    const when = h.since === null ? '' : `  since ${new Date(h.since).toISOString().slice(0, 16).replace('T', ' ')}Z`;
    return `  ${i + 1}. ${h.from} -> ${h.to}  via ${h.kind} ${h.via} (shared by ${h.shared})${when}`;
  });
  return `${hops.length}-hop path from ${from} to ${to}:\n${lines.join('\n')}\n`;
}
