/** `ringside rings` and `ringside path` through the built CLI (dist/), on a small seeded workspace. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

const CLI = path.resolve('bin/ringside.js');

function workspace(): string {
  const dir = path.join(tempDir('ringside-graph-cli-'), 'ws');
  const service = new LocalService(dir);
  const acc = service.db.prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?)');
  const ident = service.db.prepare('INSERT INTO identifiers (account_id, kind, value, first_seen) VALUES (?, ?, ?, ?)');
  for (const id of ['a', 'b', 'c', 'd']) acc.run(id, 1_000);
  ident.run('a', 'payment_instrument', 'pi_1', 10);
  ident.run('b', 'payment_instrument', 'pi_1', 20);
  ident.run('b', 'device', 'dev_1', 30);
  ident.run('c', 'device', 'dev_1', 40);
  service.close();
  return dir;
}

const cli = (ws: string, ...args: string[]) => spawnSync(process.execPath, [CLI, '--workspace', ws, ...args], { encoding: 'utf8' });

describe('graph CLI', () => {
  it('rings builds when needed and prints the table or JSON', () => {
    const ws = workspace();
    const text = cli(ws, 'rings');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Build #1: 4 accounts');
    expect(text.stdout).toMatch(/ring:a\s/);
    const json = cli(ws, 'rings', '--json', '--min-size', '3');
    const parsed = JSON.parse(json.stdout) as { build: { id: number }; rings: { id: string; size: number }[] };
    expect(parsed.build.id).toBe(1); // up to date: not rebuilt
    expect(parsed.rings).toMatchObject([{ id: 'ring:a', size: 3 }]);
    expect(cli(ws, 'rings', '--min-size', '1').status).toBe(2);
  });

  it('path prints each hop with its identifier and exits 1 when there is none', () => {
    const ws = workspace();
    const found = cli(ws, 'path', 'a', 'c');
    expect(found.status).toBe(0);
    expect(found.stdout).toContain('2-hop path from a to c:');
    expect(found.stdout).toContain('a -> b  via payment_instrument pi_1 (shared by 2)');
    const json = JSON.parse(cli(ws, 'path', 'c', 'a', '--json', '--time-ordered').stdout) as { found: boolean };
    expect(json.found).toBe(false); // dev_1 (t=40) then pi_1 (t=20) is not in time order
    const none = cli(ws, 'path', 'a', 'd');
    expect(none.status).toBe(1);
    expect(none.stdout).toContain('No link path from a to d');
    const unknown = cli(ws, 'path', 'a', 'zz');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND: Unknown account: zz');
  });
});
