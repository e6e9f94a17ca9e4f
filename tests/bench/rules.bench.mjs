// Rules lab: the starter rules backtested on a large demo, against the sqlite3 CLI running the
// same rule SQL on the same file in the same run.
//  - backtestMs: rules.backtest through LocalService (the CLI's path): the rule in the query
//    runner child process + labels from every decision + known-fraud flags + per-account facts +
//    matrix, sweep, friction and samples. Median of RINGSIDE_BENCH_RULES_REPEAT (default 3).
//  - sqlite3Ms: `SELECT count(*) FROM (<rule>)` in the sqlite3 CLI (process start included):
//    what the rule alone costs. The ratio backtest/sqlite3 is the price of measuring it.
// Also reports each rule's precision / recall / flagged at its operating point.
// The workspace: RINGSIDE_BENCH_RULES_WORKSPACE (already synced), else `demo --accounts N
// --events-per-account 10` (N = RINGSIDE_BENCH_RULES_ACCOUNTS, default 200,000) + sync.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { benchWorkspace, median, sqlite3 } from './serve.lib.mjs';

const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function workspace(root, tmp, log) {
  const accounts = Number(process.env.RINGSIDE_BENCH_RULES_ACCOUNTS ?? 200_000);
  const ws = path.join(tmp, 'rules-ws');
  const demo = path.join(tmp, 'rules-demo');
  if (!process.env.RINGSIDE_BENCH_RULES_WORKSPACE) log(`generating ${accounts.toLocaleString('en-US')} accounts x 10 events and syncing them`);
  return benchWorkspace(root, {
    envVar: 'RINGSIDE_BENCH_RULES_WORKSPACE',
    dir: ws,
    steps: [
      ['demo', '--out', demo, '--accounts', String(accounts), '--events-per-account', '10'],
      ['-w', ws, 'sync', demo],
      ['-w', ws, 'rules', 'add-starters'],
    ],
  });
}

export async function run({ root, tmp, log }) {
  const ws = workspace(root, tmp, log);
  const cacheFile = path.join(ws, 'cache.sqlite');
  const { LocalService } = await import(pathToFileURL(path.join(root, 'dist', 'electron', 'service', 'localService.js')).href);
  const service = new LocalService(ws);
  const repeat = Number(process.env.RINGSIDE_BENCH_RULES_REPEAT ?? 3);
  const figures = {
    accounts: service.db.prepare('SELECT count(*) FROM accounts').pluck().get(),
    events: service.db.prepare('SELECT count(*) FROM events').pluck().get(),
    decisions: service.db.prepare('SELECT count(*) FROM decisions').pluck().get(),
    rules: {},
  };
  try {
    const list = await service.call('rules.list', {});
    if (!list.ok) throw new Error(list.error.message);
    for (const rule of list.value) {
      const peerSql = `SELECT count(*) FROM (${rule.sql.replace(/:from/g, '0').replace(/:to/g, '253402300799999').replace(/:now/g, String(Date.now()))})`;
      // One untimed pass each so both read from the page cache.
      sqlite3(cacheFile, peerSql);
      await service.call('rules.backtest', { ruleId: rule.id });
      const ours = [];
      const peer = [];
      let last = null;
      for (let i = 0; i < repeat; i++) {
        const t0 = performance.now();
        const r = await service.call('rules.backtest', { ruleId: rule.id });
        ours.push(performance.now() - t0);
        if (!r.ok) throw new Error(`${rule.id}: ${r.error.message}`);
        last = r.value;
        peer.push(sqlite3(cacheFile, peerSql).ms);
      }
      const m = last.metrics;
      figures.rules[rule.id] = {
        rows: last.rows,
        backtestMs: round(median(ours)),
        sqlite3Ms: round(median(peer)),
        ratio: round(median(ours) / median(peer), 2),
        threshold: last.threshold,
        precision: m.precision === null ? null : round(m.precision, 3),
        recall: m.recall === null ? null : round(m.recall, 3),
        flagged: m.flagged,
        goodStanding: m.goodStanding,
        sweepPoints: last.sweep.length,
      };
      log(`${rule.id}: ${JSON.stringify(figures.rules[rule.id])}`);
    }
  } finally {
    service.close();
  }
  if (!process.env.RINGSIDE_BENCH_RULES_WORKSPACE) fs.rmSync(path.join(tmp, 'rules-demo'), { recursive: true, force: true });
  return figures;
}
