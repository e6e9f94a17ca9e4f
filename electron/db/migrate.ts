/**
 * Schema migrations (Bruno's model): numbered, append-only, each applied in its own
 * transaction, each recorded with the SHA-256 of its text. Opening a cache
 *  - from a newer Ringside (user_version above what we ship)  -> SCHEMA_TOO_NEW, untouched;
 *  - whose applied migration text differs from ours           -> MIGRATION_MODIFIED, untouched;
 *  - that is older                                             -> migrated up, one step at a time.
 * A migration that fails rolls back alone; the cache stays at the previous version.
 */
import { createHash } from 'node:crypto';
import { RingsideError } from '../../shared/contract/errors.js';
import type { Db } from './open.js';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations/index.js';

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql, 'utf8').digest('hex');
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Brings `db` to `target` (default: the latest). Returns the versions applied. */
export function migrate(db: Db, target: number = LATEST_SCHEMA_VERSION, migrations = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const current = schemaVersion(db);
  const known = migrations.length;
  if (current > known) {
    throw new RingsideError(
      'SCHEMA_TOO_NEW',
      `This cache has schema version ${current}, written by a newer Ringside; this build knows versions up to ${known}. ` +
        'Open it with a newer Ringside, or point --workspace at another folder. The cache was not changed.',
      { cacheVersion: current, supportedVersion: known },
    );
  }
  verifyApplied(db, migrations.slice(0, current));
  const applied: number[] = [];
  for (const migration of migrations.slice(current, target)) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        migrationHash(migration),
        Date.now(),
      );
      db.pragma(`user_version = ${migration.version}`);
    });
    apply();
    applied.push(migration.version);
  }
  return applied;
}

function verifyApplied(db: Db, applied: readonly Migration[]): void {
  const rows = db.prepare('SELECT version, sha256 FROM schema_migrations ORDER BY version').all() as {
    version: number;
    sha256: string;
  }[];
  const stored = new Map(rows.map((row) => [row.version, row.sha256]));
  for (const migration of applied) {
    const hash = stored.get(migration.version);
    if (hash !== migrationHash(migration)) {
      throw new RingsideError(
        'MIGRATION_MODIFIED',
        `Migration ${migration.version} (${migration.name}) in this cache does not match the one this build ships ` +
          `(stored ${hash ?? 'none'}, expected ${migrationHash(migration)}). The cache was not changed.`,
        { version: migration.version },
      );
    }
  }
}
