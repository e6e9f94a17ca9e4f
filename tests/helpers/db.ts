/**
 * Tiny helpers for tests that need a real SQLite cache (Signal's createDB/updateToVersion):
 * every call makes a fresh temp folder; nothing is mocked.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/db/open.js';
import { migrate } from '../../electron/db/migrate.js';

export function tempDir(prefix = 'ringside-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A new cache file, migrated to `version` (default: latest). */
export function createDB(version?: number): { db: Db; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'cache.sqlite');
  const db = openDatabase(file);
  migrate(db, version);
  return { db, file, dir };
}

export function updateToVersion(db: Db, version: number): number[] {
  return migrate(db, version);
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Content fingerprint of every table (order-independent), to prove "the cache is as before". */
export function tableFingerprint(db: Db): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all().map((row) => JSON.stringify(row)).sort();
    out[name] = crypto.createHash('sha256').update(rows.join('\n')).digest('hex');
  }
  return out;
}
