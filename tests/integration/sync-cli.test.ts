/**
 * The sync engine as a separate process: `ringside sync` (exit codes, table, --json) and a
 * SIGKILL in the middle of a file's transaction. Both run the compiled dist/ (built here when it
 * is missing or older than the sync sources).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open.js';
import { ACCOUNTS_HEADER, EVENTS_HEADER, closeWorkspaces, tempDir, write } from '../fixtures/sync/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'ringside.js');
const child = path.join(root, 'tests', 'fixtures', 'sync', 'sync-child.mjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const built = path.join(root, 'dist', 'electron', 'sync', 'engine.js');
  const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < newestMtime(path.join(root, 'electron', 'sync'));
  if (stale) {
    // tsc emits even when files outside sync have type errors; what matters is that dist exists.
    spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      { cwd: root },
    );
  }
  expect(fs.existsSync(built)).toBe(true);
}, 180_000);

afterEach(closeWorkspaces);

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, RINGSIDE_LOG_SLOW: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function events(n: number): string {
  let out = `${EVENTS_HEADER}\n`;
  for (let i = 0; i < n; i++)
    out += `ev_${i},acc_${i % 100},${new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()},login,10.0.${i % 200}.1,dev_${i % 300},\n`;
  return out;
}

describe('ringside sync (CLI)', () => {
  it('prints the table, then --json, and exits 0; exits 1 when a file fails or the source is missing', () => {
    const dir = tempDir('ringside-cli-');
    const src = path.join(dir, 'extract');
    const ws = path.join(dir, 'ws');
    write(
      src,
      'accounts.csv',
      `${ACCOUNTS_HEADER}\na1,2026-01-01T00:00:00Z,Ann,,,,active,\na2,bad-time,Bo,,,,active,\n`,
    );
    write(src, 'ground_truth.json', '{}');
    const first = cli(['--workspace', ws, 'sync', src]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Sync run #1 of extract: succeeded in /);
    expect(first.stdout).toMatch(/FILE\s+ENTITY\s+STATUS\s+INSERTED\s+UPDATED\s+DELETED\s+QUARANTINED/);
    expect(first.stdout).toMatch(/accounts\.csv\s+accounts\s+applied\s+1\s+0\s+0\s+1/);
    expect(first.stdout).toContain('Ignored (not an entity file): ground_truth.json');
    expect(first.stdout).toContain('1 rows could not be read and are in quarantine');

    const again = cli(['--workspace', ws, 'sync', '1', '--json']);
    expect(again.status).toBe(0);
    const summary = JSON.parse(again.stdout) as {
      id: number;
      status: string;
      files: { status: string }[];
      ignored: string[];
    };
    expect(summary).toMatchObject({
      id: 2,
      status: 'succeeded',
      files: [{ status: 'skipped' }],
      ignored: ['ground_truth.json'],
    });

    write(src, 'events.csv.gz', 'not gzip');
    const failed = cli(['--workspace', ws, 'sync', src]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('! events.csv.gz: it is named .gz but is not gzip data');

    const missing = cli(['--workspace', ws, 'sync', path.join(dir, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`NOT_FOUND: Folder ${path.join(dir, 'nope')} does not exist`);
  });

  it('leaves a cache that passes integrity_check and holds nothing of the file being loaded when killed mid-import', async () => {
    const dir = tempDir('ringside-kill-');
    const src = path.join(dir, 'extract');
    const ws = path.join(dir, 'ws');
    write(src, 'accounts.csv', `${ACCOUNTS_HEADER}\na1,2026-01-01T00:00:00Z,Ann,,,,active,\n`);
    write(src, 'events.csv', events(400_000));
    const proc = spawn(process.execPath, [child, ws, src], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const killedAt = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const mid = out
          .split('\n')
          .find(
            (line) => /^progress (\d+) events\.csv: [\d,]+ rows$/.test(line) && Number(line.split(' ')[1]) >= 20_000,
          );
        if (mid) {
          proc.kill('SIGKILL');
          resolve(mid);
        }
        if (out.includes('done ')) reject(new Error(`the import finished before it could be killed: ${out}`));
      });
      proc.on('exit', () => resolve(''));
    });
    await new Promise((resolve) =>
      proc.exitCode !== null || proc.signalCode !== null ? resolve(null) : proc.on('exit', resolve),
    );
    expect(killedAt).toMatch(/events\.csv/);
    expect(proc.signalCode).toBe('SIGKILL');

    const db = openDatabase(path.join(ws, 'cache.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM identifiers').get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT path FROM sync_files WHERE status = 'applied'").all()).toEqual([
        { path: 'accounts.csv' },
      ]);
      expect(db.prepare('SELECT status FROM sync_runs').get()).toEqual({ status: 'running' });
    } finally {
      db.close();
    }
    // The next run reports the interrupted one and loads the file whole.
    const next = cli(['--workspace', ws, 'sync', src, '--json']);
    expect(next.status).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ status: 'succeeded', rowsInserted: 400_000 });
    const check = openDatabase(path.join(ws, 'cache.sqlite'), { readonly: true });
    try {
      expect(check.prepare('SELECT status, error FROM sync_runs WHERE id = 1').get()).toEqual({
        status: 'failed',
        error: expect.stringContaining('Interrupted'),
      });
    } finally {
      check.close();
    }
  }, 120_000);
});
