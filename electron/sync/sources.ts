/**
 * The source registry (sync_sources): a local folder (a mounted share is a folder) or the HTTP(S)
 * URL of a manifest. Locations are normalised so the same place is one source: folders become
 * absolute paths, URLs their canonical href (a URL ending in `/` means its `extract.json`).
 * Removing a source only hides it (its runs reference it); adding the location again restores it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { SourceInfo, SourceKind } from '../../shared/contract/sync.js';
import type { Db } from '../db/open.js';
import { MANIFEST_NAME } from './manifest.js';
import { lastRunOf } from './runs.js';

/** Per-source settings kept in sync_sources.config (JSON). */
export interface SourceConfig {
  /** HTTP: how long a request may wait for the server (headers or the next body bytes). */
  readonly timeoutMs?: number;
}

export interface SourceRow {
  readonly id: number;
  readonly name: string;
  readonly kind: SourceKind;
  readonly location: string;
  readonly addedAt: number;
  readonly addedBy: string;
  readonly config: SourceConfig;
}

/**
 * Validates and normalises a location. Throws BAD_INPUT for a URL that is not http(s) or a path
 * that is not a folder, NOT_FOUND for a folder that does not exist; each message names it.
 */
export function normalizeLocation(location: string): { kind: SourceKind; location: string } {
  const trimmed = location.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new RingsideError('BAD_INPUT', `"${trimmed}" is not a valid URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RingsideError('BAD_INPUT', `Only http(s) URLs can be sources, not ${url.protocol}// (${trimmed}).`);
    }
    if (url.username || url.password) {
      throw new RingsideError(
        'BAD_INPUT',
        `Put no credentials in a source URL (${url.host}); they would be stored in the cache.`,
      );
    }
    url.hash = '';
    if (url.pathname.endsWith('/')) url.pathname += MANIFEST_NAME;
    return { kind: 'http', location: url.href };
  }
  const folder = path.resolve(trimmed);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new RingsideError('NOT_FOUND', `Folder ${folder} does not exist (or cannot be reached).`, {
      location: folder,
    });
  }
  if (!stat.isDirectory()) {
    throw new RingsideError(
      'BAD_INPUT',
      `${folder} is a file, not a folder: give the folder that holds the extract (and its extract.json, if any).`,
      {
        location: folder,
      },
    );
  }
  return { kind: 'folder', location: folder };
}

function defaultName(kind: SourceKind, location: string): string {
  if (kind === 'folder') return path.basename(location) || location;
  const url = new URL(location);
  const dir = url.pathname.replace(/\/[^/]*$/, '');
  return `${url.host}${dir}`;
}

interface StoredSource {
  id: number;
  name: string;
  kind: SourceKind;
  location: string;
  added_at: number;
  added_by: string;
  config: string;
  removed_at: number | null;
}

function toRow(row: StoredSource): SourceRow {
  let config: SourceConfig = {};
  try {
    const parsed = JSON.parse(row.config) as unknown;
    if (parsed && typeof parsed === 'object') config = parsed as SourceConfig;
  } catch {
    // A hand-edited, unreadable config falls back to defaults.
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    location: row.location,
    addedAt: row.added_at,
    addedBy: row.added_by,
    config,
  };
}

/**
 * Registers a location (validated, see normalizeLocation) or returns the source already there,
 * restoring it if it was removed and renaming it when a new name is given.
 */
export function addSource(db: Db, location: string, opts: { name?: string | undefined; actor: string }): SourceRow {
  const normal = normalizeLocation(location);
  const existing = db.prepare('SELECT * FROM sync_sources WHERE location = ?').get(normal.location) as
    StoredSource | undefined;
  if (existing) {
    if (existing.removed_at !== null || (opts.name && opts.name !== existing.name)) {
      db.prepare('UPDATE sync_sources SET removed_at = NULL, name = ? WHERE id = ?').run(
        opts.name ?? existing.name,
        existing.id,
      );
    }
    return getSource(db, existing.id);
  }
  const id = Number(
    db
      .prepare('INSERT INTO sync_sources (name, kind, location, added_at, added_by) VALUES (?, ?, ?, ?, ?)')
      .run(opts.name ?? defaultName(normal.kind, normal.location), normal.kind, normal.location, Date.now(), opts.actor)
      .lastInsertRowid,
  );
  return getSource(db, id);
}

/** A registered, not removed source; NOT_FOUND otherwise. */
export function getSource(db: Db, id: number): SourceRow {
  const row = db.prepare('SELECT * FROM sync_sources WHERE id = ? AND removed_at IS NULL').get(id) as
    StoredSource | undefined;
  if (!row) throw new RingsideError('NOT_FOUND', `Source #${id} does not exist (or was removed).`, { sourceId: id });
  return toRow(row);
}

/** The active source at a normalised location, if any. */
export function findSource(db: Db, location: string): SourceRow | null {
  const row = db.prepare('SELECT * FROM sync_sources WHERE location = ? AND removed_at IS NULL').get(location) as
    StoredSource | undefined;
  return row ? toRow(row) : null;
}

/** Active sources, oldest first, each with its latest run. */
export function listSources(db: Db): SourceInfo[] {
  const rows = db.prepare('SELECT * FROM sync_sources WHERE removed_at IS NULL ORDER BY id').all() as StoredSource[];
  return rows.map((row) => {
    const { config: _config, ...info } = toRow(row);
    return { ...info, lastRun: lastRunOf(db, row.id) };
  });
}

/** Hides a source; its runs, files and loaded rows stay. False when it was not there. */
export function removeSource(db: Db, id: number): boolean {
  return (
    db.prepare('UPDATE sync_sources SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(Date.now(), id)
      .changes > 0
  );
}

/** Merges settings into a source's config. */
export function updateSourceConfig(db: Db, id: number, patch: SourceConfig): SourceRow {
  const source = getSource(db, id);
  db.prepare('UPDATE sync_sources SET config = ? WHERE id = ?').run(JSON.stringify({ ...source.config, ...patch }), id);
  return getSource(db, id);
}

/** The source info the contract returns. */
export function sourceInfo(db: Db, source: SourceRow): SourceInfo {
  const { config: _config, ...info } = source;
  return { ...info, lastRun: lastRunOf(db, source.id) };
}
