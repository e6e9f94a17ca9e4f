/** Foundation commands: `demo` (write the synthetic extract) and `serve` (browser mode). */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { generateDemo } from '../demo/generate.js';
import { startBrowserHost } from '../host/browserHost.js';
import { formatDuration, progressLine, workspaceOf } from './output.js';

export function intArg(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** Parses an ISO 8601 time (UTC when no offset is given) or epoch milliseconds. */
export function timeArg(name: string) {
  return (value: string): number => {
    if (/^\d{10,}$/.test(value)) return Number(value);
    const iso = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new InvalidArgumentError(`${name} must be an ISO 8601 time (e.g. 2025-03-01T12:00:00Z) or epoch milliseconds; got "${value}".`);
    return ms;
  };
}

export function numberArg(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
    return n;
  };
}

export function registerCoreCommands(program: Command): void {
  program
    .command('demo')
    .description('Write a realistic synthetic extract (with injected fraud rings and ground truth) to a folder.')
    .requiredOption('-o, --out <dir>', 'folder to write the extract into (created if missing)')
    .option('-s, --seed <n>', 'random seed: the same seed gives byte-identical files', intArg('--seed', 0, 2 ** 31 - 1), 1)
    .option('-a, --accounts <n>', 'number of accounts', intArg('--accounts', 10, 1_000_000), 5000)
    .option('-e, --events-per-account <n>', 'average events per account', intArg('--events-per-account', 1, 1000), 40)
    .option('--link-density <x>', 'extra benign links per account from shared households (0-6; scale tests of the graph)', numberArg('--link-density', 0, 6), 0)
    .action(async (opts: { out: string; seed: number; accounts: number; eventsPerAccount: number; linkDensity: number }) => {
      const outDir = path.resolve(opts.out);
      const report = progressLine('Generating');
      const summary = await generateDemo({
        outDir,
        seed: opts.seed,
        accounts: opts.accounts,
        eventsPerAccount: opts.eventsPerAccount,
        linkDensity: opts.linkDensity,
        onProgress: (p) => report(p.done, p.total, p.phase),
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stdout.write(`Wrote demo extract to ${outDir} in ${formatDuration(summary.elapsedMs)}\n`);
      for (const [file, rows] of Object.entries(summary.files)) {
        process.stdout.write(`  ${file.padEnd(20)} ${String(rows).padStart(10)} rows\n`);
      }
    });

  program
    .command('serve')
    .description('Serve the UI in browser mode on 127.0.0.1 (token-protected) and print its URL.')
    .option('-p, --port <n>', 'port (default: a free one)', intArg('--port', 0, 65535), 0)
    .option('--no-demo', 'do not load demo data into an empty workspace')
    .action(async (opts: { port: number; demo: boolean }, command: Command) => {
      const workspaceDir = workspaceOf(command);
      const host = await startBrowserHost({
        workspaceDir,
        port: opts.port,
        noDemo: !opts.demo,
        ...(process.env['RINGSIDE_TOKEN'] ? { token: process.env['RINGSIDE_TOKEN'] } : {}),
      });
      process.stdout.write(`Ringside (browser mode) — workspace ${workspaceDir}\n`);
      process.stdout.write(`Open ${host.http.url}\n`);
      const stop = async () => {
        await host.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await new Promise<never>(() => undefined);
    });
}
