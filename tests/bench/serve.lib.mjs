// Shared by the benches: start `ringside serve` on a workspace and read the token URL it prints,
// stop it; run CLI steps to make a bench workspace; time a statement in the sqlite3 CLI.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The workspace a bench runs on: the folder named by the environment variable `envVar` when set
 * (already synced), else `dir`, made by running each `ringside` command of `steps` (arrays of
 * arguments) in order.
 */
export function benchWorkspace(root, { envVar, dir, steps }) {
  const given = process.env[envVar];
  if (given) return given;
  const cli = path.join(root, 'bin', 'ringside.js');
  for (const args of steps) {
    const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`ringside ${args.join(' ')} failed (${r.status})`);
  }
  return dir;
}

/** Runs one statement in the sqlite3 CLI (read-only); its wall time includes the process start. */
export function sqlite3(file, sql) {
  const t0 = performance.now();
  const r = spawnSync('sqlite3', ['-readonly', file, sql], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return { ms, out: r.stdout.trim() };
}

export function serve(root, workspace, extraArgs = [], extraEnv = {}) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'ringside.js'), '--workspace', workspace, 'serve', ...extraArgs], {
    env: { ...process.env, RINGSIDE_LOG_SLOW: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { child, url };
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
