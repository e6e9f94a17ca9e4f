/**
 * The Timeline screen against a real `ringside serve` with the demo: lanes for an injected ring,
 * zoom (keyboard, wheel, Fit), shift-drag brushing that filters the event grid and sets the
 * workbench window, clicking an event to highlight its account (what the graph reads), "Open
 * in graph", a case's subjects as lanes, and an unknown account refused by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type RingsideServer } from './fixtures.js';

// Layout constants of renderer/src/features/timeline/scene.ts.
const LABEL_W = 176;
const AXIS_H = 24;
const MARKER_H = 16;
const LANE_H = 22;
const RIGHT_PAD = 8;

interface Ring {
  readonly id: string;
  readonly accounts: string[];
}

function firstRing(server: RingsideServer): Ring {
  const truth = JSON.parse(fs.readFileSync(path.join(server.workspace, 'extracts', 'demo', 'ground_truth.json'), 'utf8')) as { rings: Ring[] };
  const ring = truth.rings.find((r) => r.accounts.length >= 4 && r.accounts.length <= 40);
  if (!ring) throw new Error('the demo has no ring of 4-40 accounts');
  return ring;
}

async function openTimeline(page: Page, accounts: readonly string[]): Promise<Locator> {
  await page.evaluate((a) => (window.location.hash = `/timeline?accounts=${a}`), accounts.join(','));
  await expect(page.locator('html[data-screen="timeline"][data-screen-state="ready"]')).toBeAttached();
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-lanes', String(accounts.length));
  return canvas;
}

async function viewport(canvas: Locator): Promise<{ from: number; to: number }> {
  const [from, to] = ((await canvas.getAttribute('data-viewport')) ?? '').split(',').map(Number);
  return { from: from!, to: to! };
}

async function gridTotal(page: Page): Promise<number> {
  return Number(((await page.getByTestId('timeline-grid-total').textContent()) ?? '').replace(/,/g, ''));
}

test('lays out one lane per ring account, with legend, overview, grid and patterns', async ({ page, server }) => {
  const ring = firstRing(server);
  const canvas = await openTimeline(page, ring.accounts);
  await expect(canvas).toHaveAttribute('data-mode', 'events');
  const view = await server.call<{ total: number }>('timeline.view', { accounts: ring.accounts });
  await expect(page.getByTestId('timeline-grid-total')).toHaveText(view.total.toLocaleString('en-US'));
  await expect(page.getByRole('group', { name: 'Event types (click to filter)' }).getByRole('button', { name: /signup/ })).toBeVisible();
  await expect(page.getByTestId('timeline-overview')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Patterns' })).toBeVisible();
  // The grid is virtualised: far fewer row elements than events.
  const rendered = await page.getByTestId('timeline-grid').locator('.ag-row').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(Math.max(view.total, 61));
  // Filtering by type narrows the lanes' events and the grid.
  await page.getByRole('group', { name: 'Event types (click to filter)' }).getByRole('button', { name: /signup/ }).click();
  await expect(page.getByTestId('timeline-grid-total')).toHaveText(String(ring.accounts.length));
});

test('zooms with the keyboard and the wheel, and Home fits everything again', async ({ page, server }) => {
  const canvas = await openTimeline(page, firstRing(server).accounts);
  const fitted = await viewport(canvas);
  const span = fitted.to - fitted.from;
  await canvas.focus();
  await page.keyboard.press('+');
  await expect.poll(async () => { const v = await viewport(canvas); return Math.round(((v.to - v.from) / span) * 100); }).toBe(50);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + LABEL_W + (box.width - LABEL_W) / 2, box.y + 60);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => { const v = await viewport(canvas); return v.to - v.from; }).toBeLessThan(span * 0.5);
  await page.keyboard.press('ArrowRight');
  await canvas.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => { const v = await viewport(canvas); return (v.to - v.from) / span; }).toBeGreaterThan(0.95);
});

test('shift-drag brushes a range: the grid lists only its events and the graph window is set', async ({ page, server }) => {
  const ring = firstRing(server);
  const canvas = await openTimeline(page, ring.accounts);
  await expect.poll(() => gridTotal(page)).toBeGreaterThan(0);
  const before = await gridTotal(page);
  const box = (await canvas.boundingBox())!;
  const plotW = box.width - LABEL_W - RIGHT_PAD;
  const y = box.y + AXIS_H + MARKER_H + LANE_H;
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + LABEL_W + plotW * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + LABEL_W + plotW * 0.5, y, { steps: 5 });
  await page.mouse.move(box.x + LABEL_W + plotW * 0.6, y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const screen = page.getByTestId('screen-timeline');
  await expect(screen).not.toHaveAttribute('data-time-window', '');
  const [from, to] = ((await screen.getAttribute('data-time-window')) ?? '').split(',').map(Number);
  await expect(page.getByTestId('timeline-grid')).toHaveAttribute('data-range', `${from},${to}`);
  const expected = await server.call<{ total: number }>('timeline.events', { accounts: ring.accounts, from, to, limit: 1 });
  await expect(page.getByTestId('timeline-grid-total')).toHaveText(expected.total.toLocaleString('en-US'));
  expect(expected.total).toBeLessThan(before);
  await expect(page.getByText('in the selected range')).toBeVisible();
  await page.getByRole('button', { name: 'Clear range' }).click();
  await expect(screen).toHaveAttribute('data-time-window', '');
});

test('clicking an event highlights its account for the graph, and Open in graph goes there', async ({ page, server }) => {
  const ring = firstRing(server);
  const canvas = await openTimeline(page, ring.accounts);
  const view = await server.call<{ events: { at: number; lane: number; accountId: string }[] }>('timeline.view', { accounts: ring.accounts });
  const vp = await viewport(canvas);
  const box = (await canvas.boundingBox())!;
  const plotW = box.width - LABEL_W - RIGHT_PAD;
  // An event of the third lane, well inside the window.
  const event = view.events.find((e) => e.lane === 2 && e.at > vp.from + (vp.to - vp.from) * 0.1 && e.at < vp.to - (vp.to - vp.from) * 0.1)!;
  const x = box.x + LABEL_W + ((event.at - vp.from) / (vp.to - vp.from)) * plotW;
  const y = box.y + AXIS_H + MARKER_H + event.lane * LANE_H + LANE_H / 2;
  await page.mouse.move(x, y);
  await expect(page.getByTestId('timeline-tooltip')).toContainText(event.accountId);
  await page.mouse.click(x, y);
  const screen = page.getByTestId('screen-timeline');
  await expect(screen).toHaveAttribute('data-highlighted-account', event.accountId);
  // The event is selected in the grid, and "Context around event" becomes available.
  await expect(page.getByTestId('timeline-grid').locator('.ag-row-selected')).toContainText(event.accountId);
  await page.getByRole('button', { name: 'Context around event' }).click();
  await expect.poll(async () => { const v = await viewport(canvas); return v.to - v.from; }).toBe(10 * 60_000);
  await page.getByRole('button', { name: 'Open in graph' }).click();
  await expect(page).toHaveURL(new RegExp(`#/graph\\?account=${event.accountId}$`));
});

test('opens a case’s subjects as lanes, and refuses an unknown account by name', async ({ page, server }) => {
  const ring = firstRing(server);
  const created = await server.call<{ id: string }>('cases.create', { title: 'Ring on a timeline', subjects: ring.accounts.slice(0, 3) });
  await page.evaluate((id) => (window.location.hash = `/timeline?case=${id}`), created.id);
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-lanes', '3');
  await expect(page.getByText(`Subjects of case ${created.id}`)).toBeVisible();
  await page.evaluate(() => (window.location.hash = '/timeline?accounts=acc_nope_1'));
  await expect(page.getByRole('alert')).toContainText('acc_nope_1');
  await expect(page.getByRole('alert')).toContainText('NOT_FOUND');
});

test('exports the view as SVG (vector, from the draw model) and PNG', async ({ page, server }) => {
  const ring = firstRing(server);
  await openTimeline(page, ring.accounts);
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toMatch(/^timeline-.*\.svg$/);
  const svg = fs.readFileSync((await svgDownload.path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain(`<title>Ringside timeline: ${ring.accounts.length} accounts</title>`);
  expect(svg).toContain(ring.accounts[0]!);
  expect(svg).toContain('Time (UTC)');
  expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThan(0);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  const png = fs.readFileSync((await pngDownload.path())!);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // Snapshot to a case stores a timeline evidence item.
  const created = await server.call<{ id: string }>('cases.create', { title: 'Snapshot target', subjects: [ring.accounts[0]!] });
  await page.getByRole('button', { name: 'Snapshot to case…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: new RegExp(created.id) }).click();
  await page.getByRole('button', { name: 'Pin to case' }).click();
  await expect(page.getByText('Timeline pinned')).toBeVisible();
});
