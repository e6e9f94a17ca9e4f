/**
 * Tamper detection as an attacker would try it: with the sqlite3 CLI, drop the append-only
 * trigger and edit, delete or reorder an audit row; `ringside audit verify` must exit 1 and name
 * the first bad entry. Also the `cases` commands. Runs the compiled dist/ (built when stale).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

const root = path.resolve('.');
const bin = path.join(root, 'bin', 'ringside.js');

beforeAll(() => {
  const built = path.join(root, 'dist', 'electron', 'cases', 'cli.js');
  const source = path.join(root, 'electron', 'cases', 'cli.ts');
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs) {
    spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root });
  }
  expect(fs.existsSync(built)).toBe(true);
}, 180_000);

function cli(ws: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--workspace', ws, ...args], { encoding: 'utf8', cwd: root });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function sqlite(file: string, sql: string): void {
  const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
}

/** A workspace with a few audited changes (cases, notes, assignment). */
async function workspace(): Promise<{ ws: string; caseId: string }> {
  const ws = tempDir();
  const service = new LocalService(ws);
  try {
    const loaded = await service.runJob('demo.load', { accounts: 40, seed: 5 });
    expect(loaded.ok).toBe(true);
    const account = service.db.prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as string;
    const created = await service.call('cases.create', { title: 'CLI case', subjects: [account] });
    if (!created.ok) throw new Error(created.error.message);
    for (const bodyMd of ['first', 'second', 'third']) expect((await service.call('cases.addNote', { caseId: created.value.id, bodyMd })).ok).toBe(true);
    return { ws, caseId: created.value.id };
  } finally {
    service.close();
  }
}

describe('ringside cases / audit (CLI)', () => {
  it('lists, shows, notes and assigns; --json parses', async () => {
    const { ws, caseId } = await workspace();
    const note = cli(ws, ['cases', 'note', caseId, 'Linked', 'by', '**device**']);
    expect(note.status).toBe(0);
    expect(cli(ws, ['cases', 'assign', caseId, 'dana']).stdout).toContain(`${caseId} assigned to dana`);
    const list = cli(ws, ['cases', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${caseId}\\s+new\\s+P3`));
    const json = JSON.parse(cli(ws, ['cases', 'list', '--json', '--assignee', 'dana']).stdout) as { rows: { id: string }[] };
    expect(json.rows.map((r) => r.id)).toEqual([caseId]);
    const show = cli(ws, ['cases', 'show', caseId]);
    expect(show.stdout).toContain('Linked by **device**');
    expect(show.stdout).toContain('case.assigned');
    expect((JSON.parse(cli(ws, ['cases', 'show', caseId, '--json']).stdout) as { notes: unknown[] }).notes).toHaveLength(4);
    const missing = cli(ws, ['cases', 'show', 'RS-99999']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No case RS-99999');
    const badMove = cli(ws, ['cases', 'move', caseId, 'decided']);
    expect(badMove.status).toBe(1);
    expect(badMove.stderr).toContain('cannot move from new to decided');
  }, 60_000);

  it('audit verify passes, then fails naming an edited row', async () => {
    const { ws } = await workspace();
    const ok = cli(ws, ['audit', 'verify']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Audit chain intact');
    const file = path.join(ws, 'cache.sqlite');
    sqlite(file, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 2;");
    const bad = cli(ws, ['audit', 'verify']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('BROKEN at entry #2');
    expect(bad.stdout).toContain('was edited');
  }, 60_000);

  it('names a deleted row and a reordered pair', async () => {
    const { ws } = await workspace();
    const file = path.join(ws, 'cache.sqlite');
    sqlite(file, 'SELECT count(*) FROM audit_log;');
    sqlite(file, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 1;');
    const deleted = JSON.parse(cli(ws, ['audit', 'verify', '--json']).stdout) as { ok: boolean; firstBad: { seq: number; reason: string } };
    expect(deleted.ok).toBe(false);
    expect(deleted.firstBad.seq).toBe(2);
    expect(deleted.firstBad.reason).toContain('entry 1 deleted');

    const second = await workspace();
    const file2 = path.join(second.ws, 'cache.sqlite');
    // Swap the content of entries 1 and 2 (keeping seq): each row's prev_hash no longer chains.
    sqlite(file2, `DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET seq = -1 WHERE seq = 1; UPDATE audit_log SET seq = 1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = -1;`);
    const reordered = cli(second.ws, ['audit', 'verify']);
    expect(reordered.status).toBe(1);
    expect(reordered.stdout).toContain('BROKEN at entry #1');
  }, 90_000);
});
