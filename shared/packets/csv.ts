/**
 * CSV writing for packets (RFC 4180) with formula-injection neutralised: a cell starting with
 * = + - @ TAB or CR is prefixed with a single quote, so a spreadsheet shows it as text instead of
 * evaluating it (OWASP "CSV injection"). Numbers are written as numbers and never prefixed, so a
 * negative amount stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: header row then rows, CRLF line ends (RFC 4180). */
export function csvDocument(columns: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const out: string[] = [columns.map(csvCell).join(',')];
  for (const row of rows) out.push(row.map(csvCell).join(','));
  return `${out.join('\r\n')}\r\n`;
}
