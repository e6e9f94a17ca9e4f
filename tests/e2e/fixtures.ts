/**
 * E2E fixtures: every test gets its own workspace folder and its own `ringside serve` (the
 * built CLI, exactly what a user runs), and a `page` already opened on the printed token URL
 * with the app ready. Tests wait on signals (`data-app-state`, `data-jobs`), never on sleeps.
 *
 *   test('x', async ({ page, server }) => { ... server.workspace, server.baseUrl ... })
 *
 * Options: `demoAccounts` (default 300; 0 = empty workspace, no demo load).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RingsideServer {
  readonly workspace: string;
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  readonly token: string;
  /** The URL the CLI printed (carries the token once). */
  readonly url: string;
  readonly process: ChildProcess;
  /** Calls a contract method over HTTP with the token (for arranging test data). */
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'ringside.js');

export async function startServer(options: { demoAccounts: number; workspace?: string }): Promise<RingsideServer> {
  const workspace = options.workspace ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ringside-e2e-'));
  const env = { ...process.env, RINGSIDE_DEMO_ACCOUNTS: String(options.demoAccounts), RINGSIDE_LOG_SLOW: '0' };
  const args = [CLI, '--workspace', workspace, 'serve', '--port', '0', ...(options.demoAccounts === 0 ? ['--no-demo'] : [])];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`ringside serve exited with ${code}:\n${output}`)));
    setTimeout(() => reject(new Error(`ringside serve printed no URL within 30 s:\n${output}`)), 30_000).unref();
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const baseUrl = `${parsed.protocol}//${parsed.host}`;
  return {
    workspace,
    baseUrl,
    token,
    url,
    process: child,
    async call<T>(method: string, params: unknown = {}) {
      const res = await fetch(`${baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      });
      const outcome = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error?.code} ${outcome.error?.message}`);
      return outcome.value as T;
    },
  };
}

export async function stopServer(server: RingsideServer): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(server.workspace, { recursive: true, force: true });
}

/** Opens the app and waits until it says it is ready (and, by default, no job is running). */
export async function openApp(page: Page, server: RingsideServer, options: { waitIdle?: boolean } = {}): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeAttached({ timeout: 30_000 });
  if (options.waitIdle ?? true) await waitForJobsIdle(page);
}

export async function waitForJobsIdle(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.locator('[data-jobs="idle"]')).toBeAttached({ timeout });
}

export const test = base.extend<{ demoAccounts: number; server: RingsideServer }>({
  demoAccounts: [300, { option: true }],
  server: async ({ demoAccounts }, use) => {
    const server = await startServer({ demoAccounts });
    await use(server);
    await stopServer(server);
  },
  page: async ({ page, server }, use) => {
    await openApp(page, server);
    await use(page);
  },
});

export { expect };

/**
 * Screenshots of the page in the light and the dark theme, `<dir>/<name>-light.png` and
 * `-dark.png`, for people to review what a change looks like (not compared by the tests).
 */
export async function shotBothThemes(page: Page, dir: string, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.screenshot({ path: `${dir}/${name}-${theme}.png`, fullPage: options.fullPage ?? false });
  }
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
}
