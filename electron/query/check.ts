/**
 * First line of the scratchpad's defence in depth: a lexical check that refuses anything but one
 * SELECT / WITH / VALUES statement (or EXPLAIN of one) before SQLite ever sees it. The later
 * lines are better-sqlite3's `stmt.readonly` (runnerProcess.ts), the read-only + query_only
 * connection (db/open.ts) and never enabling extensions. Each refusal is SQL_REFUSED with a
 * message that names the keyword and says why, so the analyst knows what to change.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import { tokenize, type SqlToken } from '../../shared/contract/sqlLexer.js';

const STARTERS = new Set(['SELECT', 'WITH', 'VALUES']);

/** Keywords that only appear in statements that write, change the schema or the connection. */
const WRITE_KEYWORDS = new Map<string, string>([
  ['INSERT', 'it writes rows'],
  ['UPDATE', 'it changes rows'],
  ['DELETE', 'it deletes rows'],
  ['REPLACE', 'it writes rows'],
  ['UPSERT', 'it writes rows'],
  ['CREATE', 'it changes the schema'],
  ['DROP', 'it changes the schema'],
  ['ALTER', 'it changes the schema'],
  ['REINDEX', 'it rewrites indexes'],
  ['VACUUM', 'it rewrites the database file'],
  ['ANALYZE', 'it writes statistics tables'],
  ['ATTACH', 'it opens another database file'],
  ['DETACH', 'it changes the attached databases'],
  [
    'PRAGMA',
    'PRAGMA statements can change the connection (use the pragma_* table functions to read, e.g. pragma_table_info)',
  ],
  ['BEGIN', 'transactions are managed by Ringside'],
  ['COMMIT', 'transactions are managed by Ringside'],
  ['END', 'transactions are managed by Ringside'],
  ['ROLLBACK', 'transactions are managed by Ringside'],
  ['SAVEPOINT', 'transactions are managed by Ringside'],
  ['RELEASE', 'transactions are managed by Ringside'],
]);

/** Functions that reach outside the database or are not meant for ad hoc use. */
const REFUSED_FUNCTIONS = new Map<string, string>([
  ['LOAD_EXTENSION', 'loading native extensions is never allowed'],
  ['READFILE', 'reading files is not allowed'],
  ['WRITEFILE', 'writing files is not allowed'],
  ['FTS3_TOKENIZER', 'it can register native code'],
]);

export interface CheckedStatement {
  /** The statement without a trailing semicolon. */
  readonly sql: string;
  readonly explain: boolean;
  /** Named parameters used, without prefix. */
  readonly params: readonly string[];
}

const refuse = (message: string, token?: SqlToken): never => {
  throw new RingsideError('SQL_REFUSED', message, token ? { keyword: token.text, position: token.start } : undefined);
};

/**
 * Accepts exactly one read-only statement. Throws SQL_REFUSED naming the offending keyword or
 * function (with its offset in details.position); BAD_REQUEST for empty text.
 */
export function checkStatement(sql: string): CheckedStatement {
  const tokens = tokenize(sql);
  const semicolons = tokens.filter((t) => t.kind === 'semicolon');
  const code = tokens.filter((t) => t.kind !== 'semicolon');
  if (code.length === 0) throw new RingsideError('BAD_REQUEST', 'The query is empty (only comments or whitespace).');
  const last = code[code.length - 1] as SqlToken;
  const trailing = semicolons.filter((t) => t.start > last.start);
  if (semicolons.length > trailing.length) {
    refuse(
      'Only one statement can run at a time: this text holds several. Select one, or put the cursor in it and press Ctrl+Enter.',
      semicolons[0],
    );
  }

  let index = 0;
  let explain = false;
  const upper = (t: SqlToken | undefined) => (t && t.kind === 'word' ? t.text.toUpperCase() : '');
  if (upper(code[0]) === 'EXPLAIN') {
    explain = true;
    index = upper(code[1]) === 'QUERY' && upper(code[2]) === 'PLAN' ? 3 : 1;
  }
  const first = code[index];
  const keyword = upper(first);
  if (!STARTERS.has(keyword)) {
    const why = WRITE_KEYWORDS.get(keyword);
    const shown = keyword || first?.text || '(nothing)';
    refuse(
      why
        ? `${shown} statements are refused: ${why}. The scratchpad runs read-only SELECT, WITH and VALUES statements only.`
        : `"${shown}" cannot start a query here: the scratchpad runs read-only SELECT, WITH and VALUES statements only.`,
      first,
    );
  }

  for (let i = index; i < code.length; i++) {
    const token = code[i] as SqlToken;
    if (token.kind === 'param' && token.text.startsWith('?')) {
      refuse(
        'Positional parameters (?) are not supported: use named ones such as :account_id, filled in the parameter form.',
        token,
      );
    }
    if (token.kind !== 'word') continue;
    const word = token.text.toUpperCase();
    const prev = upper(code[i - 1]);
    const nextIsParen = code[i + 1]?.kind === 'punct' && code[i + 1]?.text === '(';
    const fn = REFUSED_FUNCTIONS.get(word);
    if (fn && nextIsParen) refuse(`${token.text}() is refused: ${fn}.`, token);
    const why = WRITE_KEYWORDS.get(word);
    if (!why) continue;
    // replace() is a string function; a column or alias after a dot or AS is a name, not a verb.
    if (word === 'REPLACE' && nextIsParen) continue;
    if (prev === 'AS' || code[i - 1]?.text === '.') continue;
    // CASE ... END is an expression, not a transaction.
    if (word === 'END') continue;
    refuse(
      word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'REPLACE'
        ? `${word} inside the statement is refused: ${why}. (SQLite allows WITH ... ${word}; the scratchpad never runs it.)`
        : `${word} is refused: ${why}.`,
      token,
    );
  }

  const end = trailing[0]?.start ?? sql.length;
  const params = [...new Set(code.filter((t) => t.kind === 'param').map((t) => t.text.slice(1)))];
  return { sql: sql.slice(0, end).trim(), explain, params };
}

/**
 * Binds the form's values to the statement's parameters. Every parameter the statement uses must
 * have a value (BAD_REQUEST naming the missing ones); unused values are ignored. Text that is a
 * plain decimal number is bound as a number so `LIMIT :n` works; SQLite's affinity rules make a
 * number compare equal to the same text in a TEXT column, so nothing is lost.
 */
export function bindParams(
  checked: CheckedStatement,
  values: Readonly<Record<string, string | number | null>>,
): Record<string, string | number | null> {
  const missing = checked.params.filter((p) => !(p in values));
  if (missing.length > 0) {
    throw new RingsideError(
      'BAD_REQUEST',
      `Missing value for parameter${missing.length > 1 ? 's' : ''} ${missing.map((p) => `:${p}`).join(', ')}.`,
      { missing },
    );
  }
  const bound: Record<string, string | number | null> = {};
  for (const name of checked.params) {
    const value = values[name] ?? null;
    bound[name] =
      typeof value === 'string' && /^-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : value;
  }
  return bound;
}
