/**
 * Shapes and limits shared by the sync engine's parts (formats, mapping, apply, engine). Nothing
 * here touches the disk or the database.
 */
import type { Entity } from '../../shared/domain/extract.js';
import type { IdentifierKind } from '../../shared/domain/model.js';

export type FileFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';
export const FILE_FORMATS: readonly FileFormat[] = ['csv', 'tsv', 'jsonl', 'parquet'];

export type TimestampFormat = 'iso8601' | 'epoch_s' | 'epoch_ms';

/** Rows applied between two cancellation checks and progress reports. */
export const BATCH_ROWS = 5000;
/** A field longer than this (UTF-8 bytes) sends its row to quarantine. */
export const MAX_FIELD_BYTES = 1 << 20;
/**
 * A single CSV record (or JSONL line) longer than this (characters) fails the whole file: it is
 * almost always an unbalanced quote swallowing the rest of the file, and buffering it further
 * would break the flat-memory promise.
 */
export const MAX_RECORD_CHARS = 64 << 20;
/** Raw text kept in quarantine per row; longer rows are truncated with a marker saying so. */
export const MAX_RAW_CHARS = 64 << 10;

export interface DeriveIdentifier {
  readonly kind: IdentifierKind;
  /** An entity field (after mapping) or a source column name. */
  readonly from: string;
}

/** How one file maps onto an entity: from a manifest entry, or the canonical defaults. */
export interface FileMapping {
  readonly entity: Entity;
  readonly format: FileFormat;
  /** field -> source column; fields not listed read the column of the same name. */
  readonly columns: Readonly<Record<string, string>>;
  readonly timestamps: Readonly<Record<string, TimestampFormat>>;
  /** Source column whose true value (1/true/yes) deletes the row with that key. */
  readonly tombstone: string | null;
  readonly deriveIdentifiers: readonly DeriveIdentifier[];
  /** Zone for ISO 8601 times written without one: 'UTC', '+02:00' or an IANA name. */
  readonly defaultZone: string;
  /**
   * Canonical (manifest-less) mapping: the tombstone column and the identifier sources are used
   * when the file has them. A manifest's are explicit, and a file lacking them fails.
   */
  readonly implicit: boolean;
}

/** One file the engine will try to load, relative to the source (always `/`-separated). */
export interface FilePlan {
  readonly path: string;
  readonly mapping: FileMapping;
  /** Integrity declared by a manifest; a mismatch fails the file before anything is applied. */
  readonly sha256: string | null;
  readonly bytes: number | null;
}

export interface SyncPlan {
  readonly files: readonly FilePlan[];
  /** Files (and folders, with a trailing `/`) present but not mapped to any entity. */
  readonly ignored: readonly string[];
  /** The manifest's name when one drove the plan, e.g. `extract.json`. */
  readonly manifest: string | null;
}

/**
 * A record as a format reader hands it over: `cells` are in header order (CSV/TSV) or in the
 * order of `columns` the reader was asked for (JSONL, Parquet), with `extras` holding any other
 * keys of a JSON object. A record the reader could not split into cells carries `error` instead.
 */
export interface SourceRecord {
  /** 1-based line (CSV/TSV: the record's first line; Parquet: the row number). */
  readonly line: number;
  readonly cells: readonly unknown[] | null;
  readonly extras: Readonly<Record<string, unknown>> | null;
  /** The record's text, for quarantine. Computed lazily: only bad rows pay for it. */
  raw(): string;
  readonly error: { readonly reason: string; readonly column: string | null } | null;
  /** Text cells may hold U+FFFD (invalid UTF-8) or NUL and must be checked before use. */
  readonly suspect: boolean;
}

/** Cuts raw text to MAX_RAW_CHARS, saying so, so one huge line cannot bloat the quarantine. */
export function truncateRaw(text: string): string {
  if (text.length <= MAX_RAW_CHARS) return text;
  return `${text.slice(0, MAX_RAW_CHARS)}… [truncated: ${text.length} characters in total]`;
}
