/**
 * `ringside query "SQL" [--param k=v]... [--format table|csv|json] [--timeout S]`: the scratchpad
 * from a terminal, under the same rules (one read-only statement, checked, in a killable runner
 * process). Rows stream page by page to stdout, so a large result never has to fit in memory.
 * Exit codes: 0 rows printed; 1 refused, SQL error, timeout or cancelled (message on stderr);
 * 2 bad usage. Ctrl+C kills the running statement.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { SqlColumn, SqlValue } from '../../shared/contract/sql.js';
import { intArg } from '../cli/core.js';
import { unwrap, workspaceOf } from '../cli/output.js';
import { LocalService } from '../service/localService.js';
import { csvLine, jsonRow, uniqueNames } from './exportFormat.js';

interface QueryCommandOptions {
  readonly param: Record<string, string>;
  readonly format: 'table' | 'csv' | 'json';
  readonly timeout: number;
}

const PAGE = 1000;
/** Table output keeps this many rows to size its columns, then prints them and streams the rest. */
const TABLE_SAMPLE = 200;

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  const name = value.slice(0, eq).replace(/^[:@$]/, '');
  if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new InvalidArgumentError(`"${value}" is not NAME=VALUE.`);
  return { ...previous, [name]: value.slice(eq + 1) };
}

function formatArg(value: string): QueryCommandOptions['format'] {
  if (value !== 'table' && value !== 'csv' && value !== 'json')
    throw new InvalidArgumentError('--format must be table, csv or json.');
  return value;
}

export function registerQueryCommands(program: Command): void {
  program
    .command('query')
    .description('Run one read-only SQL statement (SELECT / WITH / VALUES) on the cache and print the rows.')
    .argument('<sql>', 'the statement; named parameters (:name) are filled with --param')
    .option('-p, --param <name=value>', 'a parameter value (repeatable)', collectParam, {})
    .option('-f, --format <format>', 'table, csv or json', formatArg, 'table')
    .option(
      '--timeout <seconds>',
      'stop the query after this many seconds (default 30)',
      intArg('--timeout', 1, 86_400),
      30,
    )
    .action(async (sql: string, opts: QueryCommandOptions, command: Command) => {
      const service = new LocalService(workspaceOf(command));
      let queryId: string | null = null;
      const onSigint = () => {
        process.stderr.write('\nCancelling...\n');
        if (queryId) void service.call('sql.cancel', { queryId });
        else service.query.close();
      };
      process.once('SIGINT', onSigint);
      try {
        const timeoutMs = opts.timeout * 1000;
        const run = unwrap(await service.call('sql.run', { sql, params: opts.param, timeoutMs, pageSize: PAGE }));
        queryId = run.queryId;
        const out = createPrinter(opts.format, run.columns);
        out.rows(run.firstPage);
        let offset = run.firstPage.length;
        let done = run.done;
        while (!done) {
          const page = unwrap(await service.call('sql.page', { queryId: run.queryId, offset, limit: PAGE, timeoutMs }));
          out.rows(page.rows);
          offset += page.rows.length;
          done = page.done || page.rows.length === 0;
        }
        out.end(offset);
      } finally {
        process.off('SIGINT', onSigint);
        service.close();
      }
    });
}

interface Printer {
  rows(rows: readonly (readonly SqlValue[])[]): void;
  end(total: number): void;
}

function createPrinter(format: QueryCommandOptions['format'], columns: readonly SqlColumn[]): Printer {
  const names = columns.map((c) => c.name);
  const write = (text: string) => process.stdout.write(text);
  if (format === 'csv') {
    write(csvLine(names));
    return { rows: (rows) => write(rows.map(csvLine).join('')), end: () => undefined };
  }
  if (format === 'json') {
    const keys = uniqueNames(names);
    let count = 0;
    write('[');
    return {
      rows: (rows) => {
        for (const row of rows) write(`${count++ > 0 ? ',' : ''}\n${jsonRow(keys, row)}`);
      },
      end: () => write(`${count > 0 ? '\n' : ''}]\n`),
    };
  }
  const sample: (readonly SqlValue[])[] = [];
  let widths: number[] | null = null;
  const cell = (v: SqlValue) => (v === null ? 'NULL' : String(v).replace(/\s+/g, ' '));
  const line = (values: readonly string[], w: number[]) =>
    `${values
      .map((v, i) => (v.length > (w[i] ?? 0) ? `${v.slice(0, Math.max(1, (w[i] ?? 1) - 1))}…` : v.padEnd(w[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  const flush = () => {
    widths = names.map((n, i) => Math.min(60, Math.max(n.length, ...sample.map((r) => cell(r[i] ?? null).length))));
    write(line(names, widths));
    write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
    for (const row of sample.splice(0)) write(line(row.map(cell), widths));
  };
  return {
    rows: (rows) => {
      if (widths) {
        for (const row of rows) write(line(row.map(cell), widths));
        return;
      }
      sample.push(...rows);
      if (sample.length >= TABLE_SAMPLE) flush();
    },
    end: (total) => {
      if (!widths) flush();
      process.stderr.write(`(${total.toLocaleString('en-US')} row${total === 1 ? '' : 's'})\n`);
    },
  };
}
