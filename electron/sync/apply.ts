/**
 * Writing mapped rows into the cache: prepared once per file, reused for every row. Callers hold
 * the file's transaction; nothing here commits.
 *
 * Counting inserted vs updated: `INSERT ... ON CONFLICT(key) DO NOTHING` first; `changes` = 1 is
 * an insert. On 0 the row exists, and `UPDATE ... WHERE key AND (col IS NOT new OR ...)` writes
 * it only if a value differs: `changes` = 1 is an update, 0 an identical row (neither counted).
 * A first load therefore costs one statement per row; re-loading a changed file two, and rows that
 * did not change are never rewritten (smaller WAL, honest "updated" figures).
 *
 * Column rules: NULL in a column with a schema default (lifecycle_state, priority, role) keeps the
 * stored value, or takes the default on insert. Identifier first_seen/last_seen merge with
 * min/max, whether they come from an identifiers file or are derived from events.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import { ENTITY_SPECS, type Entity, type FieldSpec } from '../../shared/domain/extract.js';

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Schema defaults of NOT NULL columns the extract may leave empty. */
const COLUMN_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  accounts: { lifecycle_state: 'active' },
  cases: { priority: 'P3' },
  case_subjects: { role: 'subject' },
};
const MERGE: Readonly<Record<string, Readonly<Record<string, 'min' | 'max'>>>> = {
  identifiers: { first_seen: 'min', last_seen: 'max' },
};

function quoteIdent(name: string): string {
  // Names come from ENTITY_SPECS (our code), never from a file; quoting is belt and braces.
  return `"${name.replace(/"/g, '""')}"`;
}

/** Whether an error is a constraint failure of one row (quarantined) rather than of the cache. */
export function isRowRejection(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG')
  );
}

/** Prepared upsert/update/delete statements of one entity for the columns one file provides. */
export class EntityWriter {
  private readonly insert: Statement;
  private readonly update: Statement | null;
  private readonly remove: Statement;
  private readonly keyIndexes: readonly number[];
  private readonly updateNames: readonly string[];
  private readonly updateIndexes: readonly number[];
  private readonly keyArgs: unknown[];
  private readonly updateArgs: Record<string, unknown> = {};

  /**
   * `fields` are the columns the file provides (the mapper's presentFields), plus `attrs` last
   * when `writesAttrs`. The key fields must be among them.
   */
  constructor(db: Db, entity: Entity, fields: readonly FieldSpec[], writesAttrs: boolean) {
    const spec = ENTITY_SPECS[entity];
    const table = quoteIdent(spec.table);
    const names = fields.map((f) => f.name);
    if (writesAttrs) names.push('attrs');
    const defaults = COLUMN_DEFAULTS[entity] ?? {};
    const merge = MERGE[entity] ?? {};
    const keyList = spec.key.map(quoteIdent).join(', ');
    const insertValues = names.map((name) => {
      const fallback = defaults[name];
      return fallback === undefined ? '?' : `coalesce(?, '${fallback.replace(/'/g, "''")}')`;
    });
    this.insert = db.prepare(
      `INSERT INTO ${table} (${names.map(quoteIdent).join(', ')}) VALUES (${insertValues.join(', ')}) ON CONFLICT (${keyList}) DO NOTHING`,
    );
    this.keyIndexes = spec.key.map((key) => names.indexOf(key));
    const keyWhere = spec.key.map((key, i) => `${quoteIdent(key)} = @k${i}`).join(' AND ');
    this.remove = db.prepare(
      `DELETE FROM ${table} WHERE ${spec.key.map((key) => `${quoteIdent(key)} = ?`).join(' AND ')}`,
    );
    this.keyArgs = new Array<unknown>(spec.key.length);

    const updatable = names.map((name, index) => ({ name, index })).filter(({ name }) => !spec.key.includes(name));
    this.updateNames = updatable.map((_, i) => `v${i}`);
    this.updateIndexes = updatable.map(({ index }) => index);
    if (updatable.length === 0) {
      this.update = null;
    } else {
      const exprs = updatable.map(({ name }, i) => {
        const col = quoteIdent(name);
        const param = `@v${i}`;
        if (defaults[name] !== undefined) return { col, expr: `coalesce(${param}, ${col})` };
        const how = merge[name];
        if (how) return { col, expr: `coalesce(${how}(${col}, ${param}), ${col}, ${param})` };
        return { col, expr: param };
      });
      this.update = db.prepare(
        `UPDATE ${table} SET ${exprs.map(({ col, expr }) => `${col} = ${expr}`).join(', ')} ` +
          `WHERE ${keyWhere} AND (${exprs.map(({ col, expr }) => `${expr} IS NOT ${col}`).join(' OR ')})`,
      );
    }
  }

  /** Inserts or updates one row. Throws SqliteError on a constraint failure (see isRowRejection). */
  upsert(values: readonly unknown[]): UpsertOutcome {
    if (this.insert.run(values as unknown[]).changes === 1) return 'inserted';
    if (this.update === null) return 'unchanged';
    const args = this.updateArgs;
    for (let i = 0; i < this.updateIndexes.length; i++)
      args[this.updateNames[i] as string] = values[this.updateIndexes[i] as number];
    for (let i = 0; i < this.keyIndexes.length; i++) args[`k${i}`] = values[this.keyIndexes[i] as number];
    return this.update.run(args).changes === 1 ? 'updated' : 'unchanged';
  }

  /** Deletes the row with the key found in `values`; true when a row was there. */
  delete(values: readonly unknown[]): boolean {
    for (let i = 0; i < this.keyIndexes.length; i++) this.keyArgs[i] = values[this.keyIndexes[i] as number];
    return this.remove.run(this.keyArgs).changes > 0;
  }
}

/**
 * A copy of `s` that references no other string. V8 represents substrings and concatenations as
 * views onto their source; a Map key built from cells of a parsed chunk would keep that whole
 * chunk (about 1 MiB) alive for as long as the key lives. Slicing a fresh concatenation forces
 * V8 to flatten it into a new string first.
 */
function detach(s: string): string {
  return ` ${s}`.slice(1);
}

/**
 * Identifiers derived from rows (an event's ip and device belong to its account), aggregated in
 * memory with min/max times and written in bulk: one upsert per distinct (account, kind, value)
 * instead of two per event. Flushed when it holds `limit` entries and at the end of the file, so
 * memory stays bounded.
 *
 * Only the joined key string is kept, never the caller's strings: those are slices of a whole
 * parsed chunk, and holding one would keep every chunk of the file alive (V8 sliced strings).
 * Consecutive rows of one account usually repeat its ip and device, so the last entry per kind is
 * remembered and updated without building a key.
 */
export class IdentifierAccumulator {
  private readonly pending = new Map<string, [first: number | null, last: number | null]>();
  private readonly recent = new Map<
    string,
    { account: string; value: string; times: [number | null, number | null] }
  >();
  private readonly upsert: Statement;

  constructor(
    db: Db,
    private readonly limit = 100_000,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO identifiers (account_id, kind, value, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, kind, value) DO UPDATE SET
         first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen),
         last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen)`,
    );
  }

  add(account: string, kind: string, value: string, at: number | null): void {
    const recent = this.recent.get(kind);
    let times: [number | null, number | null] | undefined;
    if (recent !== undefined && recent.account === account && recent.value === value) {
      times = recent.times;
    } else {
      // Length-prefixed, so any character may appear in the parts; detached (see the class doc).
      const key = detach(`${account.length}:${kind.length}:${account}${kind}${value}`);
      times = this.pending.get(key);
      if (times === undefined) {
        times = [at, at];
        this.pending.set(key, times);
        if (this.pending.size >= this.limit) {
          this.flush();
          return;
        }
      }
      this.recent.set(kind, { account, value, times });
      if (times[0] === at) return;
    }
    if (at !== null) {
      if (times[0] === null || at < times[0]) times[0] = at;
      if (times[1] === null || at > times[1]) times[1] = at;
    }
  }

  flush(): void {
    for (const [key, times] of this.pending) {
      const colon1 = key.indexOf(':');
      const colon2 = key.indexOf(':', colon1 + 1);
      const accountEnd = colon2 + 1 + Number(key.slice(0, colon1));
      const kindEnd = accountEnd + Number(key.slice(colon1 + 1, colon2));
      this.upsert.run(
        key.slice(colon2 + 1, accountEnd),
        key.slice(accountEnd, kindEnd),
        key.slice(kindEnd),
        times[0],
        times[1],
      );
    }
    this.pending.clear();
    this.recent.clear();
  }
}

/** Writes quarantined rows of one file. */
export class QuarantineWriter {
  private readonly insert: Statement;
  count = 0;

  constructor(
    db: Db,
    private readonly runId: number,
    private readonly fileId: number,
    private readonly filePath: string,
  ) {
    this.insert = db.prepare(
      'INSERT INTO quarantine (run_id, file_id, file_path, line, column_name, reason, raw, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  add(line: number | null, column: string | null, reason: string, raw: string): void {
    this.insert.run(this.runId, this.fileId, this.filePath, line, column, reason, raw, Date.now());
    this.count += 1;
  }
}

/** A secondary index dropped for a bulk load, with the statement that recreates it. */
export interface DeferredIndex {
  readonly name: string;
  readonly sql: string;
}

/**
 * Whether to drop `table`'s secondary indexes while loading a file of `bytes`, and build them
 * again after: a sorted bulk build beats millions of random B-tree inserts (measured ~15% of a
 * 1M-row load), but rebuilding costs O(table), so it pays only when the file is large and the
 * table is not much bigger than what the file brings (~100 bytes per row assumed).
 */
export function shouldDeferIndexes(db: Db, table: string, bytes: number): boolean {
  if (bytes < 16 << 20) return false;
  const fileRows = Math.floor(bytes / 100);
  const existing = (
    db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteIdent(table)} LIMIT ?)`).get(fileRows + 1) as {
      n: number;
    }
  ).n;
  return existing <= fileRows;
}

/**
 * Drops the secondary (named, non-primary-key, non-unique) indexes of `table` inside the caller's
 * transaction and returns them for rebuildIndexes(). A rollback brings them back with the rows,
 * so a failed or cancelled file leaves the schema exactly as it was.
 */
export function dropIndexes(db: Db, table: string): DeferredIndex[] {
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
    )
    .all(table) as DeferredIndex[];
  // A UNIQUE index stays: it must reject (and so quarantine) each duplicate row as it comes.
  const plain = indexes.filter((index) => !/^\s*CREATE\s+UNIQUE\b/i.test(index.sql));
  for (const index of plain) db.exec(`DROP INDEX ${quoteIdent(index.name)}`);
  return plain;
}

/**
 * Recreates dropped indexes with their original statements. The sort runs with temp files on
 * disk (temp_store=FILE) so that indexing millions of rows does not hold the sort in memory.
 */
export function rebuildIndexes(db: Db, indexes: readonly DeferredIndex[]): void {
  if (indexes.length === 0) return;
  const previous = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    for (const index of indexes) db.exec(index.sql);
  } finally {
    db.pragma(`temp_store = ${Number(previous)}`);
  }
}
