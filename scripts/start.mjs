#!/usr/bin/env node
// `npm start`: run Ringside from this checkout.
//  1. Build first when dist/ is missing or older than the sources (`npm run build`).
//  2. If the Electron runtime can run here (its binary is installed, it executes, a display
//     exists, and better-sqlite3 has been built for Electron's ABI), launch the desktop app:
//     `electron . <your args>`.
//  3. Otherwise say why in ONE line and serve the same UI in browser mode instead:
//     `node bin/ringside.js [--workspace DIR] serve <other args>`, whose output (the
//     `Open http://127.0.0.1:PORT/?token=...` line) goes straight to this terminal.
// It never downloads anything: it does not `require('electron')` (whose path getter would try to
// fetch a missing binary); it reads node_modules/electron/path.txt and checks the file itself.
// Arguments: --workspace DIR (both modes), --port N and --no-demo (browser mode; --no-demo in
// both). Signals (Ctrl+C, SIGTERM) stop the app cleanly; the exit code is the app's.
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

// ---- 1. Build when needed -----------------------------------------------------------------------
const OUTPUTS = [
  'dist/electron/main/main.main.js',
  'dist/electron/preload/preload.cjs',
  'dist/electron/cli/main.js',
  'dist/renderer/index.html',
];
const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const SOURCE_FILES = [
  'package.json',
  'tsconfig.base.json',
  'tsconfig.build.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'vite.config.ts',
  'scripts/build-preload.mjs',
];

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return target.endsWith('.md') ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsStale() {
  let oldestOutput = Infinity;
  for (const output of OUTPUTS) {
    try {
      oldestOutput = Math.min(oldestOutput, fs.statSync(path.join(ROOT, output)).mtimeMs);
    } catch {
      return true;
    }
  }
  const newestSource = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(ROOT, p))));
  return newestSource > oldestOutput;
}

function npm(scriptArgs) {
  // Under `npm start`, npm_execpath is npm's own CLI: run it with this Node, no shell needed.
  const npmCli = process.env['npm_execpath'];
  if (npmCli && /npm-cli\.js$|npm$/.test(npmCli)) {
    return spawnSync(process.execPath, [npmCli, ...scriptArgs], { cwd: ROOT, stdio: 'inherit' });
  }
  return spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', scriptArgs, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
}

if (buildIsStale()) {
  console.log('Building Ringside (dist/ is missing or older than the sources)...');
  const build = npm(['run', 'build']);
  if (build.status !== 0) {
    console.error('npm start: the build failed (see above); fix it or run "npm run build" to retry.');
    process.exit(build.status ?? 1);
  }
}

// ---- 2. Can the desktop app run here? ----------------------------------------------------------
function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** { binary, version } when the desktop app can start, else { reason } for the one-line notice. */
function desktopRuntime() {
  if (process.env['RINGSIDE_BROWSER_MODE'] === '1') return { reason: 'RINGSIDE_BROWSER_MODE=1 is set' };
  const pkgDir = path.join(ROOT, 'node_modules', 'electron');
  const version = electronVersion();
  if (!version) return { reason: 'Electron is not installed in node_modules' };
  const pathTxt = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : '';
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] || path.join(pkgDir, 'dist');
  const binary = relative ? path.join(distDir, relative) : '';
  if (!relative || !fs.existsSync(binary)) {
    return {
      reason:
        'Electron runtime not available (no binary in node_modules/electron/dist; it cannot be downloaded offline)',
    };
  }
  // Does it execute (right architecture, shared libraries present)? As plain Node, so no display
  // is needed for the probe; bounded, so a broken binary cannot hang `npm start`.
  const probe = spawnSync(binary, ['-e', 'process.stdout.write(process.versions.electron)'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.status !== 0 || !probe.stdout) {
    const why = probe.error?.message ?? (probe.stderr || `exit code ${probe.status}`).trim().split('\n')[0];
    return { reason: `Electron runtime not usable (${binary} does not run: ${why})` };
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { reason: 'Electron cannot open a window here (no $DISPLAY or $WAYLAND_DISPLAY)' };
  }
  const binding = path.join(ROOT, '.native', `electron-${version}`, 'better_sqlite3.node');
  if (!process.env['RINGSIDE_SQLITE_BINDING'] && !fs.existsSync(binding)) {
    return {
      reason: `better-sqlite3 is not built for Electron ${version} yet (run "node scripts/electron-native.mjs" once; it needs the network)`,
    };
  }
  return { binary, version };
}

// ---- 3. Launch, forwarding output and signals ---------------------------------------------------
function run(command, commandArgs, env) {
  // On POSIX the child gets its own process group, so a terminal Ctrl+C reaches it once, through
  // us, rather than twice (npm and the terminal both signal the foreground group).
  const detached = process.platform !== 'win32';
  const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: 'inherit', detached });
  let lastSignalAt = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      const now = Date.now();
      // Duplicates of one Ctrl+C arrive within milliseconds; a later one is a deliberate repeat.
      if (now - lastSignalAt < 1000) return;
      lastSignalAt = now;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  child.on('error', (err) => {
    console.error(`npm start: could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      const number = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1;
      process.exit(128 + number);
    }
    process.exit(code ?? 1);
  });
}

/** Splits args into the CLI's global --workspace (must precede `serve`) and the rest. */
function serveArgs(all) {
  const global = [];
  const rest = [];
  for (let i = 0; i < all.length; i++) {
    const arg = all[i];
    if ((arg === '--workspace' || arg === '-w') && i + 1 < all.length) {
      global.push(arg, all[++i]);
    } else if (arg.startsWith('--workspace=')) {
      global.push(arg);
    } else {
      rest.push(arg);
    }
  }
  return [...global, 'serve', ...rest];
}

const runtime = desktopRuntime();
if (runtime.binary) {
  const env = { ...process.env };
  // Inherited from some tools (editors' terminals); it would make Electron run as plain Node.
  delete env['ELECTRON_RUN_AS_NODE'];
  const electronArgs = ['.'];
  // Chromium refuses to start as root with its sandbox on ("Running as root without --no-sandbox
  // is not supported"). Only then do we pass --no-sandbox: it turns off the OS-level sandbox of
  // renderer processes; contextIsolation, the `sandbox: true` preload limits, CSP and the IPC
  // gate still apply. As any other user the full sandbox stays on.
  if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0) {
    electronArgs.push('--no-sandbox');
  }
  run(runtime.binary, [...electronArgs, ...args], env);
} else {
  console.log(`${runtime.reason} — serving the same UI in browser mode instead.`);
  run(process.execPath, [path.join(ROOT, 'bin', 'ringside.js'), ...serveArgs(args)], process.env);
}
