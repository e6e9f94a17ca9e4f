/**
 * The Rules lab and the dashboard against a real `ringside serve` with the demo loaded (which
 * installs the starter rules): backtest a rule, move the threshold and watch the confusion matrix
 * and the precision-recall curve follow, save the operating point as a new version and compare
 * it with the old one, write a new rule, see a refused one explained; the dashboard's charts with
 * their SQL one click away. Screenshots (light and dark) go to /tmp/shots-rules for review.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, shotBothThemes, test } from './fixtures.js';

test.use({ demoAccounts: 1500 });

const SHOTS = '/tmp/shots-rules';

async function shot(page: Page, name: string): Promise<void> {
  await shotBothThemes(page, SHOTS, name, { fullPage: true });
}

async function open(page: Page, hash: string, screen: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.locator(`html[data-screen="${screen}"][data-screen-state="ready"]`)).toBeAttached();
}

async function typeRule(page: Page, text: string): Promise<void> {
  await page.getByTestId('sql-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/,/g, ''));

test('backtest a rule, move the threshold, set the operating point and compare versions', async ({ page }) => {
  await open(page, '#/rules', 'rules');
  await expect(page.getByTestId('rule-item')).toHaveCount(3);
  await page.getByTestId('rule-item').filter({ hasText: 'Device sharing' }).click();
  await expect(page.getByLabel('Name')).toHaveValue('Device sharing');
  await page.getByTestId('backtest-button').click();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(page.getByTestId('pr-curve').locator('svg path').first()).toBeAttached();
  await expect(page.getByTestId('threshold-value')).toHaveText('4');
  const before = { tp: await num(page, 'matrix-tp'), flagged: await num(page, 'metric-flagged') };
  expect(before.tp).toBeGreaterThan(0);
  await shot(page, '01-backtest');

  // Keyboard on the slider steps through the sweep: a higher threshold flags fewer accounts.
  await page.getByTestId('threshold-slider').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('threshold-value')).toHaveText('6');
  const after = { tp: await num(page, 'matrix-tp'), flagged: await num(page, 'metric-flagged') };
  expect(after.flagged).toBeLessThan(before.flagged);
  expect(after.tp).toBeLessThanOrEqual(before.tp);
  // Moving back restores the figures exactly.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('matrix-tp')).toHaveText(String(before.tp));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await shot(page, '02-threshold-moved');

  await page.getByRole('button', { name: 'Set as operating point' }).click();
  await expect(page.getByText('Saved Device sharing v2')).toBeVisible();
  await expect(page.locator('#rule-threshold')).toHaveValue('6');
  await page.getByTestId('compare-button').click();
  const compare = page.getByTestId('compare-result');
  await expect(compare).toContainText('v2 adds 0, drops');
  await expect(compare).toContainText('Dropped (sample)');
  await shot(page, '03-compare');

  // The rules list shows the recorded backtest.
  await expect(page.getByTestId('rule-item').filter({ hasText: 'Device sharing' })).toContainText('P ');

  // The friction list opens in the graph: those accounts and their links.
  const first = (await page.getByTestId('friction-table').locator('tbody tr td a').first().innerText()).trim();
  await page.locator('.bt-friction').getByRole('button', { name: 'Open in graph' }).click();
  await expect(page.locator('html[data-screen="graph"][data-screen-state="ready"]')).toBeAttached();
  await expect(page.locator('[data-testid="screen-graph"][data-layout="done"]')).toBeAttached();
  await expect.poll(() => page.evaluate((id) => {
    const host = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & { _cyreg?: { cy: { getElementById(i: string): { length: number } } } };
    return host._cyreg?.cy.getElementById(id).length ?? 0;
  }, first)).toBe(1);
});

test('write a new rule, backtest it, and see a refused rule explained', async ({ page }) => {
  await open(page, '#/rules', 'rules');
  await page.getByRole('button', { name: 'New rule' }).click();
  await page.getByLabel('Name').fill('Many password resets');
  await page.getByLabel('Policy').selectOption('account_takeover');
  await typeRule(page, "SELECT account_id, count(*) AS score FROM events WHERE type = 'password_reset' GROUP BY account_id");
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(page.getByTestId('metric-flagged')).not.toHaveText('0');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByText('Saved Many password resets v1')).toBeVisible();
  await expect(page.getByTestId('rule-item').filter({ hasText: 'Many password resets' })).toHaveAttribute('aria-current', 'true');

  await typeRule(page, 'DELETE FROM accounts');
  await page.getByTestId('backtest-button').click();
  await expect(page.getByTestId('screen-rules').getByText('DELETE statements are refused').first()).toBeVisible();
  await typeRule(page, 'SELECT id FROM accounts');
  await page.getByTestId('backtest-button').click();
  await expect(page.getByTestId('screen-rules').getByText('A rule must return an account_id column').first()).toBeVisible();
  await shot(page, '04-refused');

  // A runaway rule is stopped with Cancel (the runner process is killed), and the next
  // backtest answers at once.
  await typeRule(page, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT 'a' AS account_id FROM n WHERE x < 0");
  await page.getByTestId('backtest-button').click();
  await expect(page.locator('[data-jobs="busy"]')).toBeAttached();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByTestId('screen-rules').getByText('cancelled', { exact: false }).first()).toBeVisible();
  await expect(page.locator('[data-jobs="idle"]')).toBeAttached();
  await typeRule(page, "SELECT account_id, count(*) AS score FROM events WHERE type = 'password_reset' GROUP BY account_id");
  await page.getByTestId('backtest-button').click();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
});

test('the dashboard draws every chart with its SQL one click away', async ({ page }) => {
  // The chart library must run under the app's CSP: no violation, no page error.
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.evaluate(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`)),
  );
  await open(page, '#/dashboard', 'dashboard');
  for (const id of ['case-volume', 'backlog-age', 'sla', 'time-to-decision', 'decision-mix', 'appeals']) {
    await expect(page.getByTestId(`chart-${id}`).locator('svg')).toBeAttached();
  }
  await shot(page, '05-dashboard');
  await page.getByTestId('sql-decision-mix').click();
  await expect(page.getByTestId('sql-text-decision-mix')).toContainText('FROM decisions');
  const svg = page.waitForEvent('download');
  await page.locator('#chart-decision-mix').getByRole('button', { name: 'SVG' }).click();
  const svgFile = await (await svg).path();
  expect(fs.readFileSync(svgFile, 'utf8')).toMatch(/^<svg[\s\S]*offboarding[\s\S]*<\/svg>$/);
  const png = page.waitForEvent('download');
  await page.locator('#chart-decision-mix').getByRole('button', { name: 'PNG' }).click();
  const pngDownload = await png;
  expect(pngDownload.suggestedFilename()).toBe('ringside-decision-mix.png');
  expect(fs.readFileSync(await pngDownload.path()).subarray(1, 4).toString()).toBe('PNG');
  await page.locator('#chart-decision-mix').getByRole('button', { name: 'Open in SQL scratchpad' }).click();
  await expect(page.locator('html[data-screen="sql"][data-screen-state="ready"]')).toBeAttached();
  await expect(page.locator('.cm-content')).toContainText('sum(sanction = \'offboarding\') AS offboarding');
  expect(problems).toEqual([]);
});
