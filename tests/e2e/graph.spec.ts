/**
 * The Graph screen against a real `ringside serve` with the demo loaded: rings are built on
 * first open (stale rule), a ring opens in the canvas with its explanation, reviewed marks stick,
 * an account search loads details, a path is found, and a case is created from the ring.
 * Screenshots of each state (light and dark) go to /tmp/shots-graph for review.
 */
import type { Page } from '@playwright/test';
import { expect, shotBothThemes, test, waitForJobsIdle } from './fixtures.js';

test.use({ demoAccounts: 1500 });

const SHOTS = '/tmp/shots-graph';

async function shot(page: Page, name: string): Promise<void> {
  await shotBothThemes(page, SHOTS, name);
}

async function openGraph(page: Page, hash = '#/graph'): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.locator('html[data-screen="graph"][data-screen-state="ready"]')).toBeAttached();
}

test('builds rings on first open, opens a ring with its explanation, and marks it reviewed', async ({ page }) => {
  await openGraph(page);
  // The demo sync is newer than any build: the screen rebuilds by itself.
  await waitForJobsIdle(page);
  const items = page.getByTestId('ring-list').locator('.ring-item');
  await expect(items.first()).toBeVisible();
  await expect(page.getByTestId('build-line')).toContainText('rings');
  await shot(page, '01-rings');

  await items.first().click();
  await expect(page.getByTestId('ring-explanation')).toContainText('Why linked');
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  await expect(page.getByTestId('graph-footer')).toContainText('accounts');
  await shot(page, '02-ring-open');

  await page.getByTestId('mark-reviewed').click();
  await expect(items.first().locator('.pill')).toHaveText('reviewed');
  await expect(page.getByTestId('mark-reviewed')).toHaveText('Unmark reviewed');

  await page.getByRole('button', { name: '+ Identifiers' }).click();
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  await shot(page, '03-bipartite');
});

test('focuses an account from the URL and search, finds a path, and creates a case from a ring', async ({ page, server }) => {
  await openGraph(page);
  await waitForJobsIdle(page);
  await expect(page.getByTestId('ring-list').locator('.ring-item').first()).toBeVisible();
  const { rings } = await server.call<{ rings: { id: string }[] }>('graph.rings', { limit: 1 });
  const ring = await server.call<{ members: { id: string }[] }>('graph.ring', { ringId: rings[0]!.id });
  const [a, b] = [ring.members[0]!.id, ring.members[ring.members.length - 1]!.id];

  await openGraph(page, `#/graph?account=${a}`);
  await page.reload();
  await expect(page.getByTestId('account-details')).toContainText(a);
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  await shot(page, '04-account');

  await page.getByLabel('Path from account').fill(a);
  await page.getByLabel('Path to account').fill(b);
  await page.getByRole('button', { name: 'Find path' }).click();
  await expect(page.getByTestId('path-result')).toContainText(b);
  await shot(page, '05-path');

  await page.getByLabel('Focus an account id').fill('acc_does_not_exist');
  await page.getByLabel('Focus an account id').press('Enter');
  await expect(page.getByText('Account acc_does_not_exist is not in the cache.')).toBeVisible();

  await page.getByTestId('ring-list').locator('.ring-item').first().click();
  await page.getByRole('button', { name: 'Create case', exact: true }).click();
  await page.getByLabel('Case title').fill('Payout ring from graph');
  await shot(page, '06-create-case');
  await page.getByTestId('case-dialog-submit').click();
  await expect(page.getByText('Case created')).toBeVisible();
  const cases = await server.call<{ rows: { title: string; subjects: number; origin: string }[] }>('cases.list', { search: 'Payout ring from graph' });
  expect(cases.rows[0]?.subjects).toBe(ring.members.length);
});

/** Node ids and positions on the canvas, read from the live Cytoscape instance. */
async function canvasNodes(page: Page): Promise<Map<string, { x: number; y: number; type: string }>> {
  const rows = await page.evaluate(() => {
    const host = document.querySelector('[data-testid="graph-canvas"]') as (HTMLElement & { _cyreg?: { cy: { nodes(): { map<T>(f: (n: { id(): string; position(): { x: number; y: number }; data(k: string): string }) => T): T[] } } } }) | null;
    return host?._cyreg?.cy.nodes().map((n) => ({ id: n.id(), ...n.position(), type: n.data('type') })) ?? [];
  });
  return new Map(rows.map((r) => [r.id, { x: r.x, y: r.y, type: r.type }]));
}

test('expanding a node inside an open ring adds its neighbours only and leaves the rest in place', async ({ page, server }) => {
  await openGraph(page);
  await waitForJobsIdle(page);
  // Rings are components of the default kinds, so a member reaches outside its ring only
  // through what the build leaves out: here hub IPs (IP on, hubs shown). Find a ring where one
  // member reaches fewer outsiders than the whole ring does (so "that node only" is visible).
  const kinds = ['device', 'payment_instrument', 'bank_account', 'phone', 'address', 'ip', 'referral', 'payment'];
  type View = { nodes: { id: string; type: string }[] };
  const accountsOf = (v: View) => v.nodes.filter((n) => n.type === 'account').map((n) => n.id);
  const { rings } = await server.call<{ rings: { id: string }[] }>('graph.rings', { limit: 100 });
  let target: { ring: string; member: string; outside: string[] } | null = null;
  for (const r of rings) {
    const ring = await server.call<{ members: { id: string }[] }>('graph.ring', { ringId: r.id });
    const ids = ring.members.map((m) => m.id);
    const all = accountsOf(await server.call<View>('graph.expand', { accounts: ids, hops: 1, kinds, hideHubs: false, limit: 3000 }));
    for (const m of ids) {
      const one = accountsOf(await server.call<View>('graph.expand', { accounts: ids, hops: 0, expandAccounts: [m], kinds, hideHubs: false, limit: 3000 }));
      const outside = one.filter((id) => !ids.includes(id));
      if (outside.length > 0 && one.length < all.length) {
        target = { ring: r.id, member: m, outside };
        break;
      }
    }
    if (target) break;
  }
  expect(target).not.toBeNull();
  const { ring, member, outside } = target!;
  await openGraph(page, `#/graph?ring=${encodeURIComponent(ring)}`);
  await page.reload();
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  await page.getByRole('group', { name: 'Link kinds' }).getByRole('button', { name: 'ip', exact: true }).click();
  await page.getByLabel('Hide hubs').uncheck();
  await expect.poll(async () => (await canvasNodes(page)).has(member)).toBe(true);
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  const before = await canvasNodes(page);

  // Double-click the member on the canvas (rendered position inside the canvas element).
  const at = await page.evaluate((id) => {
    const host = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & { _cyreg: { cy: { getElementById(i: string): { renderedPosition(): { x: number; y: number } } } } };
    return host._cyreg.cy.getElementById(id).renderedPosition();
  }, member);
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + at.x, box.y + at.y);
  // The new accounts are exactly that member's neighbours (reached through a hub IP, which the
  // Accounts view draws as its identifier node so they do not look unconnected).
  await expect
    .poll(async () => [...(await canvasNodes(page)).keys()].filter((id) => !before.has(id) && !id.startsWith('i:')).sort())
    .toEqual([...outside].sort());
  expect([...(await canvasNodes(page)).keys()].some((id) => id.startsWith('i:ip:'))).toBe(true);
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  const after = await canvasNodes(page);
  for (const [id, p] of before) {
    expect(after.get(id)?.x, id).toBeCloseTo(p.x, 3);
    expect(after.get(id)?.y, id).toBeCloseTo(p.y, 3);
  }
  await shot(page, '07-node-expanded');
});

test('groups a view by ring, says so, and opens a group in place', async ({ page, server }) => {
  await openGraph(page);
  await waitForJobsIdle(page);
  const { rings } = await server.call<{ rings: { id: string; size: number }[] }>('graph.rings', { limit: 1 });
  const ring = rings[0]!;
  await openGraph(page, `#/graph?ring=${encodeURIComponent(ring.id)}`);
  await page.reload();
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  await expect(page.getByTestId('graph-aggregate-note')).toHaveCount(0); // a ring view is small: drawn account by account
  await page.getByLabel('Hops').selectOption('2');
  await page.getByLabel('Group accounts').selectOption('always');
  const note = page.getByTestId('graph-aggregate-note');
  await expect(note).toContainText('grouped by ring');
  await expect(note).toContainText('Double-click a group to open it');
  const group = `g:${ring.id}`;
  await expect.poll(async () => (await canvasNodes(page)).get(group)?.type).toBe('group');
  await shot(page, '08-grouped');

  const at = await page.evaluate((id) => {
    const host = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & { _cyreg: { cy: { getElementById(i: string): { renderedPosition(): { x: number; y: number } } } } };
    return host._cyreg.cy.getElementById(id).renderedPosition();
  }, group);
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + at.x, box.y + at.y);
  const { members } = await server.call<{ members: { id: string }[] }>('graph.ring', { ringId: ring.id });
  await expect.poll(async () => {
    const nodes = await canvasNodes(page);
    return members.every((m) => nodes.has(m.id)) && !nodes.has(group);
  }).toBe(true);
  await expect(note).toContainText('1 open');
  await shot(page, '09-group-opened');
  await note.getByRole('button', { name: 'Close all groups' }).click();
  await expect.poll(async () => (await canvasNodes(page)).has(group)).toBe(true);
});
