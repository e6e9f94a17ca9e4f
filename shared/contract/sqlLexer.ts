/**
 * A small SQLite lexer shared by the scratchpad (parameter form, statement under the cursor) and
 * the query runner's safety check. It only needs to know what is code and what is a comment, a
 * string or a quoted identifier, so keywords hidden in those never count and `;` inside a string
 * never splits a statement. Pure: no Node, no DOM.
 */

export type SqlTokenKind = 'word' | 'param' | 'string' | 'ident' | 'number' | 'punct' | 'semicolon';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly text: string;
  /** Offset in the source text. */
  readonly start: number;
  readonly end: number;
}

const isWordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordChar = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/** Tokens of `sql`, comments and whitespace dropped. Unterminated strings run to the end. */
export function tokenize(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: SqlTokenKind, start: number, end: number) =>
    out.push({ kind, text: sql.slice(start, end), start, end });
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const start = i;
      i++;
      while (i < n) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i = Math.min(n, i + 1);
      push(c === "'" ? 'string' : 'ident', start, i);
    } else if (c === '[') {
      const start = i;
      const close = sql.indexOf(']', i);
      i = close < 0 ? n : close + 1;
      push('ident', start, i);
    } else if ((c === 'x' || c === 'X') && next === "'") {
      const start = i;
      const close = sql.indexOf("'", i + 2);
      i = close < 0 ? n : close + 1;
      push('string', start, i);
    } else if (isWordStart(c)) {
      const start = i;
      while (i < n && isWordChar(sql[i] as string)) i++;
      push('word', start, i);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      const start = i;
      while (i < n && /[0-9A-Za-z_.]/.test(sql[i] as string)) {
        if ((sql[i] === 'e' || sql[i] === 'E') && (sql[i + 1] === '+' || sql[i + 1] === '-')) i++;
        i++;
      }
      push('number', start, i);
    } else if ((c === ':' || c === '@' || c === '$') && isWordStart(next)) {
      const start = i;
      i++;
      while (i < n && isWordChar(sql[i] as string)) i++;
      push('param', start, i);
    } else if (c === '?') {
      const start = i;
      i++;
      while (i < n && /[0-9]/.test(sql[i] as string)) i++;
      push('param', start, i);
    } else if (c === ';') {
      push('semicolon', i, i + 1);
      i++;
    } else {
      push('punct', i, i + 1);
      i++;
    }
  }
  return out;
}

/** Named parameters in order of first use, without their prefix (`:account_id` -> `account_id`). */
export function namedParams(sql: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(sql)) {
    if (token.kind === 'param' && token.text.length > 1 && token.text[0] !== '?') seen.add(token.text.slice(1));
  }
  return [...seen];
}

export interface StatementRange {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** The statements of a script (split on `;` outside strings and comments), empty ones dropped. */
export function splitStatements(sql: string): StatementRange[] {
  const ranges: StatementRange[] = [];
  let from = 0;
  const flush = (to: number) => {
    const text = sql.slice(from, to);
    if (tokenize(text).length > 0) {
      const lead = text.length - text.trimStart().length;
      const trimmed = text.trim();
      ranges.push({ from: from + lead, to: from + lead + trimmed.length, text: trimmed });
    }
  };
  for (const token of tokenize(sql)) {
    if (token.kind === 'semicolon') {
      flush(token.start);
      from = token.end;
    }
  }
  flush(sql.length);
  return ranges;
}

/** The statement containing `offset` (or the nearest one before it), for Ctrl/Cmd+Enter. */
export function statementAt(sql: string, offset: number): StatementRange | null {
  const all = splitStatements(sql);
  let best: StatementRange | null = null;
  for (const range of all) {
    if (range.from <= offset) best = range;
    if (offset <= range.to) return best ?? range;
  }
  return best ?? all[0] ?? null;
}
