/**
 * The Sources screen against a real `ringside serve`: inline errors from sources.add, the
 * folder picker, the browser-mode drop message, a real sync with run history and files, and the
 * quarantine viewer on a deliberately broken CSV. Waits on data-jobs and run-row states.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CLI, expect, test, waitForJobsIdle } from './fixtures.js';

test.use({ demoAccounts: 0 });

async function openSources(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Sources', exact: true }).click();
  await expect(page.locator('html[data-screen="sources"][data-screen-state="ready"]')).toBeAttached();
}

const locationField = (page: Page) => page.getByLabel('Folder path or http(s) manifest URL');

async function addSource(page: Page, location: string): Promise<void> {
  await locationField(page).fill(location);
  await page.getByRole('button', { name: 'Add source' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Sources' })
      .getByRole('row')
      .filter({ hasText: path.basename(location) }),
  ).toBeVisible();
}

/** Clicks Sync now for a source and waits until its run is recorded and no job runs. */
async function syncAndWait(page: Page, name: string, status: string): Promise<void> {
  await page.getByRole('button', { name: `Sync now: ${name}` }).click();
  const run = page
    .getByRole('table', { name: 'Run history' })
    .locator(`tr[data-run-status="${status}"]`)
    .filter({ hasText: name });
  await expect(run.first()).toBeVisible({ timeout: 60_000 });
  await waitForJobsIdle(page);
}

function writeDemo(dir: string, accounts: number): void {
  execFileSync(process.execPath, [CLI, 'demo', '--out', dir, '--accounts', String(accounts)], { stdio: 'pipe' });
}

test('a folder that does not exist is refused inline, naming the folder', async ({ page, server }) => {
  await openSources(page);
  const missing = path.join(server.workspace, 'no-such-folder');
  await locationField(page).fill(missing);
  await page.getByRole('button', { name: 'Add source' }).click();
  const error = page.getByTestId('source-location-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('no-such-folder');
  await expect(error).toContainText('NOT_FOUND');
  await expect(locationField(page)).toHaveAttribute('aria-invalid', 'true');
  // Typing again clears the error.
  await locationField(page).fill(server.workspace);
  await expect(error).toHaveCount(0);
});

test('the folder picker browses folders and fills the field', async ({ page, server }) => {
  const target = path.join(server.workspace, 'picked-extract');
  fs.mkdirSync(target);
  await openSources(page);
  await locationField(page).fill(server.workspace);
  await page.getByRole('button', { name: 'Browse…' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose a source folder' });
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: 'picked-extract' }).click();
  await expect(picker.getByLabel('Folder path')).toHaveValue(target);
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(picker).toBeHidden();
  await expect(locationField(page)).toHaveValue(target);
});

test('dropping a folder in browser mode explains why it cannot be used', async ({ page }) => {
  await openSources(page);
  // A string, because the test tsconfig has no DOM types; it runs in the page.
  const dataTransfer = await page.evaluateHandle(
    "(() => { const dt = new DataTransfer(); dt.items.add(new File(['x'], 'some-folder')); return dt; })()",
  );
  const screen = page.getByTestId('screen-sources');
  await screen.dispatchEvent('dragover', { dataTransfer });
  await screen.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('drop-notice')).toContainText('Browser mode cannot know where a dropped folder is');
  await expect(page.getByTestId('drop-notice')).toContainText('Browse…');
});

test('sync a demo folder: progress, run history with rows, files with hashes, entity counts', async ({
  page,
  server,
}) => {
  const dir = path.join(server.workspace, 'e2e-extract');
  writeDemo(dir, 200);
  await openSources(page);
  await addSource(page, dir);
  await syncAndWait(page, 'e2e-extract', 'succeeded');

  const run = page.getByRole('table', { name: 'Run history' }).locator('tr[data-run-status="succeeded"]').first();
  await expect(run).toContainText('Succeeded');
  const inserted = await run.locator('td').nth(4).innerText();
  expect(Number(inserted.replace(/,/g, ''))).toBeGreaterThan(0);

  // The newest run is selected: its files are listed with their SHA-256.
  const files = page.getByTestId('run-files');
  await expect(files.locator('tr[data-file-status="applied"]').first()).toBeVisible();
  await expect(files.locator('td.hash').first()).toHaveText(/^[0-9a-f]{12}…$/);

  // Entity counts come from the cache: 200 accounts.
  const counts = page.getByRole('region', { name: 'Rows in the cache' });
  await expect(counts.locator('.stat').filter({ hasText: 'Accounts' }).locator('dd')).toHaveText('200');

  // The source row shows the last run.
  await expect(
    page.getByRole('table', { name: 'Sources' }).getByRole('row').filter({ hasText: 'e2e-extract' }),
  ).toContainText('Succeeded');
});

test('the quarantine viewer shows a row from a broken CSV with its raw text', async ({ page, server }) => {
  const demo = path.join(server.workspace, 'demo-for-header');
  writeDemo(demo, 20);
  const [header, firstRow] = fs.readFileSync(path.join(demo, 'accounts.csv'), 'utf8').split(/\r?\n/);
  const broken = path.join(server.workspace, 'broken-extract');
  fs.mkdirSync(broken);
  const badRow = 'this-row-has,too-few-fields';
  fs.writeFileSync(path.join(broken, 'accounts.csv'), `${header}\n${firstRow}\n${badRow}\n`);

  await openSources(page);
  await addSource(page, broken);
  await page.getByRole('button', { name: 'Sync now: broken-extract' }).click();
  const run = page
    .getByRole('table', { name: 'Run history' })
    .locator('tr[data-run-id]')
    .filter({ hasText: 'broken-extract' });
  await expect(run.first()).not.toHaveAttribute('data-run-status', 'running', { timeout: 60_000 });
  await waitForJobsIdle(page);
  await run.first().click();

  const quarantine = page.getByTestId('quarantine');
  const row = quarantine.getByRole('row').filter({ hasText: badRow });
  await expect(row).toBeVisible();
  await expect(row.getByRole('gridcell', { name: 'accounts.csv' })).toBeVisible();
  await expect(row.getByRole('gridcell').filter({ hasText: /expected \d+ fields/ })).toBeVisible();
  await row.getByRole('gridcell', { name: 'accounts.csv' }).click();
  await expect(page.getByTestId('quarantine-raw')).toHaveText(badRow);
});
