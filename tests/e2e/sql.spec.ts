/**
 * The SQL scratchpad against a real `ringside serve` with the demo loaded: type a query with
 * autocomplete of a column, run it, see typed rows in the grid; cancel a runaway cartesian join
 * and run again at once; a refused write shows its reason. Waits on screen state and result
 * states (data-state on the results pane), never on sleeps.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

test.use({ demoAccounts: 120 });

async function openSql(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'SQL', exact: true }).click();
  await expect(page.locator('html[data-screen="sql"][data-screen-state="ready"]')).toBeAttached();
}

/** Replaces the editor's text by typing (so completion and key bindings are real). */
async function typeQuery(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('sql-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

const results = (page: Page) => page.getByTestId('sql-results');

test('type a query, autocomplete a column, run it and read the rows', async ({ page }) => {
  await openSql(page);
  // Completion is schema-aware: columns of a table after `table.`, with their types.
  await typeQuery(page, 'SELECT id, accounts.risk_sc');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'risk_score' });
  await expect(option).toBeVisible();
  await expect(option).toContainText('REAL');
  // Accept the option. (Clicking it, not Enter: CodeMirror ignores Enter for a short interaction
  // delay after the list updates, which made an Enter-based step flaky on a loaded machine.)
  await expect(page.locator('.cm-tooltip-autocomplete li[aria-selected]')).toContainText('risk_score');
  await option.click();
  await expect(page.locator('.cm-tooltip-autocomplete')).toHaveCount(0);
  await page.keyboard.type(' AS score FROM accounts ORDER BY id LIMIT 25');
  await expect(page.locator('.cm-content')).toHaveText(
    'SELECT id, accounts.risk_score AS score FROM accounts ORDER BY id LIMIT 25',
  );
  await page.keyboard.press('ControlOrMeta+Enter');

  await expect(results(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sql-rowcount')).toContainText('25 rows');
  const grid = page.getByTestId('sql-grid');
  await expect(grid.locator('.ag-header-cell', { hasText: 'score' })).toContainText('real');
  await expect(grid.locator('.ag-row[row-index="0"] [col-id="c0"]')).toHaveText('acc_0000001');

  // Unqualified columns complete from the tables the query mentions.
  await typeQuery(page, 'SELECT count(*) FROM accounts WHERE lifecycle_st');
  const unqualified = page.locator('.cm-tooltip-autocomplete li', { hasText: 'lifecycle_state' });
  await expect(unqualified).toContainText('accounts');
  await expect(page.locator('.cm-tooltip-autocomplete li[aria-selected]')).toContainText('lifecycle_state');
  await unqualified.click();
  await expect(page.locator('.cm-tooltip-autocomplete')).toHaveCount(0);
  await page.keyboard.type(" = 'active'");
  await expect(page.locator('.cm-content')).toHaveText(
    "SELECT count(*) FROM accounts WHERE lifecycle_state = 'active'",
  );
});

test('a runaway query is cancelled at once and the runner works again', async ({ page }) => {
  await openSql(page);
  await typeQuery(page, 'SELECT count(*) FROM events a, events b, events c');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(results(page)).toHaveAttribute('data-state', 'running');
  await expect(results(page).getByRole('status')).toContainText('Running');
  await page.getByTestId('sql-cancel').click();
  await expect(results(page)).toHaveAttribute('data-state', 'cancelled', { timeout: 2000 });
  await expect(results(page)).toContainText('Query stopped');

  await typeQuery(page, "SELECT 'ready again' AS status");
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(results(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sql-grid').locator('.ag-row[row-index="0"] [col-id="c0"]')).toHaveText('ready again');
});

test('a write is refused with the reason, and the history records it', async ({ page }) => {
  await openSql(page);
  await typeQuery(page, 'DELETE FROM accounts');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(results(page)).toHaveAttribute('data-state', 'error');
  await expect(results(page)).toContainText('Query refused');
  await expect(results(page)).toContainText('DELETE statements are refused');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByTestId('sql-history')).toContainText('DELETE FROM accounts');
  await expect(page.getByTestId('sql-history')).toContainText('SQL_REFUSED');
});

test('save a query to the library, keep tabs across a reload, pin a result to a case', async ({ page, server }) => {
  const created = await server.call<{ id: string }>('cases.create', {
    title: 'Payout ring under review',
    subjects: ['acc_0000001'],
  });
  await openSql(page);
  await typeQuery(page, 'SELECT id, created_at FROM accounts ORDER BY id LIMIT 3');
  await page.getByRole('button', { name: 'Save…' }).click();
  await page.getByLabel('Name').fill('First accounts');
  await page.getByLabel('Tags').fill('accounts, e2e');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'First accounts' })).toBeVisible();
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('sql-library')).toContainText('First accounts');

  await page.reload();
  await expect(page.locator('html[data-screen="sql"][data-screen-state="ready"]')).toBeAttached();
  await expect(page.getByRole('tab', { name: 'First accounts' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.cm-content')).toHaveText('SELECT id, created_at FROM accounts ORDER BY id LIMIT 3');

  await page.getByTestId('sql-run').click();
  await expect(results(page)).toHaveAttribute('data-state', 'done');
  await page.getByTestId('sql-pin').click();
  await page.getByLabel('Case', { exact: true }).selectOption(created.id);
  await page.getByRole('button', { name: 'Pin as evidence' }).click();
  await expect(page.getByText(`Pinned to ${created.id}`)).toBeVisible();
});
