import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/chromium.js';

// E2E runs the real UI in browser mode: each test starts its own `ringside serve` on a free
// port with its own workspace (tests/e2e/fixtures.ts) and drives Debian's Chromium, found via
// CHROMIUM_PATH or /usr/bin/chromium (Playwright cannot download browsers here).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: process.env['CI'] ? 1 : 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
