/**
 * The Graph screen against a real `ringside serve` with the demo loaded: rings are built on
 * first open (stale rule), a ring opens in the canvas with its explanation, reviewed marks stick,
 * an account search loads details, a path is found, and a case is created from the ring.
 * Screenshots of each state (light and dark) go to /tmp/shots-graph for review.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, waitForJobsIdle } from './fixtures.js';

test.use({ demoAccounts: 1500 });

const SHOTS = '/tmp/shots-graph';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png` });
  }
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
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
