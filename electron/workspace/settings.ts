/**
 * Workspace settings live in the cache's `settings` table (key -> JSON), so they travel with the
 * workspace and every change can be audited. Unknown or malformed stored values fall back to
 * defaults rather than breaking the app.
 */
import os from 'node:os';
import type { Settings } from '../../shared/contract/types.js';
import type { Db } from '../db/open.js';

export const DEFAULT_SETTINGS: Settings = { identity: null, theme: 'system', displayZone: 'utc' };

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited, unreadable value: ignore it and keep the default.
    }
  }
  const identity = stored['identity'];
  const theme = stored['theme'];
  const displayZone = stored['displayZone'];
  return {
    identity:
      identity && typeof identity === 'object' && typeof (identity as { name?: unknown }).name === 'string'
        ? (identity as Settings['identity'])
        : DEFAULT_SETTINGS.identity,
    theme: theme === 'light' || theme === 'dark' || theme === 'system' ? theme : DEFAULT_SETTINGS.theme,
    displayZone: displayZone === 'local' || displayZone === 'utc' ? displayZone : DEFAULT_SETTINGS.displayZone,
  };
}

export function writeSettings(db: Db, changes: Partial<Settings>): Settings {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  })();
  return readSettings(db);
}

/** Who is acting: the identity from Settings, else the OS user (marked as such). */
export function actorName(db: Db): string {
  const identity = readSettings(db).identity;
  if (identity) return `${identity.name} <${identity.email}>`;
  let user = process.env['USER'] ?? process.env['USERNAME'];
  if (!user) {
    try {
      user = os.userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `${user} (os user; set your identity in Settings)`;
}
