/**
 * The app shell in browser mode: navigation (rail, hash routes, `g` chords, command palette),
 * empty states, theme, the status bar during a job, Settings' field errors, and the
 * connection indicator. Waits on data-app-state / data-screen-state / data-jobs, never sleeps.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test, waitForJobsIdle } from './fixtures.js';

const SCREENS = [
  { id: 'overview', label: 'Overview' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'cases', label: 'Cases' },
  { id: 'graph', label: 'Graph' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'sql', label: 'SQL' },
  { id: 'sources', label: 'Sources' },
  { id: 'packets', label: 'Packets', heading: 'Evidence packets' },
  { id: 'rules', label: 'Rules', heading: 'Rules lab' },
  { id: 'settings', label: 'Settings' },
] as const;

const rail = (page: Page) => page.getByRole('navigation', { name: 'Screens' });

async function openScreen(page: Page, label: string): Promise<void> {
  await rail(page).getByRole('link', { name: label, exact: true }).click();
}

async function expectScreen(page: Page, id: string, heading: string): Promise<void> {
  await expect(page.locator(`html[data-screen="${id}"][data-screen-state="ready"]`)).toBeAttached();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  expect(new URL(page.url()).hash).toBe(`#/${id}`);
}

test.describe('with an empty workspace', () => {
  test.use({ demoAccounts: 0 });

  test('the rail reaches every screen; reload keeps the screen', async ({ page }) => {
    for (const screen of SCREENS) {
      await openScreen(page, screen.label);
      await expectScreen(page, screen.id, 'heading' in screen ? screen.heading : screen.label);
      await expect(rail(page).getByRole('link', { name: screen.label, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      if (screen.id === 'rules') {
        // An empty workspace has no rules: the screen offers the starter set.
        await expect(page.getByText('No rules yet.')).toBeVisible();
        await expect(page.getByRole('button', { name: 'Add starter rules' })).toBeVisible();
      }
    }
    await page.reload();
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
    await expectScreen(page, 'settings', 'Settings');
  });

  test('the command palette opens with Ctrl+K, filters, navigates with the keyboard and closes with Escape', async ({
    page,
  }) => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('combobox', { name: 'Type a command' })).toBeFocused();
    // Every screen is listed with its shortcut.
    await expect(palette.getByRole('option', { name: /Go to Timeline/ })).toContainText('G T');

    await page.keyboard.type('go sql');
    await expect(palette.getByRole('option').first()).toHaveText(/Go to SQL/);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expectScreen(page, 'sql', 'SQL');

    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await page.keyboard.type('sources');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expectScreen(page, 'sources', 'Sources');

    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
  });

  test('g then a letter jumps to a screen', async ({ page }) => {
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await expectScreen(page, 'sources', 'Sources');
    await page.keyboard.press('g');
    await page.keyboard.press(',');
    await expectScreen(page, 'settings', 'Settings');
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await expectScreen(page, 'overview', 'Overview');
  });

  test('the theme toggles from the palette and from Settings', async ({ page }) => {
    const html = page.locator('html');
    const before = await html.getAttribute('data-theme');
    expect(before === 'light' || before === 'dark').toBe(true);
    const flipped = before === 'dark' ? 'light' : 'dark';

    await page.keyboard.press('Control+k');
    await page.keyboard.type('toggle theme');
    await page.keyboard.press('Enter');
    await expect(html).toHaveAttribute('data-theme', flipped);
    await expect(html).toHaveAttribute('data-ag-theme-mode', flipped);

    await openScreen(page, 'Settings');
    await expect(page.locator('html[data-screen="settings"][data-screen-state="ready"]')).toBeAttached();
    const theme = page.getByRole('group', { name: 'Theme' });
    await theme.getByRole('button', { name: 'Dark' }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(theme.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
    await theme.getByRole('button', { name: 'Light' }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    // The choice is stored in the workspace, so it survives a reload.
    await page.reload();
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('Settings shows the email error next to the field, then saves a valid identity', async ({ page }) => {
    await openScreen(page, 'Settings');
    await expect(page.locator('html[data-screen="settings"][data-screen-state="ready"]')).toBeAttached();
    const name = page.getByLabel('Name', { exact: true });
    const email = page.getByLabel('Email', { exact: true });
    await name.fill('Riya Investigator');
    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Save identity' }).click();

    const error = page.getByTestId('identity-email-error');
    await expect(error).toHaveText('Not a valid email address');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAttribute('aria-describedby', 'identity-email-error');
    await expect(page.getByTestId('identity-name-error')).toHaveCount(0);
    // "Next to the field": the message sits directly under the email input.
    const [inputBox, errorBox] = [await email.boundingBox(), await error.boundingBox()];
    expect(errorBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(12);

    await email.fill('riya@example.org');
    await expect(error).toHaveCount(0);
    await page.getByRole('button', { name: 'Save identity' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Identity saved' })).toBeVisible();
    await page.reload();
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('riya@example.org');
  });

  test('a lost connection shows "Reconnecting" in the status bar', async ({ page, server }) => {
    const connection = page.locator('[data-connection]');
    await expect(connection).toHaveAttribute('data-connection', 'connected');
    server.process.kill('SIGTERM');
    await expect(connection).toHaveAttribute('data-connection', 'reconnecting');
    await expect(connection).toHaveText(/Reconnecting/);
  });
});

test.describe('with demo data', () => {
  test.use({ demoAccounts: 400 });

  test('first launch loads demo data as a job, and the Overview refreshes when it lands', async ({
    browser,
    server,
  }) => {
    const page = await browser.newPage();
    await openApp(page, server, { waitIdle: false });
    await waitForJobsIdle(page);
    await expect(page.locator('html[data-screen="overview"]')).toBeAttached();
    await expect(page.locator('.stat').filter({ hasText: 'Accounts' }).locator('dd')).toHaveText('400');
    await expect(page.getByTestId('accounts-total')).toHaveText('400');
    await expect(page.locator('.grid-accounts .ag-row').first()).toBeVisible();
    // The job is listed in the jobs popover with its result.
    await page.getByRole('button', { name: /Jobs/ }).click();
    const jobs = page.getByRole('dialog', { name: 'Recent jobs' });
    await expect(jobs.locator('[data-job-state="succeeded"]').filter({ hasText: 'Loading demo data' })).toBeVisible();
    await page.close();
  });

  test('the status bar shows a running job with progress, then its result', async ({ page }) => {
    await openScreen(page, 'Settings');
    await expect(page.locator('html[data-screen="settings"][data-screen-state="ready"]')).toBeAttached();
    await page.getByLabel('Accounts').fill('3000');
    await page.getByRole('button', { name: 'Load demo data…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Load demo data?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Load demo data' }).click();

    const status = page.getByRole('contentinfo', { name: 'Status' });
    // Busy from the moment the call returns (the window tracks the job it started).
    await expect(status).toContainText('Loading demo data');
    await expect(status.getByRole('progressbar', { name: 'Loading demo data progress' })).toBeVisible();
    await expect(status.getByRole('button', { name: 'Cancel Loading demo data' })).toBeVisible();
    await waitForJobsIdle(page, 90_000);
    await expect(status.locator('[data-last-job-state]')).toHaveAttribute('data-last-job-state', 'succeeded');
    await expect(status).toContainText('succeeded');
  });

  test('Cancel in the status bar stops a running job and says so', async ({ page }) => {
    await openScreen(page, 'Settings');
    await expect(page.locator('html[data-screen="settings"][data-screen-state="ready"]')).toBeAttached();
    await page.getByLabel('Accounts').fill('200000');
    await page.getByRole('button', { name: 'Load demo data…' }).click();
    await page.getByRole('dialog', { name: 'Load demo data?' }).getByRole('button', { name: 'Load demo data' }).click();
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await status.getByRole('button', { name: 'Cancel Loading demo data' }).click();
    await waitForJobsIdle(page);
    await expect(status.locator('[data-last-job-state]')).toHaveAttribute('data-last-job-state', 'cancelled');
    await page.getByRole('button', { name: /Jobs/ }).click();
    const jobs = page.getByRole('dialog', { name: 'Recent jobs' });
    await expect(jobs.locator('[data-job-state="cancelled"]').filter({ hasText: 'Loading demo data' })).toBeVisible();
  });
});
