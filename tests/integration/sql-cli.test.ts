/**
 * `ringside query` as a user runs it (the compiled CLI in a separate process): table, CSV with
 * the formula guard, JSON, parameters, exit codes for refusals, SQL errors and timeouts.
 * Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'ringside.js');
let workspace: string;

beforeAll(async () => {
  workspace = tempDir();
  const service = new LocalService(workspace);
  const loaded = await service.runJob('demo.load', { accounts: 30, seed: 5 });
  service.close();
  expect(loaded.ok).toBe(true);
}, 120_000);

function query(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--workspace', workspace, 'query', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ringside query', () => {
  it('prints a table with the row count on stderr', () => {
    const r = query('SELECT id, country FROM accounts ORDER BY id LIMIT 2');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+country$/);
    expect(lines[1]).toMatch(/^-+\s+-+$/);
    expect(lines[2]).toMatch(/^acc_0000001\s/);
    expect(lines).toHaveLength(4);
    expect(r.stderr).toContain('(2 rows)');
  });

  it('writes CSV with formulas neutralised, and JSON, with parameters', () => {
    const csv = query(
      "SELECT id, '=cmd' AS f FROM accounts WHERE id = :id",
      '--param',
      'id=acc_0000003',
      '--format',
      'csv',
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe("id,f\r\nacc_0000003,'=cmd\r\n");
    const json = query('SELECT :n + 1 AS next, :s AS s', '-p', 'n=41', '-p', 's=007', '-f', 'json');
    expect(JSON.parse(json.stdout)).toEqual([{ next: 42, s: '007' }]);
  });

  it('exits 1 with the reason for refusals, SQL errors and timeouts', () => {
    const refused = query('DROP TABLE accounts');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SQL_REFUSED: DROP statements are refused');
    const bad = query('SELECT * FROM nowhere');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('SQL_ERROR: SQLite: no such table: nowhere');
    const slow = query('SELECT count(*) FROM events a, events b, events c', '--timeout', '1');
    expect(slow.code).toBe(1);
    expect(slow.stderr).toContain('TIMEOUT');
  });

  it('exits 2 on bad usage', () => {
    expect(query('SELECT 1', '--format', 'xml').code).toBe(2);
    expect(query('SELECT 1', '--param', 'novalue').code).toBe(2);
  });
});
