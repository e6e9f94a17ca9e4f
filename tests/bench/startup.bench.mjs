// Browser-mode cold start: from spawning `ringside serve` on a workspace that already holds the
// demo data (the everyday launch) to the UI's `data-app-state="ready"` in headless Chromium.
// Also reports the first launch of an empty workspace (demo generation + sync) to jobs idle.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { serve, stop } from './serve.lib.mjs';

const RUNS = 5;



export async function run({ root, tmp, log }) {
  const asRoot = process.getuid?.() === 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const workspace = path.join(tmp, 'ws');
    fs.mkdirSync(workspace);
    // First launch: empty workspace, demo (5k accounts, ~200k events) generated and synced.
    const t0 = performance.now();
    const first = serve(root, workspace);
    const page = await browser.newPage();
    await page.goto(await first.url);
    await page.waitForSelector('[data-app-state="ready"]', { state: 'attached', timeout: 120_000 });
    const firstReadyMs = performance.now() - t0;
    await page.waitForSelector('[data-jobs="idle"]', { state: 'attached', timeout: 300_000 });
        const firstLaunchWithDemoMs = performance.now() - t0;
    await page.close();
    await stop(first.child);
    log(`first launch ready ${firstReadyMs.toFixed(0)} ms, demo loaded ${firstLaunchWithDemoMs.toFixed(0)} ms`);

    const coldStarts = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const s = serve(root, workspace);
      const p = await browser.newPage();
      await p.goto(await s.url);
      await p.waitForSelector('[data-app-state="ready"]', { state: 'attached', timeout: 60_000 });
      coldStarts.push(Math.round(performance.now() - start));
      await p.close();
      await stop(s.child);
    }
    const sorted = [...coldStarts].sort((a, b) => a - b);
    return {
      coldStartToReadyMs: { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: coldStarts },
      firstLaunchToReadyMs: Math.round(firstReadyMs),
      firstLaunchDemoLoadedMs: Math.round(firstLaunchWithDemoMs),
      note: 'cold start = spawn `ringside serve` on a workspace holding the 5k-account demo -> data-app-state=ready in headless Chromium',
    };
  } finally {
    await browser.close();
  }
}
