/**
 * Opening the cache. One function decides every connection's pragmas so the writer, the reader
 * and the query runner behave alike, and one place knows how to find the native addon built for
 * the current runtime (Node or Electron have different ABIs; see README "Native module").
 */
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Milliseconds to wait on a locked database before SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
}

/**
 * The addon to load. Under Electron, `electron/main` sets RINGSIDE_SQLITE_BINDING to a copy of
 * better_sqlite3.node compiled against Electron's headers; under Node the package's own build
 * is used. Workers and child processes inherit the variable, so every connection agrees.
 */
function nativeBinding(): string | undefined {
  const binding = process.env['RINGSIDE_SQLITE_BINDING'];
  return binding && binding.length > 0 ? binding : undefined;
}

/**
 * Opens a connection with Ringside's pragmas: WAL (readers never block the writer), NORMAL sync
 * (durable at checkpoints, safe against corruption on power loss in WAL mode), foreign keys on.
 * Read-only connections also set `query_only` so even a bug cannot write through them.
 * Throws better-sqlite3's SqliteError for unreadable files; callers map it to IO_ERROR.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const binding = nativeBinding();
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  if (options.readonly) {
    db.pragma('query_only = ON');
  } else {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  }
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}
