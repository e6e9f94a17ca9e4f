#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI, for running the desktop app from a
// checkout (`npm start`, the desktop smoke test). node_modules keeps its Node build untouched
// (unit tests, the CLI and browser mode need that one); the Electron copy goes to
//   .native/electron-<version>/better_sqlite3.node
// which electron/main points RINGSIDE_SQLITE_BINDING at when it exists.
//
// How: copy node_modules/better-sqlite3 (without its build/) to a temporary folder and run
// `node-gyp rebuild --release --target=<electron version> --dist-url=https://electronjs.org/headers`
// there. node-gyp downloads Electron's headers, so this NEEDS THE NETWORK; offline it fails and
// says so in one line (exit code 1; the full node-gyp log is kept and its path printed).
// Packaged apps do not use this: electron-builder rebuilds the addon itself (npmRebuild: true).
//
// Usage: node scripts/electron-native.mjs [--force]   (skips the build when the copy exists)
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const electron = readJson(path.join(ROOT, 'node_modules', 'electron', 'package.json'));
if (!electron?.version) fail('Electron is not installed in node_modules (npm install first).');
const sqliteDir = path.join(ROOT, 'node_modules', 'better-sqlite3');
if (!fs.existsSync(path.join(sqliteDir, 'binding.gyp')))
  fail('node_modules/better-sqlite3 is missing (npm install first).');

const outDir = path.join(ROOT, '.native', `electron-${electron.version}`);
const outFile = path.join(outDir, 'better_sqlite3.node');
if (fs.existsSync(outFile) && !force) {
  console.log(`electron-native: ${path.relative(ROOT, outFile)} already exists (use --force to rebuild).`);
  process.exit(0);
}

/** node-gyp's CLI: the project's copy, else the one bundled with npm. */
function nodeGypCli() {
  try {
    return createRequire(path.join(ROOT, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const npmCli = process.env['npm_execpath'];
    const bundled = npmCli
      ? path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
      : '';
    if (bundled && fs.existsSync(bundled)) return bundled;
    return null;
  }
}

const gyp = nodeGypCli();
if (!gyp) fail('node-gyp was not found (it ships with npm; install it with "npm i -g node-gyp").');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ringside-electron-native-'));
const pkgCopy = path.join(work, 'better-sqlite3');
fs.cpSync(sqliteDir, pkgCopy, {
  recursive: true,
  filter: (source) => path.relative(sqliteDir, source).split(path.sep)[0] !== 'build',
});

console.log(
  `electron-native: building better-sqlite3 for Electron ${electron.version} (${process.platform}-${process.arch}); this downloads Electron's headers and compiles SQLite (a minute or two)...`,
);
const logFile = path.join(work, 'node-gyp.log');
const result = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electron.version}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${path.join(os.homedir(), '.cache', 'node-gyp-electron')}`,
  ],
  {
    cwd: pkgCopy,
    encoding: 'utf8',
    // The npm config of these machines points node-gyp at Node's own headers (npm_config_nodedir);
    // Electron needs its own, so that setting must not leak into this build.
    env: Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|dist_url|runtime)$/i.test(key)),
    ),
    timeout: 15 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  },
);
fs.writeFileSync(logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);

const built = path.join(pkgCopy, 'build', 'Release', 'better_sqlite3.node');
if (result.status !== 0 || !fs.existsSync(built)) {
  fs.rmSync(pkgCopy, { recursive: true, force: true }); // keep only the log
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|network|request to https?:/i.test(
    text,
  );
  const cause = result.error
    ? result.error.message
    : offline
      ? "could not download Electron's headers from electronjs.org (no network?)"
      : (text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => /^gyp ERR!|error/i.test(line))[0] ?? `node-gyp exited with ${result.status}`);
  fail(`could not build better-sqlite3 for Electron ${electron.version}: ${cause}. Full log: ${logFile}`);
}

fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(built, outFile);
fs.rmSync(work, { recursive: true, force: true });
console.log(`electron-native: wrote ${path.relative(ROOT, outFile)}; the desktop app uses it in development.`);
