/**
 * A buffered RFC 4180 CSV writer over fs.createWriteStream: `\n` line endings, UTF-8 without BOM,
 * fields quoted only when they hold a comma, a quote, CR or LF. Rows are collected into a string
 * and handed to the stream in ~64 KiB chunks; `flush()` honours backpressure so that a million
 * accounts stream to disk in constant memory.
 */
import fs from 'node:fs';
import { once } from 'node:events';

const NEEDS_QUOTES = /[",\r\n]/;
const CHUNK = 1 << 16;

/** Quotes a field when RFC 4180 requires it (comma, double quote, CR, LF); otherwise returns it as is. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Joins already-stringified fields into one CSV line (with the trailing `\n`), quoting as needed. */
export function csvLine(fields: readonly string[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ',';
    out += csvField(fields[i] as string);
  }
  return out + '\n';
}

export class CsvWriter {
  /** Data rows written so far (the header is not counted). */
  rows = 0;
  private buf = '';
  private readonly stream: fs.WriteStream;

  /**
   * Opens (truncating) `file` and writes the header row. Stream errors (disk full, permissions)
   * surface from the next `flush()` or `close()` as a rejected promise.
   */
  constructor(
    readonly file: string,
    header: readonly string[],
  ) {
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
    // Without a listener an 'error' would crash the process; once() in flush/close rethrows it.
    this.stream.on('error', () => undefined);
    this.buf = csvLine(header);
  }

  /** Appends a row whose fields are quoted here as needed. */
  row(fields: readonly string[]): void {
    this.buf += csvLine(fields);
    this.rows++;
  }

  /**
   * Appends a pre-built line (must end with `\n`). Hot paths use this with fields that are safe
   * by construction (ids, timestamps, numbers), skipping the per-field quoting test.
   */
  line(text: string): void {
    this.buf += text;
    this.rows++;
  }

  /**
   * Hands the buffer to the stream once it is large enough. Returns a promise only when the
   * stream asked us to wait ('drain'), so callers pay for an await only under backpressure.
   * Rejects if the stream fails while we wait.
   */
  flush(force = false): Promise<void> | undefined {
    if (this.buf.length < CHUNK && !force) return undefined;
    if (this.stream.errored) return Promise.reject(this.stream.errored);
    const ok = this.stream.write(this.buf);
    this.buf = '';
    if (ok) return undefined;
    return once(this.stream, 'drain').then(() => undefined);
  }

  /** Writes what is buffered and closes the file; resolves when the data is handed to the OS. */
  async close(): Promise<void> {
    if (this.stream.errored) throw this.stream.errored;
    const finished = once(this.stream, 'finish');
    this.stream.end(this.buf);
    this.buf = '';
    await finished;
  }

  /** Abandons the file (on cancel or failure); buffered rows are dropped. */
  destroy(): void {
    this.buf = '';
    this.stream.destroy();
  }
}
