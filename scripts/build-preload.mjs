// The preload runs in a sandboxed renderer, where `require` only reaches a few Electron
// modules: it must be one self-contained CommonJS file. esbuild bundles it (with the contract's
// method list) into dist/electron/preload/preload.cjs.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entry = 'electron/preload/preload.preload.ts';
if (!existsSync(entry)) {
  console.log(`build:preload: ${entry} not present, skipped`);
} else {
  await build({
    entryPoints: [entry],
    outfile: 'dist/electron/preload/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
}
