// Timeline: 100k events across 50 lanes. Builds a workspace from a synthetic extract (written
// here, loaded with `ringside sync`), serves the built UI, and measures in headless Chromium:
//  - first paint: from the moment `timeline.view`'s answer arrives (performance mark
//    `timeline:data`, set in useTimelineData) to the first canvas paint that shows it
//    (`timeline:paint`, set in TimelineCanvas after painting), over several page loads;
//  - frame times while zooming: wheel events dispatched once per animation frame (zoom in, then
//    out), requestAnimationFrame deltas p50/p95/max;
//  - data-service times for the same accounts over HTTP: whole extent (binned), a 1-hour window
//    (raw events), and patterns (lockstep + bursts over all 100k events).
// Goals from the issue: first paint < 200 ms after data arrives; zoom at 30 fps or better at p95.
// Peer, measured in the same run and page size: a bare canvas of the lanes' size repainted once
// per frame (no app), i.e. what this headless, GPU-less, shared machine gives at best.
/* global document, WheelEvent, requestAnimationFrame */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { serve, stop } from './serve.lib.mjs';

const ACCOUNTS = 50;
const EVENTS = 100_000;
const LOADS = 5;
const ZOOM_FRAMES = 180;
const TYPES = ['login', 'task_submit', 'task_submit', 'task_submit', 'payout', 'password_reset', 'payout_method_change', 'kyc_check'];

function writeExtract(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.UTC(2025, 0, 1);
  const span = 60 * 86_400_000;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = Array.from({ length: ACCOUNTS }, (_, i) => `acc_b${String(i).padStart(4, '0')}`);
  fs.writeFileSync(
    path.join(dir, 'accounts.csv'),
    `id,created_at,display_name,email,phone,country,lifecycle_state,risk_score\n${ids.map((id) => `${id},${new Date(t0).toISOString()},${id},,,US,active,0.5`).join('\n')}\n`,
  );
  const lines = ['id,account_id,occurred_at,type,ip,device,amount'];
  for (let i = 0; i < EVENTS; i++) {
    const account = ids[Math.floor(rnd() * ACCOUNTS)];
    const at = t0 + Math.floor(rnd() * span);
    const type = TYPES[Math.floor(rnd() * TYPES.length)];
    lines.push(`ev_${i},${account},${new Date(at).toISOString()},${type},10.0.${Math.floor(rnd() * 20)}.1,dev_${Math.floor(rnd() * 80)},`);
  }
  fs.writeFileSync(path.join(dir, 'events.csv'), `${lines.join('\n')}\n`);
  return ids;
}



const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n) => Math.round(n * 10) / 10;

async function timeCall(base, token, method, params, runs = 3) {
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const res = await fetch(`${base}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(params),
    });
    const outcome = await res.json();
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
    times.push(performance.now() - start);
    value = outcome.value;
  }
  return { medianMs: round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]), value };
}

export async function run({ root, tmp, log }) {
  const workspace = path.join(tmp, 'ws');
  fs.mkdirSync(workspace);
  const ids = writeExtract(path.join(tmp, 'extract'));
  const t = performance.now();
  execFileSync(process.execPath, [path.join(root, 'bin', 'ringside.js'), '--workspace', workspace, 'sync', path.join(tmp, 'extract')], { stdio: 'pipe' });
  log(`synced ${EVENTS} events in ${Math.round(performance.now() - t)} ms`);

  const server = serve(root, workspace, ['--port', '0', '--no-demo']);
  const url = await server.url;
  const parsed = new URL(url);
  const base = `${parsed.protocol}//${parsed.host}`;
  const token = parsed.searchParams.get('token');
  const asRoot = process.getuid?.() === 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const service = {
      wholeExtentBinned: await timeCall(base, token, 'timeline.view', { accounts: ids, pixelWidth: 2400 }),
      oneHourRaw: await timeCall(base, token, 'timeline.view', { accounts: ids, from: Date.UTC(2025, 0, 20), to: Date.UTC(2025, 0, 20, 1), pixelWidth: 2400 }),
      patterns: await timeCall(base, token, 'timeline.patterns', { accounts: ids }),
    };
    const figures = {
      wholeExtentBinnedMs: service.wholeExtentBinned.medianMs,
      wholeExtentItems: service.wholeExtentBinned.value.bins.length,
      wholeExtentMode: service.wholeExtentBinned.value.mode,
      oneHourRawMs: service.oneHourRaw.medianMs,
      oneHourEvents: service.oneHourRaw.value.events.length,
      patternsMs: service.patterns.medianMs,
      lockstepGroups: service.patterns.value.lockstep.length,
    };
    log(`service: ${JSON.stringify(figures)}`);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const paints = [];
    const requestToPaint = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${url.replace(/\/\?/, '/?')}#/timeline?accounts=${ids.join(',')}`);
      await page.waitForSelector('[data-app-state="ready"]', { state: 'attached', timeout: 60_000 });
      await page.waitForFunction(() => performance.getEntriesByName('timeline:paint').length > 0, null, { timeout: 60_000 });
      const marks = await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
        return { request: at('timeline:request'), data: at('timeline:data'), paint: at('timeline:paint') };
      });
      paints.push(marks.paint - marks.data);
      requestToPaint.push(marks.paint - marks.request);
    }
    await page.waitForSelector('[data-testid="timeline-canvas"][data-lanes="50"]');
    const mode = await page.getAttribute('[data-testid="timeline-canvas"]', 'data-mode');
    // Scripted zoom: one wheel event per frame, 90 frames in around a point, 90 out.
    const deltas = await page.evaluate(async (frames) => {
      const canvas = document.querySelector('.timeline-canvas');
      const r = canvas.getBoundingClientRect();
      const out = [];
      let last = performance.now();
      for (let i = 0; i < frames; i++) {
        canvas.dispatchEvent(
          new WheelEvent('wheel', { deltaY: i < frames / 2 ? -60 : 60, clientX: r.left + r.width * 0.6, clientY: r.top + 80, bubbles: true, cancelable: true }),
        );
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        out.push(now - last);
        last = now;
      }
      return out;
    }, ZOOM_FRAMES);
    // Peer: the same number of frames repainting a bare canvas of the lanes' size.
    const size = await page.evaluate(() => {
      const c = document.querySelector('.timeline-canvas');
      return { w: c.clientWidth, h: c.clientHeight };
    });
    const peer = await page.evaluate(
      async ({ frames, w, h }) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        c.style.cssText = `position:fixed;left:0;top:0;width:${w}px;height:${h}px;z-index:99`;
        document.body.append(c);
        const ctx = c.getContext('2d');
        const out = [];
        let last = performance.now();
        for (let i = 0; i < frames; i++) {
          ctx.fillStyle = i % 2 ? '#ffffff' : '#fefefe';
          ctx.fillRect(0, 0, w, h);
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          out.push(now - last);
          last = now;
        }
        c.remove();
        return out;
      },
      { frames: ZOOM_FRAMES, ...size },
    );
    const sortedPeer = peer.slice(1).sort((a, b) => a - b);
    const sortedPaints = [...paints].sort((a, b) => a - b);
    const sortedDeltas = deltas.slice(1).sort((a, b) => a - b);
    const p95 = pct(sortedDeltas, 95);
    return {
      events: EVENTS,
      lanes: ACCOUNTS,
      initialMode: mode,
      firstPaintAfterDataMs: { median: round(pct(sortedPaints, 50)), max: round(sortedPaints.at(-1)), runs: paints.map(round), goal: '< 200' },
      requestToFirstPaintMs: { median: round([...requestToPaint].sort((a, b) => a - b)[Math.floor(LOADS / 2)]) },
      zoomFrameMs: { p50: round(pct(sortedDeltas, 50)), p95: round(p95), max: round(sortedDeltas.at(-1)), frames: sortedDeltas.length, fpsAtP95: round(1000 / p95), goal: 'p95 <= 33.3 ms (30 fps)' },
      bareCanvasPeerFrameMs: { p50: round(pct(sortedPeer, 50)), p95: round(pct(sortedPeer, 95)), size },
      zoomVsPeer: { p50: round(pct(sortedDeltas, 50) / pct(sortedPeer, 50)), p95: round(p95 / pct(sortedPeer, 95)) },
      service: figures,
      note: 'headless Chromium (--disable-gpu, software canvas) on a shared 2-core machine that other engineers were loading; absolute figures, no peer in the issue',
    };
  } finally {
    await browser.close();
    await stop(server.child);
  }
}
