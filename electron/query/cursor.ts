/**
 * An open result of the scratchpad: its own read-only connection and a raw-row iterator, read
 * forward one page at a time so a result never has to fit in memory. Each cursor has its own
 * connection because better-sqlite3 keeps a connection busy while an iterator is open, and tabs
 * keep their cursors open side by side.
 *
 * Going back: the last RECENT_ROWS rows read are kept; a page before them re-runs the statement
 * and skips forward to it (SQLite has no backward cursors). AG Grid's infinite model mostly reads
 * forward and caches blocks itself, so re-runs are rare.
 */
import type { Db } from '../db/open.js';
import type { SqlColumn, SqlValue } from '../../shared/contract/sql.js';
import type { Params } from './protocol.js';

const RECENT_ROWS = 5000;

type RawIterator = IterableIterator<unknown[]>;

export class Cursor {
  private iterator: RawIterator;
  /** Rows handed out or skipped so far (the next row's index). */
  private position = 0;
  /** Rows [recentStart, position) are in `recent`. */
  private recent: SqlValue[][] = [];
  private recentStart = 0;
  private lookahead: SqlValue[] | null = null;
  private exhausted = false;
  lastUsed = Date.now();

  constructor(
    readonly db: Db,
    private readonly open: () => RawIterator,
  ) {
    this.iterator = open();
  }

  get rowCount(): number | null {
    return this.exhausted && this.lookahead === null ? this.position : null;
  }

  /** Rows [offset, offset + limit); `done` when no row follows them. */
  read(offset: number, limit: number): { rows: SqlValue[][]; done: boolean; rowCount: number | null } {
    this.lastUsed = Date.now();
    if (offset < this.recentStart) this.restart();
    const rows: SqlValue[][] = [];
    // Served from the recent window first.
    for (let i = offset; i < Math.min(this.position, offset + limit); i++) {
      const row = this.recent[i - this.recentStart];
      if (row) rows.push(row);
    }
    this.skipTo(offset - RECENT_ROWS);
    let index = this.position;
    while (index < offset + limit) {
      const row = this.next();
      if (!row) break;
      if (index >= offset) rows.push(row);
      index++;
    }
    const done = this.peekDone();
    return { rows, done, rowCount: this.rowCount };
  }

  close(): void {
    try {
      this.iterator.return?.();
    } finally {
      this.db.close();
    }
  }

  private next(): SqlValue[] | null {
    let row: SqlValue[] | null;
    if (this.lookahead) {
      row = this.lookahead;
      this.lookahead = null;
    } else {
      row = this.pull();
    }
    if (!row) return null;
    this.recent.push(row);
    this.position++;
    // Trimmed in bulk (not per row): a per-row splice made skipping far ahead quadratic.
    if (this.recent.length >= 2 * RECENT_ROWS) {
      this.recent = this.recent.slice(-RECENT_ROWS);
      this.recentStart = this.position - this.recent.length;
    }
    return row;
  }

  /** Steps over rows that will never be served (before the recent window), without decoding them. */
  private skipTo(target: number): void {
    if (this.position >= target || this.exhausted) return;
    if (this.lookahead) {
      this.lookahead = null;
      this.position++;
    }
    while (this.position < target) {
      if (this.iterator.next().done) {
        this.exhausted = true;
        break;
      }
      this.position++;
    }
    this.recent = [];
    this.recentStart = this.position;
  }

  private peekDone(): boolean {
    if (this.lookahead) return false;
    if (this.exhausted) return true;
    this.lookahead = this.pull();
    return this.lookahead === null;
  }

  private pull(): SqlValue[] | null {
    if (this.exhausted) return null;
    const step = this.iterator.next();
    if (step.done) {
      this.exhausted = true;
      return null;
    }
    return (step.value as unknown[]).map(toSqlValue);
  }

  private restart(): void {
    this.iterator.return?.();
    this.iterator = this.open();
    this.position = 0;
    this.recent = [];
    this.recentStart = 0;
    this.lookahead = null;
    this.exhausted = false;
  }
}

/** Blobs cross as `0x…` hex (first 4 KiB); bigints (only with safeIntegers) as numbers. */
export function toSqlValue(value: unknown): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) {
    const hex = value.subarray(0, 4096).toString('hex');
    return `0x${hex}${value.length > 4096 ? '…' : ''}`;
  }
  return String(value);
}

/** SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1) applied to a declared type. */
export function affinityOf(declared: string | null, sample: SqlValue | undefined): SqlColumn['affinity'] {
  if (declared) {
    const t = declared.toUpperCase();
    if (t.includes('INT')) return 'INTEGER';
    if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
    if (t.includes('BLOB')) return 'BLOB';
    if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
    return 'NUMERIC';
  }
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'INTEGER' : 'REAL';
  return 'TEXT';
}

export function describeColumns(
  columns: readonly { name: string; type: string | null; table: string | null }[],
  firstRow: readonly SqlValue[] | undefined,
): SqlColumn[] {
  return columns.map((c, i) => ({
    name: c.name,
    declaredType: c.type,
    affinity: affinityOf(c.type, firstRow?.[i]),
    table: c.table,
  }));
}

export type { Params };
