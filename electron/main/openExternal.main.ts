/**
 * THE way the desktop app opens something outside itself. `shell.openExternal` is called here and
 * nowhere else (tests/unit/electron-security.test.ts fails if it appears in any other file), and
 * only with a URL that `checkExternalUrl` accepted: absolute `https:`, no credentials, no control
 * characters (see shared/lib/externalUrl.ts for why http: is refused too).
 *
 * Returns whether the URL was handed to the OS. A refused URL is logged with the reason, never
 * thrown: callers are navigation and window-open guards that must not fail.
 */
import { shell } from 'electron';
import { checkExternalUrl } from '../../shared/lib/externalUrl.js';

export async function safeOpenExternal(candidate: unknown): Promise<boolean> {
  const verdict = checkExternalUrl(candidate);
  if (!verdict.ok) {
    console.warn(`Ringside: refused to open an external link (${verdict.reason}): ${String(candidate).slice(0, 200)}`);
    return false;
  }
  try {
    await shell.openExternal(verdict.url, { activate: true });
    return true;
  } catch (err) {
    console.warn(`Ringside: the system could not open ${verdict.url}: ${(err as Error).message}`);
    return false;
  }
}
