/**
 * How result cells are written to CSV and JSON exports. CSV cells that a spreadsheet would read
 * as a formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe
 * (OWASP "CSV injection"); this applies to text only, so a negative number stays a number.
 * Quoting follows RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
 */
import type { SqlValue } from '../../shared/contract/sql.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field. Null is an empty field. */
export function csvField(value: SqlValue): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with CRLF, as RFC 4180 and spreadsheet tools expect. */
export function csvLine(values: readonly SqlValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** One JSON row object (column names as keys; duplicate names get a `_2` suffix). */
export function jsonRow(names: readonly string[], values: readonly SqlValue[]): string {
  const row: Record<string, SqlValue> = {};
  names.forEach((name, i) => {
    row[name] = values[i] ?? null;
  });
  return JSON.stringify(row);
}

/** Unique keys for JSON rows: `SELECT a.id, b.id` gives `id`, `id_2`. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}
