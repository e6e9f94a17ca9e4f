import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate, migrationHash, schemaVersion } from '../../electron/db/migrate.js';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index.js';
import { openDatabase } from '../../electron/db/open.js';
import { RingsideError } from '../../shared/contract/errors.js';
import { createDB, sha256File, tempDir, updateToVersion } from '../helpers/db.js';

const tables = (db: ReturnType<typeof createDB>['db']) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('builds an empty cache up to the latest version, recording each hash', () => {
    const { db } = createDB(0);
    expect(schemaVersion(db)).toBe(0);
    const applied = updateToVersion(db, LATEST_SCHEMA_VERSION);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const stored = db.prepare('SELECT version, sha256 FROM schema_migrations ORDER BY version').all();
    expect(stored).toEqual(MIGRATIONS.map((m) => ({ version: m.version, sha256: migrationHash(m) })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('migration 1 creates the domain model of DESIGN.md', () => {
    const { db } = createDB(1);
    for (const table of [
      'accounts', 'identifiers', 'events', 'relations', 'cases', 'case_subjects', 'notes', 'evidence_items',
      'decisions', 'appeals', 'audit_log', 'sync_sources', 'sync_runs', 'sync_files', 'quarantine', 'outbox',
      'saved_queries', 'query_history', 'rules', 'rule_runs', 'settings',
    ]) {
      expect(tables(db)).toContain(table);
    }
    // STRICT tables refuse wrong types instead of coercing them.
    expect(() =>
      db.prepare("INSERT INTO accounts (id, created_at) VALUES ('a', 'not a time')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    // Lifecycle states are constrained.
    expect(() =>
      db.prepare("INSERT INTO accounts (id, created_at, lifecycle_state) VALUES ('a', 1, 'banned')").run(),
    ).toThrow(/CHECK constraint failed/);
    // The audit log is append-only.
    db.prepare(
      "INSERT INTO audit_log (at, tz, actor, action, entity_type, entity_id, payload, prev_hash, hash) VALUES (1,'UTC','t','x','case','c','{}','0','h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('is idempotent: opening a current cache applies nothing', () => {
    const { db } = createDB();
    expect(migrate(db)).toEqual([]);
  });

  it('refuses a cache written by a newer version and leaves it untouched', () => {
    const { db, file } = createDB();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha256File(file);
    const reopened = openDatabase(file);
    let error: unknown;
    try {
      migrate(reopened);
    } catch (err) {
      error = err;
    }
    reopened.close();
    expect(error).toBeInstanceOf(RingsideError);
    expect((error as RingsideError).code).toBe('SCHEMA_TOO_NEW');
    expect((error as RingsideError).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a cache whose applied migration was edited', () => {
    const { db } = createDB();
    const edited = MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited.length, edited)).toThrow(/Migration 1 \(initial\) in this cache does not match/);
  });

  it('rolls back a failing migration alone, leaving the previous version', () => {
    const { db } = createDB();
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT nonsense(' }];
    expect(() => migrate(db, broken.length, broken)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half');
  });

  it('a workspace folder that is a file fails with a clear IO error', async () => {
    const { ensureWorkspace } = await import('../../electron/workspace/workspace.js');
    const dir = tempDir();
    const file = `${dir}/not-a-folder`;
    fs.writeFileSync(file, 'x');
    expect(() => ensureWorkspace(file)).toThrow(/exists and is not a folder/);
  });
});
