/**
 * Evidence packets end to end through the service and the built CLI, on a real demo cache:
 * determinism (byte-identical re-export, PDF included), verification of intact and damaged
 * packets (altered, missing, extra; exit code 1), the external profile leaving no raw PII value
 * anywhere in the packet, the PDF having pages and the case id, and the audit entry.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import type { PacketExportResult } from '../../shared/contract/packets.js';
import { tempDir } from '../helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'bin', 'ringside.js');

let service: LocalService;
let caseId: string;
let subjects: string[];

async function exportCase(profile: 'internal' | 'external', fields?: string[]): Promise<PacketExportResult> {
  const outcome = await service.runJob('packets.export', {
    caseId,
    profile,
    ...(fields ? { fields: fields as never } : {}),
  });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

beforeAll(async () => {
  service = new LocalService(tempDir());
  const loaded = await service.runJob('demo.load', { accounts: 120, seed: 5 });
  expect(loaded.ok).toBe(true);
  // The demo case with the most subjects: a ring, so the packet has shared identifiers.
  const biggest = service.db
    .prepare('SELECT case_id FROM case_subjects GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT 1')
    .pluck()
    .get() as string;
  subjects = service.db
    .prepare('SELECT account_id FROM case_subjects WHERE case_id = ? ORDER BY account_id')
    .pluck()
    .all(biggest) as string[];
  const created = await service.call('cases.create', { title: 'Ring around shared payout', subjects, priority: 'P1' });
  if (!created.ok) throw new Error(created.error.message);
  caseId = created.value.id;
  const first = service.db
    .prepare('SELECT id, email, phone, display_name FROM accounts WHERE id = ?')
    .get(subjects[0]) as Record<string, string>;
  const ip = service.db
    .prepare("SELECT value FROM identifiers WHERE account_id = ? AND kind = 'ip' LIMIT 1")
    .pluck()
    .get(subjects[0]) as string;
  // PII quoted in free text and in evidence rows must be redacted too.
  await service.call('cases.addEvidence', {
    caseId,
    kind: 'query',
    title: 'Accounts on the shared IP',
    payload: {
      sql: 'SELECT id, email, ip FROM accounts WHERE ip = :ip',
      params: { ip },
      columns: ['id', 'email', 'ip'],
      rows: [
        [first['id'], first['email'], ip],
        [subjects[1], '=cmd|calc', ip],
      ],
      rowCount: 2,
      ranAt: 1_760_000_000_000,
    },
  });
  await service.call('cases.addEvidence', {
    caseId,
    kind: 'note',
    title: 'Call log',
    payload: { body: `Called ${first['display_name']} on ${first['phone']}` },
  });
  service.db
    .prepare('INSERT INTO notes (case_id, author, created_at, tz, body_md) VALUES (?, ?, ?, ?, ?)')
    .run(caseId, 'ana', 1_760_000_000_000, 'Europe/Paris', `Contacted ${first['email']}; they used ${ip}.`);
  service.db
    .prepare(
      "INSERT INTO decisions (id, case_id, account_id, policy, sanction, decided_at, rationale, decided_by, origin) VALUES ('dec_t1', ?, ?, 'multi-accounting', 'suspend', 1760000000000, ?, 'ana', 'ringside')",
    )
    .run(caseId, subjects[0], `Same person as ${first['display_name']} (${first['email']})`);
}, 120_000);

function unzip(file: string): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(new Uint8Array(fs.readFileSync(file)))));
}

describe('packet export', () => {
  it('is deterministic: two exports are byte-identical, PDF and PNGs included', async () => {
    const a = await exportCase('internal');
    const bytesA = fs.readFileSync(a.path);
    const b = await exportCase('internal');
    expect(b.path).toBe(a.path);
    expect(fs.readFileSync(b.path).equals(bytesA)).toBe(true);
    expect(b.sha256).toBe(a.sha256);
    const names = a.files.map((f) => f.path);
    for (const required of [
      'bagit.txt',
      'bag-info.txt',
      'manifest-sha256.txt',
      'tagmanifest-sha256.txt',
      'packet.json',
      'data/report.html',
      'data/report.pdf',
      'data/graph.svg',
      'data/graph.png',
      'data/timeline.svg',
      'data/timeline.png',
      'data/subjects.csv',
      'data/identifiers.csv',
      'data/events.csv',
      'data/evidence/01-query.csv',
    ]) {
      expect(names).toContain(required);
    }
    // Each export is an audit entry: who, when, profile, packet hash.
    const entries = service.db
      .prepare("SELECT actor, payload FROM audit_log WHERE action = 'packet.exported' AND entity_id = ?")
      .all(caseId) as { actor: string; payload: string }[];
    expect(entries.length).toBe(2);
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({ profile: 'internal', sha256: a.sha256, bytes: a.bytes });
  }, 120_000);

  it('writes a PDF with pages that carries the case id, and neutralised CSV formulas', async () => {
    const a = await exportCase('internal');
    const files = unzip(a.path);
    const root = `${caseId}-internal`;
    const pdf = Buffer.from(files.get(`${root}/data/report.pdf`)!).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
    expect(pdf).toContain(`(Evidence packet ${caseId})`);
    expect(pdf).not.toMatch(/\/CreationDate \(D:20/);
    const csv = new TextDecoder().decode(files.get(`${root}/data/evidence/01-query.csv`));
    expect(csv).toContain("'=cmd|calc");
    const html = new TextDecoder().decode(files.get(`${root}/data/report.html`));
    expect(html).toContain('Why these accounts are linked');
    expect(html).toContain('SELECT id, email, ip FROM accounts');
    expect(html).toContain('dec_t1');
  }, 120_000);

  it('the external profile leaves no raw PII value anywhere in the packet', async () => {
    const placeholders = subjects.map(() => '?').join(',');
    const originals = new Set<string>();
    for (const row of service.db
      .prepare(`SELECT email, phone, display_name FROM accounts WHERE id IN (${placeholders})`)
      .all(...subjects) as Record<string, string | null>[]) {
      for (const v of Object.values(row)) if (v) originals.add(v);
    }
    for (const v of service.db
      .prepare(
        `SELECT value FROM identifiers WHERE account_id IN (${placeholders}) AND kind IN ('ip','payment_instrument','bank_account','address','phone','email')`,
      )
      .pluck()
      .all(...subjects) as string[])
      originals.add(v);
    for (const v of service.db
      .prepare(`SELECT DISTINCT ip FROM events WHERE ip IS NOT NULL AND account_id IN (${placeholders})`)
      .pluck()
      .all(...subjects) as string[])
      originals.add(v);
    const scanned = [...originals].filter((v) => v.length >= 4);
    expect(scanned.length).toBeGreaterThan(20);

    const leaks = (files: Map<string, Uint8Array>) => {
      const texts: string[] = [];
      for (const [name, bytes] of files) {
        texts.push(`${name}\n${Buffer.from(bytes).toString('utf8')}`, Buffer.from(bytes).toString('latin1'));
        if (name.endsWith('.pdf')) texts.push(...pdfStreams(bytes));
      }
      const all = texts.join('\n');
      return scanned.filter((v) => all.includes(v));
    };
    // The scan does see raw values: the internal packet holds them all.
    expect(leaks(unzip((await exportCase('internal')).path)).length).toBe(scanned.length);
    const packet = await exportCase('external');
    const files = unzip(packet.path);
    expect(leaks(files)).toEqual([]);
    // Pseudonyms are consistent across files: the first subject's email pseudonym is in the CSV and the report.
    const root = `${caseId}-external`;
    const csv = new TextDecoder().decode(files.get(`${root}/data/subjects.csv`));
    expect(csv.split(/\r?\n/)[0]).toBe('account_id,role,display_name,email,phone,country,created_at,lifecycle_state,kyc_status,risk_score');
    const report = new TextDecoder().decode(files.get(`${root}/data/report.html`));
    expect(report).toMatch(/<th>Account<\/th><th>Role<\/th><th>Name<\/th>.*<th>KYC<\/th><th>Risk<\/th>/s);
    const pseudo = /email-[A-Z2-7]{10}/.exec(csv)?.[0];
    expect(pseudo).toBeDefined();
    expect(new TextDecoder().decode(files.get(`${root}/data/report.html`))).toContain(pseudo!);
    expect(new TextDecoder().decode(files.get(`${root}/data/notes.csv`))).toContain(pseudo!);
    // The key never leaves the workspace.
    const key = fs.readFileSync(path.join(service.workspace.configDir, 'redaction.key'));
    for (const bytes of files.values()) expect(Buffer.from(bytes).includes(key)).toBe(false);
  }, 120_000);

  it('preview shows per field how many values will be replaced, with examples', async () => {
    const preview = await service.call('packets.preview', { caseId, profile: 'external' });
    if (!preview.ok) throw new Error(preview.error.message);
    const email = preview.value.perField.find((f) => f.field === 'email');
    expect(email?.values).toBeGreaterThan(0);
    expect(email?.examples[0]?.pseudonym).toMatch(/^email-[A-Z2-7]{10}$/);
    const internal = await service.call('packets.preview', { caseId, profile: 'internal' });
    expect(internal.ok && internal.value.perField).toEqual([]);
    const missing = await service.call('packets.preview', { caseId: 'RS-99999', profile: 'external' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 60_000);

  it('verify (CLI) passes an intact packet and fails, naming them, an altered, a missing and an extra file', async () => {
    const packet = await exportCase('internal');
    const ok = spawnSync(process.execPath, [CLI, 'verify', packet.path], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('OK');
    const root = `${caseId}-internal`;
    const cases: [string, (files: Map<string, Uint8Array>) => void, string][] = [
      [
        'altered',
        (f) => f.set(`${root}/data/events.csv`, new TextEncoder().encode('id\r\nforged\r\n')),
        'ALTERED  data/events.csv',
      ],
      ['missing', (f) => f.delete(`${root}/data/report.pdf`), 'MISSING  data/report.pdf'],
      ['extra', (f) => f.set(`${root}/data/extra.txt`, new TextEncoder().encode('planted')), 'EXTRA    data/extra.txt'],
    ];
    for (const [label, damage, expected] of cases) {
      const files = unzip(packet.path);
      damage(files);
      const bad = path.join(tempDir(), `${label}.zip`);
      fs.writeFileSync(bad, zipSync(Object.fromEntries(files)));
      const run = spawnSync(process.execPath, [CLI, 'verify', bad], { encoding: 'utf8' });
      expect(run.status, label).toBe(1);
      expect(run.stdout).toContain(expected);
      const viaService = await service.call('packets.verify', { path: bad });
      expect(viaService.ok && viaService.value.ok).toBe(false);
    }
    const json = spawnSync(process.execPath, [CLI, 'verify', packet.path, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, packet: { caseId } });
  }, 120_000);

  it('CLI export writes the packet to --out and fails clearly for an unknown case', () => {
    const out = path.join(tempDir(), 'p.zip');
    const run = spawnSync(
      process.execPath,
      [CLI, '-w', service.workspace.dir, 'export', caseId, '--out', out, '--profile', 'external'],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    const missing = spawnSync(process.execPath, [CLI, '-w', service.workspace.dir, 'export', 'nope', '--out', out], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No case nope');
  }, 120_000);

  it("does not depend on the exporting machine's time zone", () => {
    const outs = ['America/New_York', 'Asia/Tokyo'].map((tz) => {
      const out = path.join(tempDir(), 'tz.zip');
      const run = spawnSync(process.execPath, [CLI, '-w', service.workspace.dir, 'export', caseId, '--out', out], {
        encoding: 'utf8',
        env: { ...process.env, TZ: tz },
      });
      expect(run.status, run.stderr).toBe(0);
      return fs.readFileSync(out);
    });
    expect(outs[0]!.equals(outs[1]!)).toBe(true);
  }, 120_000);

  it('lists exported packets and reads one back for download', async () => {
    const listed = await service.call('packets.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.packets.some((p) => p.caseId === caseId && p.profile === 'external')).toBe(true);
    const first = listed.value.packets[0]!;
    const read = await service.call('packets.read', { fileName: first.fileName });
    expect(read.ok && Buffer.from(read.value.base64, 'base64').length).toBe(first.bytes);
    expect(await service.call('packets.read', { fileName: '../cache.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

/** The decompressed content streams of a PDF, so text inside them is scanned too. */
function pdfStreams(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = buf.indexOf('stream\n', at);
    if (start < 0) break;
    const end = buf.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(buf.subarray(start + 7, end)).toString('latin1'));
    } catch {
      // not a Flate stream (images, fonts): nothing textual to scan
    }
    at = end + 9;
  }
  return out;
}
