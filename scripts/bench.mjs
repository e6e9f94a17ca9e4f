#!/usr/bin/env node
// `npm run bench [-- suite ...]`: runs benchmark suites from tests/bench/<suite>.bench.mjs and
// prints one JSON document of figures. Each suite exports `async run(ctx)` returning an object.
// Figures are ratios against a peer measured in the same run wherever a peer exists: timings on
// a shared 2-core machine are noisy, so absolute numbers are reported, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'tests', 'bench');
const available = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace(/\.bench\.mjs$/, ''))
  .sort();
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((s) => !available.includes(s));
if (unknown.length) {
  console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
if (!fs.existsSync(path.join(root, 'dist', 'electron', 'cli', 'main.js'))) {
  console.error('Not built: run "npm run build" first.');
  process.exit(1);
}
const suites = requested.length ? requested : available;
const results = {
  machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  startedAt: new Date().toISOString(),
  suites: {},
};
for (const suite of suites) {
  const mod = await import(pathToFileURL(path.join(benchDir, `${suite}.bench.mjs`)).href);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ringside-bench-${suite}-`));
  const log = (line) => process.stderr.write(`[bench:${suite}] ${line}\n`);
  log('running');
  try {
    results.suites[suite] = await mod.run({ root, tmp, log });
  } catch (err) {
    results.suites[suite] = { error: String(err?.stack ?? err) };
    process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
