/**
 * Which better-sqlite3 addon the desktop app loads. node_modules holds a build for Node's ABI
 * (tests, the CLI, browser mode); Electron has its own ABI and cannot load it. In development
 * `node scripts/electron-native.mjs` compiles a second copy against Electron's headers into
 * `.native/electron-<version>/better_sqlite3.node`; main points RINGSIDE_SQLITE_BINDING at it
 * (electron/db/open.ts reads the variable) before the data service starts, so its workers and
 * child processes inherit it. A packaged app has no `.native` folder: electron-builder rebuilt
 * the package's own addon for Electron (`npmRebuild: true`), and the default binding is right.
 *
 * No `electron` import: unit-testable, and the version comes in as an argument.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SQLITE_BINDING_ENV = 'RINGSIDE_SQLITE_BINDING';

/** Where the development copy for this Electron version lives under the project root. */
export function electronSqliteBindingPath(projectRoot: string, electronVersion: string): string {
  return path.join(projectRoot, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
}

/**
 * Sets RINGSIDE_SQLITE_BINDING to the development copy when it exists and the variable is not
 * already set (an explicit value wins). Returns the binding in use, or null for the default.
 */
export function useElectronSqliteBinding(
  env: NodeJS.ProcessEnv,
  projectRoot: string,
  electronVersion: string | undefined,
  exists: (file: string) => boolean = fs.existsSync,
): string | null {
  const explicit = env[SQLITE_BINDING_ENV];
  if (explicit) return explicit;
  if (!electronVersion) return null;
  const candidate = electronSqliteBindingPath(projectRoot, electronVersion);
  if (!exists(candidate)) return null;
  env[SQLITE_BINDING_ENV] = candidate;
  return candidate;
}

/** True for the loader's message when an addon was compiled for another runtime's ABI. */
export function isAbiMismatch(message: string): boolean {
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message);
}
