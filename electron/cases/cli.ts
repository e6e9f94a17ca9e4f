/**
 * `ringside cases ...` and `ringside audit ...`: scripted and bulk case work without a window.
 *   cases list [--status S,..] [--assignee USER] [--search TEXT] [--json]
 *   cases show ID [--json]          the case workspace as text (or CaseDetail JSON)
 *   cases note ID TEXT              append a Markdown note (as the Settings identity)
 *   cases assign ID.. USER          assign one or more cases ('-' unassigns)
 *   cases move ID.. STATUS [--reason TEXT]
 *   audit verify [--json]           exit 1 and name the first bad entry when the chain is broken
 *   audit head                      print the chain head (seq and hash)
 * Exit codes: 0 success; 1 refused or broken (the message says why); 2 bad usage.
 */
import type { Command } from 'commander';
import type { CaseDetail, CaseSummary } from '../../shared/contract/cases.js';
import { CASE_STATUS_VALUES } from '../../shared/contract/cases.js';
import { openLocal, unwrap } from '../cli/output.js';
import { intArg } from '../cli/core.js';

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z'));

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return `${all.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n`;
}

export function listText(rows: readonly CaseSummary[], total: number): string {
  const body = table(
    ['ID', 'STATUS', 'PRI', 'SEV', 'POLICY', 'ASSIGNEE', 'SLA', 'DUE (UTC)', 'SUBJ', 'TITLE'],
    rows.map((c) => [c.id, c.status, c.priority, c.severity ?? '-', c.policy ?? '-', c.assignee ?? '-', c.slaState, iso(c.slaDueAt), String(c.subjects), c.title]),
  );
  return `${body}${rows.length} of ${total} case${total === 1 ? '' : 's'}\n`;
}

export function showText(c: CaseDetail): string {
  const lines = [
    `${c.id}  ${c.title}`,
    `Status ${c.status} · ${c.priority} · severity ${c.severity ?? '-'} · policy ${c.policy ?? '-'} · assignee ${c.assignee ?? 'unassigned'}`,
    `Opened ${iso(c.openedAt)} · SLA due ${iso(c.slaDueAt)} (${c.slaState}) · origin ${c.createdFrom ? `${c.createdFrom.kind}${c.createdFrom.ref ? ` ${c.createdFrom.ref}` : ''}` : c.origin}`,
  ];
  if (c.linkedRings.length) lines.push(`Linked rings: ${c.linkedRings.join(', ')}`);
  lines.push('', `Subjects (${c.subjectAccounts.length}):`);
  for (const s of c.subjectAccounts) lines.push(`  ${s.id}  ${s.displayName ?? ''}  ${s.lifecycleState}  prior sanctions ${s.priorSanctions}`);
  lines.push('', `Evidence (${c.evidence.length}):`);
  for (const e of c.evidence) lines.push(`  #${e.id} [${e.kind}] ${e.title}  sha256 ${e.sha256.slice(0, 16)}…  by ${e.createdBy}`);
  lines.push('', `Decisions (${c.decisions.length}):`);
  for (const d of c.decisions) lines.push(`  ${d.id} ${d.accountId} ${d.policy} ${d.tier ?? '-'} ${d.sanction} ${d.lifecycleFrom ?? '?'}→${d.lifecycleTo ?? '?'} ${d.status}${d.precedent ? ' precedent' : ''}${d.appealOutcome ? ` appeal:${d.appealOutcome}` : ''}`);
  lines.push('', `Appeals (${c.appeals.length}):`);
  for (const a of c.appeals) lines.push(`  #${a.id} on ${a.decisionId} ${a.status}${a.outcome ? ` ${a.outcome}` : ''} (opened by ${a.openedBy})`);
  lines.push('', `Notes (${c.notes.length}):`);
  for (const n of c.notes) lines.push(`  ${iso(n.createdAt)} ${n.author} (${n.tz}):`, ...n.bodyMd.split('\n').map((l) => `    ${l}`));
  lines.push('', `Activity (${c.activity.length}, newest first):`);
  for (const a of c.activity.slice(0, 50)) lines.push(`  #${a.seq} ${iso(a.at)} ${a.tz} ${a.actor}: ${a.action}`);
  return `${lines.join('\n')}\n`;
}

export function registerCasesCommands(program: Command): void {
  const cases = program.command('cases').description('Case queue: list, show, note, assign, move.');
  cases
    .command('list')
    .description('List cases, most urgent SLA first.')
    .option('--status <list>', `comma-separated statuses (${CASE_STATUS_VALUES.join(', ')})`)
    .option('--assignee <user>', "only cases assigned to USER ('' for unassigned)")
    .option('--search <text>', 'match case id or title')
    .option('--limit <n>', 'at most N cases', intArg('--limit', 1, 1000), 1000)
    .option('--json', 'print the page as JSON ({rows, total})')
    .action(async (opts: { status?: string; assignee?: string; search?: string; limit: number; json?: boolean }, command: Command) => {
      const service = openLocal(command);
      try {
        const statuses = opts.status?.split(',').map((s) => s.trim()).filter(Boolean) as (typeof CASE_STATUS_VALUES)[number][] | undefined;
        const page = unwrap(await service.call('cases.list', { statuses, assignee: opts.assignee, search: opts.search, limit: opts.limit }));
        process.stdout.write(opts.json ? `${JSON.stringify(page, null, 2)}\n` : listText(page.rows, page.total));
      } finally {
        service.close();
      }
    });
  cases
    .command('show')
    .description('Show one case: subjects, evidence, decisions, appeals, notes, activity.')
    .argument('<id>', 'case id')
    .option('--json', 'print the CaseDetail as JSON')
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const service = openLocal(command);
      try {
        const detail = unwrap(await service.call('cases.get', { caseId: id }));
        process.stdout.write(opts.json ? `${JSON.stringify(detail, null, 2)}\n` : showText(detail));
      } finally {
        service.close();
      }
    });
  cases
    .command('note')
    .description('Append a Markdown note to a case.')
    .argument('<id>', 'case id')
    .argument('<text...>', 'note text (Markdown)')
    .action(async (id: string, text: string[], _opts: unknown, command: Command) => {
      const service = openLocal(command);
      try {
        const note = unwrap(await service.call('cases.addNote', { caseId: id, bodyMd: text.join(' ') }));
        process.stdout.write(`Note #${note.id} added to ${id} by ${note.author}.\n`);
      } finally {
        service.close();
      }
    });
  cases
    .command('assign')
    .description("Assign cases to a person ('-' unassigns).")
    .argument('<ids-and-user...>', 'one or more case ids, then the assignee')
    .action(async (args: string[], _opts: unknown, command: Command) => {
      if (args.length < 2) throw new Error('Give at least one case id and the assignee: ringside cases assign ID [ID..] USER');
      const user = args[args.length - 1] as string;
      const service = openLocal(command);
      try {
        const rows = unwrap(await service.call('cases.assign', { caseIds: args.slice(0, -1), assignee: user === '-' ? null : user }));
        for (const c of rows) process.stdout.write(`${c.id} assigned to ${c.assignee ?? 'nobody'}\n`);
      } finally {
        service.close();
      }
    });
  cases
    .command('move')
    .description('Change the status of cases (only allowed transitions).')
    .argument('<ids-and-status...>', 'one or more case ids, then the new status')
    .option('--reason <text>', 'why (required to close)')
    .action(async (args: string[], opts: { reason?: string }, command: Command) => {
      const to = args[args.length - 1] as (typeof CASE_STATUS_VALUES)[number];
      if (args.length < 2 || !CASE_STATUS_VALUES.includes(to)) throw new Error(`Give case ids then one of: ${CASE_STATUS_VALUES.join(', ')}`);
      const service = openLocal(command);
      try {
        const rows = unwrap(await service.call('cases.transition', { caseIds: args.slice(0, -1), to, reason: opts.reason }));
        for (const c of rows) process.stdout.write(`${c.id} is now ${c.status}\n`);
      } finally {
        service.close();
      }
    });

  const audit = program.command('audit').description('The tamper-evident audit log.');
  audit
    .command('verify')
    .description('Recompute the whole hash chain; exit 1 and name the first bad entry if it is broken.')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const service = openLocal(command);
      try {
        const result = unwrap(await service.call('audit.verify', {}));
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok) process.stdout.write(`Audit chain intact: ${result.entries} entries, head #${result.head.seq} ${result.head.hash}\n`);
        else process.stdout.write(`Audit chain BROKEN at entry #${result.firstBad?.seq}: ${result.firstBad?.reason}\n(${result.entries} entries checked; entries after it cannot be trusted)\n`);
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        service.close();
      }
    });
  audit
    .command('head')
    .description('Print the chain head (newest sequence number and hash).')
    .action(async (_opts: unknown, command: Command) => {
      const service = openLocal(command);
      try {
        const head = unwrap(await service.call('audit.head', {}));
        process.stdout.write(`#${head.seq} ${head.hash}${head.at ? ` ${iso(head.at)} ${head.actor}` : ''}\n`);
      } finally {
        service.close();
      }
    });
}
