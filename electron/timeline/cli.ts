/**
 * `ringside timeline patterns ACCOUNTS…` and `ringside timeline events ACCOUNTS…`: the data
 * service's timeline reads without a window, for scripts and for checking what the screen
 * shows. Accounts are ids separated by spaces or commas. Times are ISO 8601 (UTC unless they
 * carry an offset) or epoch milliseconds. Exit codes: 0 success, 1 the service refused (unknown
 * account, bad window: the message names it), 2 bad usage.
 */
import type { Command } from 'commander';
import type { TimelineEventRow, TimelinePatterns } from '../../shared/contract/timeline.js';
import { intArg, timeArg } from '../cli/core.js';
import { printResult, unwrap, withLocal } from '../cli/output.js';

function accountList(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface WindowOptions {
  readonly from?: number;
  readonly to?: number;
  readonly type?: string[];
  readonly json?: boolean;
}

function windowOf(opts: WindowOptions) {
  return {
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.to !== undefined ? { to: opts.to } : {}),
    ...(opts.type && opts.type.length > 0 ? { types: opts.type } : {}),
  };
}

function printPatterns(p: TimelinePatterns): void {
  const out = process.stdout;
  out.write(`Lockstep (same type from >= ${p.params.minAccounts} accounts within ${p.params.lockstepDeltaMs / 1000} s): ${p.lockstep.length}\n`);
  for (const g of p.lockstep) {
    out.write(`  ${iso(g.from)}  +${((g.to - g.from) / 1000).toFixed(0).padStart(4)} s  ${g.type.padEnd(22)} ${g.accounts.length} accounts: ${g.accounts.join(', ')}\n`);
  }
  out.write(`Bursts (${p.params.burstWindowMs / 60_000} min windows, >= ${p.params.burstMinCount} events and >= ${p.params.burstFactor}x the median): ${p.bursts.length}\n`);
  for (const b of p.bursts) {
    out.write(`  ${iso(b.from)}  ${b.accountId.padEnd(16)} ${String(b.count).padStart(5)} events  x${b.factor.toFixed(1).padEnd(6)} median ${b.baseline}  mostly ${b.topType}\n`);
  }
  if (p.truncated) out.write('(truncated: narrow the accounts or the window)\n');
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function printEvents(rows: readonly TimelineEventRow[]): void {
  process.stdout.write('occurred_at,account_id,type,ip,device,amount,id,attrs\n');
  for (const r of rows) {
    process.stdout.write(`${[iso(r.at), r.accountId, r.type, r.ip, r.device, r.amount, r.id, r.attrs].map(csvCell).join(',')}\n`);
  }
}

export function registerTimelineCommands(program: Command): void {
  const timeline = program.command('timeline').description('What accounts did, and when: lockstep, bursts and event listings.');
  const collect = (value: string, previous: string[] = []) => [...previous, value];

  timeline
    .command('patterns')
    .description('Lockstep groups and bursts of these accounts (the definitions are in the README).')
    .argument('<accounts...>', 'account ids (space or comma separated)')
    .option('--from <time>', 'window start (ISO 8601 or epoch ms; default: first event)', timeArg('--from'))
    .option('--to <time>', 'window end, exclusive (default: after the last event)', timeArg('--to'))
    .option('--type <type>', 'only this event type (repeatable)', collect)
    .option('--delta <seconds>', 'lockstep delta in seconds (default 60)', intArg('--delta', 1, 86_400))
    .option('--min-accounts <n>', 'accounts needed for a lockstep group (default 2)', intArg('--min-accounts', 2, 500))
    .option('--burst-window <minutes>', 'burst window in minutes (default 60)', intArg('--burst-window', 1, 10_080))
    .option('--burst-factor <k>', 'times the account median (default 4)', intArg('--burst-factor', 2, 1000))
    .option('--json', 'print TimelinePatterns as JSON')
    .action((accounts: string[], opts: WindowOptions & { delta?: number; minAccounts?: number; burstWindow?: number; burstFactor?: number }, command: Command) =>
      withLocal(command, async (service) => {
        const result = unwrap(
          await service.call('timeline.patterns', {
            accounts: accountList(accounts),
            ...windowOf(opts),
            ...(opts.delta !== undefined ? { lockstepDeltaMs: opts.delta * 1000 } : {}),
            ...(opts.minAccounts !== undefined ? { minAccounts: opts.minAccounts } : {}),
            ...(opts.burstWindow !== undefined ? { burstWindowMs: opts.burstWindow * 60_000 } : {}),
            ...(opts.burstFactor !== undefined ? { burstFactor: opts.burstFactor } : {}),
          }),
        );
        printResult(opts.json, result, printPatterns);
      }),
    );

  timeline
    .command('events')
    .description('The events of these accounts in a window, oldest first, as CSV (or JSON).')
    .argument('<accounts...>', 'account ids (space or comma separated)')
    .requiredOption('--from <time>', 'window start (ISO 8601 or epoch ms)', timeArg('--from'))
    .requiredOption('--to <time>', 'window end, exclusive', timeArg('--to'))
    .option('--type <type>', 'only this event type (repeatable)', collect)
    .option('--limit <n>', 'at most this many events (default 5000)', intArg('--limit', 1, 5000))
    .option('--json', 'print the page as JSON ({rows, total})')
    .action((accounts: string[], opts: WindowOptions & { from: number; to: number; limit?: number }, command: Command) =>
      withLocal(command, async (service) => {
        const page = unwrap(
          await service.call('timeline.events', { accounts: accountList(accounts), ...windowOf(opts), from: opts.from, to: opts.to, limit: opts.limit ?? 5000 }),
        );
        printResult(opts.json, page, (p) => printEvents(p.rows));
        if (page.total > page.rows.length) process.stderr.write(`${page.total - page.rows.length} more events in the window; narrow it or raise --limit.\n`);
      }),
    );
}
