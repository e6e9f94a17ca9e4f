// Shared by the benches that drive the UI: start `ringside serve` on a workspace and read the
// token URL it prints; stop it and wait for it to exit.
import { spawn } from 'node:child_process';
import path from 'node:path';

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
