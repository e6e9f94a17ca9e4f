/**
 * Files shipped in `resources/` (default policy, starter queries, starter rules), found by walking
 * up from this module: `electron/` in the source tree (tests, tsx), `dist/electron/` when built,
 * and the same layout inside the packaged app (electron-builder copies `resources/**`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The absolute path of `resources/<parts...>`, or null when this installation lacks it. */
export function findResource(...parts: string[]): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', ...parts);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}
