/**
 * `ringside timeline patterns|events` as a separate process on the compiled dist/ (npm test
 * builds first): the injected lockstep is printed, the near-miss is not; events come out as CSV;
 * an unknown account exits 1 naming it; a bad time exits 2.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'ringside.js');
const T0 = Date.UTC(2025, 4, 2, 9, 0, 0);
let workspace: string;

function cli(...args: string[]) {
  return spawnSync(process.execPath, [bin, '--workspace', workspace, ...args], { encoding: 'utf8' });
}

beforeAll(() => {
  workspace = tempDir();
  const service = new LocalService(workspace);
  const account = service.db.prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?)');
  const event = service.db.prepare('INSERT INTO events (id, account_id, occurred_at, type) VALUES (?, ?, ?, ?)');
  for (const id of ['r1', 'r2', 'r3', 'x1']) account.run(id, T0 - 86_400_000);
  event.run('e1', 'r1', T0, 'payout_method_change');
  event.run('e2', 'r2', T0 + 10_000, 'payout_method_change');
  event.run('e3', 'r3', T0 + 29_000, 'payout_method_change');
  // Near-miss: same type 61 s after the previous group's last event, one account only.
  event.run('e4', 'x1', T0 + 29_000 + 61_000 + 61_000, 'payout_method_change');
  service.close();
});

describe('ringside timeline', () => {
  it('prints the injected lockstep group and not the near-miss', () => {
    const run = cli('timeline', 'patterns', 'r1,r2', 'r3', 'x1');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Lockstep (same type from >= 2 accounts within 60 s): 1');
    expect(run.stdout).toMatch(/2025-05-02T09:00:00Z\s+\+\s+29 s\s+payout_method_change\s+3 accounts: r1, r2, r3/);
    expect(run.stdout).not.toContain('x1');
    const json = JSON.parse(cli('timeline', 'patterns', 'r1', 'r2', 'r3', 'x1', '--json', '--delta', '200').stdout) as { lockstep: { accounts: string[] }[] };
    expect(json.lockstep[0]!.accounts).toEqual(['r1', 'r2', 'r3', 'x1']);
  });

  it('lists events as CSV in a window', () => {
    const run = cli('timeline', 'events', 'r1', 'r2', 'r3', '--from', '2025-05-02T09:00:00Z', '--to', String(T0 + 20_000));
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'occurred_at,account_id,type,ip,device,amount,id,attrs',
      '2025-05-02T09:00:00Z,r1,payout_method_change,,,,e1,{}',
      '2025-05-02T09:00:10Z,r2,payout_method_change,,,,e2,{}',
    ]);
  });

  it('exits 1 naming an unknown account, and 2 on a bad time', () => {
    const unknown = cli('timeline', 'patterns', 'r1', 'ghost');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown account: ghost');
    const bad = cli('timeline', 'events', 'r1', '--from', 'yesterday', '--to', '1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from must be an ISO 8601 time');
  });
});
