#!/usr/bin/env node
// The `ringside` command. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm install` through the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '..', 'dist', 'electron', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('ringside: not built yet; run "npm run build" in ' + path.join(here, '..') + '\n');
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
