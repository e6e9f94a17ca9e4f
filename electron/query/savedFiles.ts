/**
 * Saved queries as `.sql` files, so they can be reviewed and versioned in git. A file is a
 * header of `-- key: value` comment lines, one blank line, then the SQL exactly as typed:
 *
 *   -- name: Accounts sharing a payout instrument
 *   -- description: Bank accounts or cards paid out to more than one account.
 *   -- tags: payouts, rings
 *
 *   SELECT ...
 *
 * Parsing a formatted file gives back the same name, description, tags and SQL (round trip).
 * Multi-line descriptions continue on `--   ` lines. The starter library ships read-only in
 * resources/queries; saving a starter query writes a copy into the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { SavedQuery } from '../../shared/contract/sql.js';
import { slug } from '../../shared/lib/slug.js';
import { findResource } from '../resources.js';

export interface QueryFileContent {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly sql: string;
}

/** The text of a saved-query file. */
export function formatQueryFile(q: QueryFileContent): string {
  const oneLine = (s: string) => s.replace(/\r?\n/g, ' ');
  const description = q.description.split(/\r?\n/);
  const lines = [
    `-- name: ${oneLine(q.name)}`,
    `-- description: ${description[0] ?? ''}`,
    ...description.slice(1).map((l) => `--   ${l}`),
  ];
  lines.push(`-- tags: ${q.tags.map((t) => oneLine(t).replace(/,/g, ' ')).join(', ')}`);
  // Exactly one newline is added after the SQL and removed on reading, so the text round-trips.
  return `${lines.join('\n')}\n\n${q.sql}\n`;
}

/** Reads the header back; a file without a header is all SQL, named after the file. */
export function parseQueryFile(text: string, fallbackName: string): QueryFileContent {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let name = fallbackName;
  const description: string[] = [];
  let tags: string[] = [];
  let i = 0;
  let inDescription = false;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const field = /^-- (name|description|tags): ?(.*)$/.exec(line);
    if (field) {
      const [, key, value = ''] = field;
      inDescription = key === 'description';
      if (key === 'name') name = value.trim();
      else if (key === 'description') description.push(value);
      else
        tags = value
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t.length > 0);
    } else if (inDescription && line.startsWith('--   ')) {
      description.push(line.slice(5));
    } else break;
  }
  if (i > 0 && lines[i] === '') i++;
  const body = lines.slice(i).join('\n');
  const sql = i > 0 && body.endsWith('\n') ? body.slice(0, -1) : body;
  return { name, description: description.join('\n'), tags, sql };
}

/** resources/queries (an empty library when this installation lacks it). */
export function starterDir(): string {
  return findResource('queries') ?? path.resolve('resources', 'queries');
}

function readDir(dir: string, prefix: string, readOnly: boolean): SavedQuery[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const content = parseQueryFile(fs.readFileSync(file, 'utf8'), f.replace(/\.sql$/, ''));
      return { id: `${prefix}${f}`, ...content, readOnly, file };
    });
}

/** The workspace's saved queries, then the starter library. */
export function listSavedQueries(queriesDir: string, starter = starterDir()): SavedQuery[] {
  return [...readDir(queriesDir, '', false), ...readDir(starter, 'starter/', true)];
}


/** A workspace file id must be a plain `<name>.sql` in the queries folder: no paths. */
function workspaceFile(queriesDir: string, id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.sql$/.test(id)) {
    throw new RingsideError(
      'BAD_REQUEST',
      `"${id}" is not a saved query of this workspace (starter queries are read-only).`,
    );
  }
  return path.join(queriesDir, id);
}

/** Writes (or overwrites, when `id` is a workspace file) a saved query. */
export function saveQuery(queriesDir: string, q: QueryFileContent & { id?: string | undefined }): SavedQuery {
  fs.mkdirSync(queriesDir, { recursive: true });
  let file: string;
  if (q.id && !q.id.startsWith('starter/')) {
    file = workspaceFile(queriesDir, q.id);
  } else {
    const base = slug(q.name, 80, 'query');
    file = path.join(queriesDir, `${base}.sql`);
    for (let n = 2; fs.existsSync(file); n++) file = path.join(queriesDir, `${base}-${n}.sql`);
  }
  const text = formatQueryFile(q);
  try {
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
  } catch (err) {
    throw new RingsideError('IO_ERROR', `Cannot write ${file}: ${(err as Error).message}`);
  }
  return { id: path.basename(file), ...parseQueryFile(text, q.name), readOnly: false, file };
}

export function deleteSavedQuery(queriesDir: string, id: string): boolean {
  const file = workspaceFile(queriesDir, id);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
}
