/**
 * JSON Lines / NDJSON: one JSON object per line (LF or CRLF), blank lines skipped. A line that is
 * not valid JSON, or is JSON but not an object, becomes an error record (quarantined with its
 * line number and text). A file whose first non-blank line does not start with `{` is refused
 * whole: it is not JSON Lines (a CSV renamed .jsonl, say), and quarantining every line of it
 * would bury the real problem.
 */
import { RingsideError } from '../../../shared/contract/errors.js';
import { MAX_RECORD_CHARS, truncateRaw, type SourceRecord } from '../types.js';

/** One JSON Lines record: cells in the order asked for, other keys in extras. */
export class JsonRecord implements SourceRecord {
  constructor(
    readonly line: number,
    readonly cells: unknown[] | null,
    readonly extras: Record<string, unknown> | null,
    private readonly text: string,
    readonly error: { readonly reason: string; readonly column: string | null } | null,
    readonly suspect: boolean,
  ) {}

  raw(): string {
    return truncateRaw(this.text);
  }
}

/** Incremental JSON Lines reader: push() decoded text, then end(). Throws BAD_INPUT for a file that is not JSON Lines. */
export class JsonLinesParser {
  private pending = '';
  private line = 1;
  private sawFirst = false;
  private readonly wantedSet: ReadonlySet<string>;

  /** `wanted` are the keys put into `cells`, in order; other keys go to `extras`. */
  constructor(private readonly wanted: readonly string[]) {
    this.wantedSet = new Set(wanted);
  }

  push(chunk: string): JsonRecord[] {
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    const out: JsonRecord[] = [];
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) break;
      this.take(text.slice(pos, nl), out);
      pos = nl + 1;
    }
    this.pending = text.slice(pos);
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw new RingsideError('BAD_INPUT', `line ${this.line} is longer than ${MAX_RECORD_CHARS >> 20} MiB`, {
        line: this.line,
      });
    }
    return out;
  }

  end(): JsonRecord[] {
    const out: JsonRecord[] = [];
    if (this.pending.length > 0) this.take(this.pending, out);
    this.pending = '';
    return out;
  }

  private take(rawLine: string, out: JsonRecord[]): void {
    const lineNo = this.line;
    this.line += 1;
    const line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
    if (line.trim().length === 0) return;
    if (!this.sawFirst) {
      this.sawFirst = true;
      const first = line.replace(/^\uFEFF/, '').trimStart();
      if (!first.startsWith('{')) {
        throw new RingsideError('BAD_INPUT', `it is not JSON Lines: line ${lineNo} does not start with "{"`, {
          line: lineNo,
        });
      }
    }
    const suspect = line.indexOf('\uFFFD') !== -1 || line.indexOf('\u0000') !== -1;
    let value: unknown;
    try {
      value = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch (err) {
      out.push(
        new JsonRecord(
          lineNo,
          null,
          null,
          line,
          { reason: `invalid JSON: ${(err as Error).message}`, column: null },
          suspect,
        ),
      );
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
      out.push(
        new JsonRecord(
          lineNo,
          null,
          null,
          line,
          { reason: `expected a JSON object, got ${got}`, column: null },
          suspect,
        ),
      );
      return;
    }
    const object = value as Record<string, unknown>;
    const cells = new Array<unknown>(this.wanted.length);
    for (let i = 0; i < this.wanted.length; i++) cells[i] = object[this.wanted[i] as string];
    let extras: Record<string, unknown> | null = null;
    for (const key of Object.keys(object)) {
      if (this.wantedSet.has(key)) continue;
      // A null prototype: a key named __proto__ stays data.
      extras ??= Object.create(null) as Record<string, unknown>;
      extras[key] = object[key];
    }
    out.push(new JsonRecord(lineNo, cells, extras, line, null, suspect));
  }
}
