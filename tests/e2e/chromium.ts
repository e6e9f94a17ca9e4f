/**
 * Where Chromium is and how to launch it on these machines: CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium. As root Chromium's sandbox cannot start, hence --no-sandbox there only;
 * background networking is off because the machine has no network (it would only add noise).
 */
import fs from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

export function chromiumPath(): string {
  const candidate = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(candidate)) {
    throw new Error(`Chromium not found at ${candidate}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return candidate;
}

export function chromiumLaunchOptions(): LaunchOptions {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    executablePath: chromiumPath(),
    args: [
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  };
}
