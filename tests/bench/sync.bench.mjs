// Sync throughput and memory: `ringside sync` of the demo's events.csv alone (~1M rows) into an
// empty workspace, against sqlite3's own `.import --csv --skip 1` of the same file into an
// equivalent STRICT table (same columns, same primary key, same two indexes) measured in the same
// run. Timings on a shared 2-core machine are noisy: the ratio is the figure to read.
// RINGSIDE_BENCH_SYNC_ACCOUNTS changes the size (default 25000 accounts x 40 events);
// RINGSIDE_BENCH_SYNC_REPEAT sets how many alternating ringside/sqlite3 runs give the medians (2);
// RINGSIDE_BENCH_SYNC_5M=1 adds a 5M-row run reporting its peak RSS (slow: a few minutes).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';

/** Runs a command to completion: wall time, peak RSS (GNU time, else /proc polling), output. */
function measure(cmd, args, opts = {}) {
  const useTime = fs.existsSync(TIME);
  const [file, argv] = useTime ? [TIME, ['-f', 'BENCH_MAXRSS_KB=%M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    const poll = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+) kB/.exec(status);
        if (m) polledKb = Math.max(polledKb, Number(m[1]));
      } catch {
        // the process is gone, or /proc is not there
      }
    }, 50);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (err) => {
      clearInterval(poll);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      const ms = performance.now() - started;
      const m = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
      const peakKb = m ? Number(m[1]) : polledKb;
      resolve({
        code,
        ms,
        peakRssMB: peakKb ? Math.round(peakKb / 1024) : null,
        stdout,
        stderr: stderr.replace(/BENCH_MAXRSS_KB=\d+\n?/, ''),
      });
    });
  });
}

function header(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0].trim().split(',');
  } finally {
    fs.closeSync(fd);
  }
}

async function generate(root, out, accounts, log) {
  log(`generating demo extract: ${accounts} accounts x 40 events`);
  const gen = await measure(process.execPath, [
    path.join(root, 'bin', 'ringside.js'),
    'demo',
    '--out',
    out,
    '--accounts',
    String(accounts),
    '--events-per-account',
    '40',
  ]);
  if (gen.code !== 0) throw new Error(`demo generation failed: ${gen.stderr}`);
  return gen.ms;
}

async function ringsideSync(root, workspace, folder) {
  const result = await measure(
    process.execPath,
    [path.join(root, 'bin', 'ringside.js'), '--workspace', workspace, 'sync', folder, '--json'],
    {
      env: { ...process.env, RINGSIDE_LOG_SLOW: '0' },
    },
  );
  if (result.code !== 0)
    throw new Error(`ringside sync failed (${result.code}): ${result.stderr}\n${result.stdout.slice(0, 2000)}`);
  const summary = JSON.parse(result.stdout);
  return { ...result, summary };
}

async function sqliteImport(db, csv, columns, wal) {
  const schema =
    (wal ? 'PRAGMA journal_mode=WAL;\n' : '') +
    `CREATE TABLE events (${columns.map((c, i) => `"${c}" TEXT${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')}) STRICT;\n` +
    'CREATE INDEX events_by_account_time ON events(account_id, occurred_at);\n' +
    'CREATE INDEX events_by_time ON events(occurred_at);\n';
  const created = spawnSync('sqlite3', [db], { input: schema, encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`sqlite3 schema failed: ${created.stderr}`);
  const result = await measure('sqlite3', [db, '.import --csv --skip 1 ' + csv + ' events']);
  if (result.code !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr.slice(0, 2000)}`);
  const count = spawnSync('sqlite3', [db, 'SELECT count(*) FROM events'], { encoding: 'utf8' });
  return {
    ms: result.ms,
    rows: Number(count.stdout.trim()),
    warnings: result.stderr.split('\n').filter(Boolean).length,
  };
}

export async function run({ root, tmp, log }) {
  const accounts = Number(process.env.RINGSIDE_BENCH_SYNC_ACCOUNTS ?? 25_000);
  const demo = path.join(tmp, 'x');
  await generate(root, demo, accounts, log);
  const only = path.join(tmp, 'events-only');
  fs.mkdirSync(only);
  const csv = path.join(only, 'events.csv');
  fs.copyFileSync(path.join(demo, 'events.csv'), csv);
  const bytes = fs.statSync(csv).size;

  // The machine is shared: run ringside and sqlite3 alternately, several times, and report
  // medians (each pair also gives a ratio measured under the same load).
  const repeats = Math.max(1, Number(process.env.RINGSIDE_BENCH_SYNC_REPEAT ?? 2));
  const sqliteVersion = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  const haveSqlite = !sqliteVersion.error && sqliteVersion.status === 0;
  const columns = header(csv);
  const runs = [];
  let rows = 0;
  let quarantined = 0;
  for (let i = 0; i < repeats; i++) {
    log(`run ${i + 1}/${repeats}: ringside sync of events.csv`);
    const ws = path.join(tmp, `ws${i}`);
    const ring = await ringsideSync(root, ws, only);
    rows = ring.summary.rowsInserted;
    quarantined = ring.summary.rowsQuarantined;
    fs.rmSync(ws, { recursive: true, force: true });
    const entry = {
      ringsideMs: Math.round(ring.ms),
      ringsideInProcessMs: ring.summary.durationMs,
      peakRssMB: ring.peakRssMB,
    };
    if (haveSqlite) {
      log(`run ${i + 1}/${repeats}: sqlite3 .import (default rollback journal, then WAL)`);
      const plain = await sqliteImport(path.join(tmp, `plain${i}.sqlite`), csv, columns, false);
      const wal = await sqliteImport(path.join(tmp, `wal${i}.sqlite`), csv, columns, true);
      if (plain.rows !== rows) log(`note: sqlite3 imported ${plain.rows} rows, ringside ${rows}`);
      for (const f of [`plain${i}.sqlite`, `wal${i}.sqlite`, `wal${i}.sqlite-wal`, `wal${i}.sqlite-shm`])
        fs.rmSync(path.join(tmp, f), { force: true });
      Object.assign(entry, {
        sqlite3Ms: Math.round(plain.ms),
        sqlite3WalMs: Math.round(wal.ms),
        ratio: Number((ring.ms / plain.ms).toFixed(2)),
      });
    }
    runs.push(entry);
  }
  const median = (key) => {
    const values = runs
      .map((r) => r[key])
      .filter((v) => typeof v === 'number')
      .sort((a, b) => a - b);
    return values.length ? values[Math.floor((values.length - 1) / 2)] : null;
  };
  const ringsideMs = median('ringsideMs');
  const result = {
    rows,
    csvMB: Math.round(bytes / 2 ** 20),
    ringsideMs,
    ringsideInProcessMs: median('ringsideInProcessMs'),
    rowsPerSec: Math.round(rows / (ringsideMs / 1000)),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB ?? 0)),
    quarantined,
    sqlite3Ms: median('sqlite3Ms'),
    ratio: median('ratio'),
    sqlite3WalMs: median('sqlite3WalMs'),
    ratioWal: haveSqlite ? Number((ringsideMs / median('sqlite3WalMs')).toFixed(2)) : null,
    runs,
  };
  if (haveSqlite) result.sqlite3Version = sqliteVersion.stdout.trim().split(' ')[0];
  else result.sqlite3Skipped = `sqlite3 CLI not available (${sqliteVersion.error?.message ?? sqliteVersion.stderr})`;

  if (process.env.RINGSIDE_BENCH_SYNC_5M === '1') {
    const big = path.join(tmp, 'x5m');
    await generate(root, big, 125_000, log);
    const only5 = path.join(tmp, 'events-only-5m');
    fs.mkdirSync(only5);
    fs.renameSync(path.join(big, 'events.csv'), path.join(only5, 'events.csv'));
    fs.rmSync(big, { recursive: true, force: true });
    log('ringside sync of 5M events');
    const ring5 = await ringsideSync(root, path.join(tmp, 'ws5m'), only5);
    Object.assign(result, {
      rows5M: ring5.summary.rowsInserted,
      ringsideMs5M: Math.round(ring5.ms),
      peakRssMB5M: ring5.peakRssMB,
    });
  }
  result.note =
    'ratio = median over runs of ringside wall time (process start to exit, incl. hashing, attrs, derived identifiers and Node start-up) / ' +
    'sqlite3 .import wall time into the same table shape measured right after it; ratioWal compares medians with sqlite3 in WAL mode, as the cache runs';
  return result;
}
