/** `ringside rules list|backtest|add-starters` through the built CLI (dist/), on a small labelled workspace. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

const CLI = path.resolve('bin/ringside.js');

function workspace(): string {
  const dir = path.join(tempDir('ringside-rules-cli-'), 'ws');
  const service = new LocalService(dir);
  const acc = service.db.prepare("INSERT INTO accounts (id, created_at, attrs) VALUES (?, 1000, '{}')");
  const ident = service.db.prepare('INSERT INTO identifiers (account_id, kind, value) VALUES (?, ?, ?)');
  const decide = service.db.prepare('INSERT INTO decisions (id, account_id, policy, sanction, decided_at) VALUES (?, ?, ?, ?, ?)');
  for (const id of ['a', 'b', 'c', 'd', 'e']) acc.run(id);
  // a, b, c share a device (score 3), d and e share another (score 2).
  for (const id of ['a', 'b', 'c']) ident.run(id, 'device', 'dev_1');
  for (const id of ['d', 'e']) ident.run(id, 'device', 'dev_2');
  decide.run('d1', 'a', 'multiple_accounts', 'offboarding', Date.parse('2026-02-01'));
  decide.run('d2', 'b', 'multiple_accounts', 'warning', Date.parse('2026-02-02'));
  decide.run('d3', 'd', 'multiple_accounts', 'no_action', Date.parse('2026-03-01'));
  service.close();
  return dir;
}

const cli = (ws: string, ...args: string[]) => spawnSync(process.execPath, [CLI, '--workspace', ws, ...args], { encoding: 'utf8' });

describe('rules CLI', () => {
  it('adds the starters, lists them, and backtests one as text and JSON', () => {
    const ws = workspace();
    expect(cli(ws, 'rules', 'list').stdout).toContain('No rules yet');
    const added = cli(ws, 'rules', 'add-starters');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('device-sharing');
    expect(cli(ws, 'rules', 'add-starters').stdout).toContain('already here');

    // Device sharing at its operating point (score >= 4) flags nobody here; at 2 it flags all five:
    // positives a, b (TP 2), negative d (FP 1), c and e unreviewed.
    const text = cli(ws, 'rules', 'backtest', 'device-sharing', '--threshold', '2');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/TP\s+2\s+FP\s+1/);
    expect(text.stdout).toContain('Precision 66.7%   Recall 100.0%');
    expect(text.stdout).toContain('Flagged 5: 2 unreviewed');
    const json = JSON.parse(cli(ws, 'rules', 'backtest', 'device-sharing', '--json', '--threshold', '3').stdout) as {
      metrics: { tp: number; fp: number; flagged: number };
      sweep: { threshold: number }[];
    };
    expect(json.metrics).toMatchObject({ tp: 2, fp: 0, flagged: 3 });
    expect(json.sweep.map((p) => p.threshold)).toEqual([2, 3]);

    const list = JSON.parse(cli(ws, 'rules', 'list', '--json').stdout) as { id: string; lastRun: { flagged: number } | null }[];
    expect(list.find((r) => r.id === 'device-sharing')?.lastRun?.flagged).toBe(3);
  });

  it('exits 1 for an unknown rule and 2 for bad usage', () => {
    const ws = workspace();
    const missing = cli(ws, 'rules', 'backtest', 'nope');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('There is no rule "nope"');
    expect(cli(ws, 'rules', 'backtest', 'x', '--threshold', 'high').status).toBe(2);
    expect(cli(ws, 'rules', 'backtest', 'x', '--scope', 'all').status).toBe(2);
    const half = cli(ws, 'rules', 'backtest', 'x', '--from', '2026-01-01');
    expect(half.status).toBe(2);
    expect(half.stderr).toContain('--from and --to go together');
  });
});
