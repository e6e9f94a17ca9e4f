/**
 * `ringside export CASE_ID --out FILE [--profile internal|external|custom] [--fields a,b]` and
 * `ringside verify FILE [--json]`. Exit codes: 0 success / packet intact; 1 export failed or the
 * packet failed verification (altered, missing or extra files, bad bag); 2 bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { REDACTABLE_FIELDS, type RedactableField } from '../../shared/contract/packets.js';
import type { VerifyReport } from '../../shared/packets/verify.js';
import { formatDuration, openLocal, progressLine } from '../cli/output.js';
import { verifyFile } from './handlers.js';

function profileArg(value: string): 'internal' | 'external' | 'custom' {
  if (value === 'internal' || value === 'external' || value === 'custom') return value;
  throw new InvalidArgumentError('use internal, external or custom.');
}

function fieldsArg(value: string): RedactableField[] {
  const fields = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const bad = fields.filter((f) => !(REDACTABLE_FIELDS as readonly string[]).includes(f));
  if (bad.length)
    throw new InvalidArgumentError(`unknown field(s) ${bad.join(', ')}; known: ${REDACTABLE_FIELDS.join(', ')}.`);
  return fields as RedactableField[];
}

export function registerPacketCommands(program: Command): void {
  program
    .command('export')
    .description(
      'Export a case as an evidence packet (deterministic BagIt ZIP with report.html/pdf, CSVs, graph and timeline).',
    )
    .argument('<caseId>', 'the case id')
    .requiredOption('--out <file>', 'where to write the ZIP (a copy of the one kept in <workspace>/exports)')
    .option(
      '--profile <profile>',
      'redaction profile: internal (full), external (PII pseudonymised) or custom',
      profileArg,
      'internal',
    )
    .option(
      '--fields <list>',
      `fields to pseudonymise with --profile custom: ${REDACTABLE_FIELDS.join(',')}`,
      fieldsArg,
    )
    .action(
      async (
        caseId: string,
        opts: { out: string; profile: 'internal' | 'external' | 'custom'; fields?: RedactableField[] },
        command: Command,
      ) => {
        const service = openLocal(command);
        try {
          const report = progressLine('Exporting');
          const started = performance.now();
          const outcome = await service.runJob(
            'packets.export',
            { caseId, profile: opts.profile, ...(opts.fields ? { fields: opts.fields } : {}) },
            (p) => report(p.done, p.total, p.message),
          );
          if (process.stderr.isTTY) process.stderr.write('\n');
          if (!outcome.ok) {
            process.stderr.write(`ringside: ${outcome.error.code}: ${outcome.error.message}\n`);
            process.exitCode = outcome.error.code === 'CANCELLED' ? 130 : 1;
            return;
          }
          const out = path.resolve(opts.out);
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.copyFileSync(outcome.value.path, out);
          const v = outcome.value;
          process.stdout.write(
            `Exported case ${v.caseId} (${v.profile}) to ${out}\n  ${v.files.length} files, ${v.bytes.toLocaleString('en-US')} bytes, SHA-256 ${v.sha256}\n  in ${formatDuration(performance.now() - started)} (${Object.entries(
              v.stageMs,
            )
              .map(([k, ms]) => `${k} ${formatDuration(ms)}`)
              .join(', ')})\n`,
          );
        } finally {
          service.close();
        }
      },
    );
  program
    .command('verify')
    .description(
      'Verify an evidence packet: every BagIt hash; reports missing, extra and altered files. Exit 1 on any failure.',
    )
    .argument('<file>', 'the packet ZIP')
    .option('--json', 'print the verification report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const report = await verifyFile(path.resolve(file));
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : verifyText(file, report));
      process.exitCode = report.ok ? 0 : 1;
    });
}

export function verifyText(file: string, r: VerifyReport): string {
  const lines = [`${r.ok ? 'OK' : 'FAILED'}: ${file}${r.bagName ? ` (bag ${r.bagName})` : ''}`];
  if (r.packet)
    lines.push(
      `  case ${r.packet.caseId ?? '?'}, profile ${r.packet.profile ?? '?'}, as of ${r.packet.asOf ?? '?'}, exported by ${r.packet.exporter ?? '?'} with ${r.packet.toolVersion ?? '?'}`,
    );
  lines.push(`  ${r.counts.ok} ok, ${r.counts.altered} altered, ${r.counts.missing} missing, ${r.counts.extra} extra`);
  for (const f of r.files) if (f.status !== 'ok') lines.push(`  ${f.status.toUpperCase().padEnd(8)} ${f.path}`);
  for (const p of r.problems) lines.push(`  PROBLEM  ${p}`);
  return `${lines.join('\n')}\n`;
}
