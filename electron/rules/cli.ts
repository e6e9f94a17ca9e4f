/**
 * `ringside rules list [--json]`, `ringside rules backtest RULE [--version N] [--threshold X]
 * [--from T] [--to T] [--scope policy|any] [--json] [--timeout S]` and `ringside rules
 * add-starters`. A backtest runs in the same killable read-only runner as the Rules screen and is
 * recorded in the rule's run history. Exit codes: 0 success; 1 failure (unknown rule, SQL error,
 * timeout); 2 bad usage; 130 cancelled (Ctrl+C kills the running rule).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { BacktestResult, Metrics, RuleListItem } from '../../shared/contract/rules.js';
import { intArg, timeArg } from '../cli/core.js';
import { openLocal, printResult, unwrap, withLocal } from '../cli/output.js';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const int = (n: number) => n.toLocaleString('en-US');

function thresholdArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`--threshold must be a number; got "${value}".`);
  return n;
}

function scopeArg(value: string): 'policy' | 'any' {
  if (value !== 'policy' && value !== 'any') throw new InvalidArgumentError('--scope must be policy or any.');
  return value;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`;
  return line(headers) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

function listText(rules: readonly RuleListItem[]): string {
  if (rules.length === 0) return 'No rules yet. Add the starter rules with `ringside rules add-starters`, or write one in the Rules screen.\n';
  return table(
    ['RULE', 'VER', 'NAME', 'POLICY', 'THRESHOLD', 'PRECISION', 'RECALL', 'FLAGGED', 'LAST BACKTEST'],
    rules.map((r) => [
      r.id,
      String(r.version),
      r.name,
      r.policy ?? '—',
      r.threshold === null ? '—' : String(r.threshold),
      pct(r.lastRun?.precision ?? null),
      pct(r.lastRun?.recall ?? null),
      r.lastRun?.flagged === null || r.lastRun === null ? '—' : int(r.lastRun.flagged),
      r.lastRun ? `${new Date(r.lastRun.startedAt).toISOString().slice(0, 16).replace('T', ' ')} (v${r.lastRun.version})` : 'never',
    ]),
  );
}

function matrixText(m: Metrics): string {
  return (
    `                 labelled bad   labelled good\n` +
    `  flagged        TP ${int(m.tp).padStart(9)}   FP ${int(m.fp).padStart(10)}\n` +
    `  not flagged    FN ${int(m.fn).padStart(9)}   TN ${int(m.tn).padStart(10)}\n`
  );
}

export function backtestText(r: BacktestResult): string {
  const m = r.metrics;
  const head = r.rule ? `${r.rule.id} v${r.rule.version} (${r.rule.name})` : 'draft rule';
  const window = r.window
    ? `${new Date(r.window.from).toISOString().slice(0, 10)} to ${new Date(r.window.to).toISOString().slice(0, 10)}`
    : 'all history';
  const lines = [
    `Backtest of ${head}: labels ${r.labelScope === 'any' || r.policy === null ? 'for any policy' : `for policy ${r.policy}`}, ${window}`,
    `Labels: ${int(r.labels.positive)} positive, ${int(r.labels.negative)} negative (cleared or overturned), ${int(r.labels.other)} other-policy`,
    `Operating point: ${r.threshold === null ? 'every returned account' : `score >= ${r.threshold}`}`,
    '',
    matrixText(m),
    `Precision ${pct(m.precision)}   Recall ${pct(m.recall)}   F1 ${m.f1 === null ? '—' : m.f1.toFixed(3)}`,
    `Flagged ${int(m.flagged)}: ${int(m.unreviewed)} unreviewed, ${int(m.otherPolicy)} sanctioned under other policies; ` +
      `${int(m.goodStanding)} in good standing (friction)`,
  ];
  if (r.unknownAccounts > 0) lines.push(`Warning: ${int(r.unknownAccounts)} flagged ids are not accounts in the cache.`);
  if (r.sweep.length > 1) {
    lines.push('', 'Threshold sweep (score >= t):');
    const step = Math.max(1, Math.ceil(r.sweep.length / 12));
    const shown = r.sweep.filter((_, i) => i % step === 0 || i === r.sweep.length - 1);
    lines.push(
      table(
        ['T', 'FLAGGED', 'TP', 'FP', 'PRECISION', 'RECALL', 'GOOD STANDING'],
        shown.map((p) => [String(p.threshold), int(p.flagged), int(p.tp), int(p.fp), pct(p.precision), pct(p.recall), int(p.goodStanding)]),
      ).trimEnd(),
    );
  }
  lines.push('', `${int(r.rows)} rule rows in ${r.elapsedMs} ms${r.runId !== null ? `; recorded as run #${r.runId}` : ''}.`);
  return `${lines.join('\n')}\n`;
}

interface BacktestOptions {
  readonly version?: number;
  readonly threshold?: number;
  readonly from?: number;
  readonly to?: number;
  readonly scope: 'policy' | 'any';
  readonly json?: boolean;
  readonly timeout: number;
}

export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('Detection rules: list them and backtest them against past decisions.');
  rules
    .command('list')
    .description('Every rule (latest version) with its latest backtest.')
    .option('--json', 'print the rules as JSON')
    .action((opts: { json?: boolean }, command: Command) =>
      withLocal(command, async (service) => printResult(opts.json, unwrap(await service.call('rules.list', {})), listText)),
    );
  rules
    .command('backtest')
    .description('Measure a rule against labels: confusion matrix, precision, recall, F1, threshold sweep, friction.')
    .argument('<rule>', 'rule id (see `ringside rules list`)')
    .option('--version <n>', 'a past version (default: the latest)', intArg('--version', 1, 1_000_000))
    .option('--threshold <x>', "operating point on the score column (default: the version's)", thresholdArg)
    .option('--from <time>', 'labels decided from this time (ISO 8601 or epoch ms)', timeArg('--from'))
    .option('--to <time>', 'labels decided before this time', timeArg('--to'))
    .option('--scope <scope>', "policy: labels under the rule's policy; any: any policy", scopeArg, 'policy')
    .option('--json', 'print the full result as JSON')
    .option('--timeout <seconds>', 'stop the rule after this many seconds', intArg('--timeout', 1, 86_400), 300)
    .action(async (ruleId: string, opts: BacktestOptions, command: Command) => {
      if ((opts.from === undefined) !== (opts.to === undefined) || (opts.from !== undefined && opts.to !== undefined && opts.to <= opts.from)) {
        command.error('ringside: --from and --to go together, and --to must be after --from.', { exitCode: 2 });
      }
      const service = openLocal(command);
      const onSigint = () => {
        process.stderr.write('\nCancelling...\n');
        service.query.close();
      };
      process.once('SIGINT', onSigint);
      try {
        const outcome = await service.call('rules.backtest', {
          ruleId,
          labelScope: opts.scope,
          timeoutMs: opts.timeout * 1000,
          ...(opts.version !== undefined ? { version: opts.version } : {}),
          ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
          ...(opts.from !== undefined && opts.to !== undefined ? { window: { from: opts.from, to: opts.to } } : {}),
        });
        if (!outcome.ok && (outcome.error.code === 'CANCELLED' || outcome.error.code === 'UNAVAILABLE')) {
          process.stderr.write('ringside: cancelled\n');
          process.exitCode = 130;
          return;
        }
        const result = unwrap(outcome);
        printResult(opts.json, result, backtestText);
      } finally {
        process.off('SIGINT', onSigint);
        service.close();
      }
    });
  rules
    .command('add-starters')
    .description('Add the starter rules (device sharing, payout sharing, takeover sequence) that this workspace does not have yet.')
    .action((_opts: unknown, command: Command) =>
      withLocal(command, async (service) => {
        const { installed } = unwrap(await service.call('rules.installStarters', {}));
        process.stdout.write(installed.length > 0 ? `Added ${installed.join(', ')}.\n` : 'The starter rules are already here.\n');
      }),
    );
}
