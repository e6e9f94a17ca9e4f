/**
 * The Packets screen against a real `ringside serve` with the demo loaded: open it for a demo
 * case (as the Cases screen links to it), preview the external redaction, export with progress,
 * download the ZIP, then verify it in the browser: intact, and a tampered copy failing by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const SHOTS = '/tmp/shots-packets';

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('export a case from its case screen, download it, and verify it in the UI', async ({
  page,
  server,
}, testInfo) => {
  test.setTimeout(180_000);
  const cases = await server.call<{ rows: { id: string; subjects: number }[] }>('cases.list', { limit: 1000 });
  const kase = [...cases.rows].sort((a, b) => b.subjects - a.subjects)[0]!;
  await page.setViewportSize({ width: 1440, height: 1000 });
  // Start where a reviewer does: on the case, then "Export evidence packet…".
  await page.evaluate((id) => (window.location.hash = `/cases?case=${id}`), kase.id);
  await page.getByTestId('export-packet').click();
  await expect(page.locator('html[data-screen="packets"][data-screen-state="ready"]')).toBeAttached();
  await expect(page.getByTestId('packet-case')).toHaveValue(kase.id);

  await page.getByTestId('profile-external').click();
  const preview = page.getByTestId('redaction-preview');
  await expect(preview.locator('tr[data-field="email"]')).toContainText('email-');
  await shoot(page, '1-preview-external');
  await page.getByTestId('profile-custom').click();
  await expect(
    page.getByRole('group', { name: 'Fields to pseudonymise' }).or(page.locator('fieldset.field-checks')),
  ).toBeVisible();
  await shoot(page, '2-custom-fields');
  await page.getByTestId('profile-external').click();

  await page.getByTestId('packet-export-button').click();
  const result = page.getByTestId('export-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText(`${kase.id}-external-`);
  await expect(page.getByTestId('packet-list')).toContainText(kase.id);
  await shoot(page, '3-exported');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const zipPath = testInfo.outputPath('packet.zip');
  await download.saveAs(zipPath);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${kase.id}-external-[0-9a-f]{8}\\.zip$`));

  await page.getByTestId('verify-input').setInputFiles(zipPath);
  const verdict = page.getByTestId('verify-result');
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(verdict).toContainText('Intact');
  await expect(verdict).toContainText(kase.id);
  await shoot(page, '4-verified-ok');

  // A tampered copy: one CSV edited, one file planted.
  const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
  const root = `${kase.id}-external`;
  files[`${root}/data/events.csv`] = new TextEncoder().encode('id\r\nforged\r\n');
  files[`${root}/data/planted.txt`] = new TextEncoder().encode('planted');
  const tampered = testInfo.outputPath('tampered.zip');
  fs.writeFileSync(tampered, zipSync(files));
  await page.getByTestId('verify-input').setInputFiles(tampered);
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  await expect(verdict.locator('tr[data-status="altered"]')).toContainText('data/events.csv');
  await expect(verdict.locator('tr[data-status="extra"]')).toContainText('data/planted.txt');
  await shoot(page, '5-verified-tampered');
});
