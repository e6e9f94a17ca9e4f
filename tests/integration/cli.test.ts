/**
 * The `ringside` command as a user runs it (the built bin), for the foundation commands.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RINGSIDE_VERSION } from '../../shared/version.js';
import { sha256File, tempDir } from '../helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'bin', 'ringside.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, RINGSIDE_LOG_SLOW: '0' } });

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, sha256File(path.join(dir, f))]));
}

describe('ringside CLI', () => {
  it('prints its version and help', () => {
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(RINGSIDE_VERSION);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(RINGSIDE_VERSION);
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const command of ['demo', 'serve']) expect(help.stdout).toContain(command);
  });

  it('demo with the same seed writes byte-identical files; another seed differs', () => {
    const base = tempDir();
    const a = path.join(base, 'A');
    const b = path.join(base, 'B');
    const c = path.join(base, 'C');
    expect(run('demo', '--out', a, '--seed', '7', '--accounts', '300').status).toBe(0);
    expect(run('demo', '--out', b, '--seed', '7', '--accounts', '300').status).toBe(0);
    expect(run('demo', '--out', c, '--seed', '8', '--accounts', '300').status).toBe(0);
    const ha = hashes(a);
    expect(Object.keys(ha)).toEqual(
      expect.arrayContaining(['accounts.csv', 'identifiers.csv', 'events.csv', 'relations.csv', 'cases.csv', 'case_subjects.csv', 'decisions.csv', 'ground_truth.json']),
    );
    expect(hashes(b)).toEqual(ha);
    expect(hashes(c)['events.csv']).not.toBe(ha['events.csv']);
  });

  it('refuses bad arguments with exit code 2 and says which', () => {
    const bad = run('demo', '--out', tempDir(), '--accounts', 'lots');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--accounts must be a whole number');
    const missing = run('demo');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--out');
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
  });

  it('refuses a cache from a newer Ringside with a clear message and leaves it untouched', async () => {
    const ws = tempDir();
    const { openDatabase } = await import('../../electron/db/open.js');
    const { migrate } = await import('../../electron/db/migrate.js');
    const db = openDatabase(path.join(ws, 'cache.sqlite'));
    migrate(db);
    db.pragma('user_version = 999');
    db.close();
    const before = sha256File(path.join(ws, 'cache.sqlite'));
    const result = spawnSync(process.execPath, [CLI, '--workspace', ws, 'serve', '--no-demo'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SCHEMA_TOO_NEW');
    expect(result.stderr).toContain('newer Ringside');
    expect(sha256File(path.join(ws, 'cache.sqlite'))).toBe(before);
  });
});
