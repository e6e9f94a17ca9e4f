/**
 * One entry point for every format: open a file, learn its columns (CSV/TSV header, Parquet
 * schema; JSON Lines has none up front), then stream batches of records. Batches are a chunk's
 * worth of rows (about 1 MiB of text), so memory stays flat whatever the file size.
 */
import { RingsideError } from '../../../shared/contract/errors.js';
import type { FileFormat, SourceRecord } from '../types.js';
import { decodeText, openBytes } from './bytes.js';
import { CsvParser, type CsvRecord } from './csv.js';
import { JsonLinesParser } from './jsonl.js';
import { openParquet } from './parquet.js';

export interface OpenedFile {
  /** Source columns known before reading rows; null for JSON Lines. */
  readonly columns: readonly string[] | null;
  /** Whether the bytes were gzip (detected by magic bytes). */
  readonly gzip: boolean;
  /**
   * Record batches. `wanted` lists the columns JSON Lines and Parquet put into `cells` (CSV
   * cells always follow the header). Iterating throws BAD_INPUT for a corrupt file.
   */
  batches(wanted: readonly string[]): AsyncGenerator<SourceRecord[]>;
  /** Releases the file (call in a finally: also when batches() was never read to the end). */
  close(): void;
}

const FORMAT_LABEL: Record<FileFormat, string> = { csv: 'CSV', tsv: 'TSV', jsonl: 'JSON Lines', parquet: 'Parquet' };

/**
 * Opens `file` (stored under the source-relative `name`) as `format`. Throws BAD_INPUT when the
 * file is not that format (binary in a CSV, no header, not Parquet...); messages do not repeat the
 * file name, callers prefix it.
 */
export async function openFile(file: string, name: string, format: FileFormat): Promise<OpenedFile> {
  if (format === 'parquet') {
    const parquet = await openParquet(file);
    return {
      columns: parquet.columns,
      gzip: false,
      batches: (wanted) => parquet.batches(wanted),
      close: () => undefined,
    };
  }
  const { bytes, gzip, destroy } = await openBytes(file, name);
  const chunks = decodeText(bytes, FORMAT_LABEL[format]);
  if (format === 'jsonl') {
    return {
      columns: null,
      gzip,
      close: destroy,
      async *batches(wanted) {
        const parser = new JsonLinesParser(wanted);
        for await (const chunk of chunks) {
          const records = parser.push(chunk);
          if (records.length > 0) yield records;
        }
        const last = parser.end();
        if (last.length > 0) yield last;
      },
    };
  }
  const parser = new CsvParser(format === 'tsv' ? '\t' : ',');
  const iterator = chunks[Symbol.asyncIterator]();
  // Read until the header record is complete; rows parsed along with it are replayed first.
  let first: CsvRecord[] = [];
  let done = false;
  let columns: string[];
  try {
    while (first.length === 0 && !done) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        first = parser.end();
      } else {
        first = parser.push(next.value);
      }
    }
    columns = headerColumns(first.shift(), format);
  } catch (err) {
    destroy();
    throw err;
  }
  return {
    columns,
    gzip,
    close: destroy,
    async *batches() {
      // Hand the first records over without keeping them (and their chunk) referenced here.
      const initial = first;
      first = [];
      if (initial.length > 0) yield initial;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const records = parser.push(next.value);
        if (records.length > 0) yield records;
      }
      const last = parser.end();
      if (last.length > 0) yield last;
    },
  };
}

/** Column names from the header record: trimmed, unique; an empty name becomes `_colN`. */
function headerColumns(header: CsvRecord | undefined, format: FileFormat): string[] {
  if (!header) throw new RingsideError('BAD_INPUT', `it is empty: no ${FORMAT_LABEL[format]} header line`);
  if (!header.cells) {
    throw new RingsideError('BAD_INPUT', `its header line is malformed (${header.error?.reason ?? 'unreadable'})`);
  }
  const columns = header.cells.map((cell, i) => (cell === null || cell.trim() === '' ? `_col${i + 1}` : cell.trim()));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) throw new RingsideError('BAD_INPUT', `its header names column "${column}" twice`);
    seen.add(column);
  }
  return columns;
}
