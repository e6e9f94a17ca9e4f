// SQL scratchpad: the query runner (a child process with a read-only connection, exactly what
// sql.run uses) against the sqlite3 CLI on the same cache file, in the same run.
//  - groupBy: `SELECT type, count(*) FROM events GROUP BY type` over the demo's ~5M events,
//    median of alternating runs; the ratio runner/sqlite3 is the figure (goal <= 1.2). sqlite3's
//    time includes its process start (a few ms), the runner is already started (as in the app).
//  - firstPage: time to the first 200 rows of a 1M-row result (`LIMIT 1000000`), which is what
//    the grid waits for before it paints (goal < 300 ms); also a page 500,000 rows in.
//  - cancel: a cartesian join is cancelled after 300 ms; latency until the call fails, and until
//    a fresh runner answers the next query (goal < 1 s).
// The workspace: RINGSIDE_BENCH_SQL_WORKSPACE (an already-synced one), else one is generated
// (`demo --accounts 125000 --events-per-account 40` + sync: several minutes).
// RINGSIDE_BENCH_SQL_REPEAT sets the alternating repeats (default 3).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { benchWorkspace, median, sqlite3 } from './serve.lib.mjs';

const round = (n) => Math.round(n * 10) / 10;

function workspace(root, tmp, log) {
  const ws = path.join(tmp, 'sql-ws');
  const demo = path.join(tmp, 'sql-demo');
  if (!process.env.RINGSIDE_BENCH_SQL_WORKSPACE) log('generating 125,000 accounts x 40 events (~5M) and syncing them: several minutes');
  return benchWorkspace(root, {
    envVar: 'RINGSIDE_BENCH_SQL_WORKSPACE',
    dir: ws,
    steps: [
      ['demo', '--out', demo, '--accounts', '125000', '--events-per-account', '40'],
      ['-w', ws, 'sync', demo],
    ],
  });
}

export async function run({ root, tmp, log }) {
  const ws = workspace(root, tmp, log);
  const cacheFile = path.join(ws, 'cache.sqlite');
  if (!fs.existsSync(cacheFile)) throw new Error(`No cache at ${cacheFile}`);
  const { QueryRunner } = await import(pathToFileURL(path.join(root, 'dist', 'electron', 'query', 'runner.js')).href);
  const runner = new QueryRunner(cacheFile);
  await runner.warm();
  let n = 0;
  const runQuery = (sql, pageSize = 200) => {
    const queryId = `b${n++}`;
    return runner.request({ type: 'run', queryId, sql, params: {}, pageSize }, { timeoutMs: 600_000, key: queryId });
  };
  const events = Number(sqlite3(cacheFile, 'SELECT count(*) FROM events').out.trim());
  log(`events: ${events.toLocaleString('en-US')}`);

  const repeat = Number(process.env.RINGSIDE_BENCH_SQL_REPEAT ?? 3);
  const groupBy = 'SELECT type, count(*) AS n FROM events GROUP BY type';
  // One untimed pass each so both read the file from the page cache.
  await runQuery(groupBy);
  sqlite3(cacheFile, groupBy);
  const runnerMs = [];
  const cliMs = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const r = await runQuery(groupBy);
    runnerMs.push(performance.now() - t0);
    if (!r.done) throw new Error('GROUP BY result not complete');
    cliMs.push(sqlite3(cacheFile, groupBy).ms);
  }

  const firstPageMs = [];
  const deepPageMs = [];
  for (let i = 0; i < repeat; i++) {
    const queryId = `fp${i}`;
    const t0 = performance.now();
    await runner.request(
      { type: 'run', queryId, sql: 'SELECT * FROM events LIMIT 1000000', params: {}, pageSize: 200 },
      { timeoutMs: 600_000 },
    );
    firstPageMs.push(performance.now() - t0);
    const t1 = performance.now();
    await runner.request(
      { type: 'page', queryId, sql: 'SELECT * FROM events LIMIT 1000000', params: {}, offset: 500_000, limit: 200 },
      { timeoutMs: 600_000 },
    );
    deepPageMs.push(performance.now() - t1);
    await runner.request({ type: 'close', queryId }, { timeoutMs: 10_000 });
  }

  const cancelMs = [];
  const readyAgainMs = [];
  for (let i = 0; i < repeat; i++) {
    const key = `cancel${i}`;
    const pending = runner
      .request(
        { type: 'run', queryId: key, sql: 'SELECT count(*) FROM events a, events b', params: {}, pageSize: 1 },
        { timeoutMs: 600_000, key },
      )
      .then(
        () => 'finished',
        (err) => err.code,
      );
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    runner.cancel(key);
    const code = await pending;
    cancelMs.push(performance.now() - t0);
    if (code !== 'CANCELLED') throw new Error(`expected CANCELLED, got ${code}`);
    await runQuery('SELECT 1');
    readyAgainMs.push(performance.now() - t0);
  }
  runner.close();

  const g = { runnerMs: round(median(runnerMs)), sqlite3CliMs: round(median(cliMs)) };
  return {
    events,
    repeat,
    groupBy: {
      ...g,
      ratio: Math.round((g.runnerMs / g.sqlite3CliMs) * 100) / 100,
      goal: '<= 1.2',
      samplesRunnerMs: runnerMs.map(round),
      samplesSqlite3Ms: cliMs.map(round),
    },
    firstPageOf1M: { ms: round(median(firstPageMs)), goal: '< 300 ms', page500kMs: round(median(deepPageMs)) },
    cancel: {
      latencyMs: round(median(cancelMs)),
      untilNextQueryAnsweredMs: round(median(readyAgainMs)),
      goal: '< 1000 ms',
    },
  };
}
