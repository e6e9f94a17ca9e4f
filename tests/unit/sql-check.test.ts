/**
 * The scratchpad's lexical safety check: every kind of statement that could write, change the
 * schema or reach outside the cache is refused with SQL_REFUSED naming the keyword; read-only
 * statements (including keywords hidden in strings, comments and names) pass.
 */
import { describe, expect, it } from 'vitest';
import { RingsideError } from '../../shared/contract/errors.js';
import { namedParams, splitStatements, statementAt } from '../../shared/contract/sqlLexer.js';
import { bindParams, checkStatement } from '../../electron/query/check.js';

function refusal(sql: string): RingsideError {
  try {
    checkStatement(sql);
  } catch (err) {
    if (err instanceof RingsideError) return err;
    throw err;
  }
  throw new Error(`not refused: ${sql}`);
}

describe('checkStatement refuses', () => {
  const cases: [string, string, RegExp][] = [
    ['INSERT', "INSERT INTO settings VALUES ('a', 'b')", /INSERT statements are refused/],
    ['UPDATE', 'UPDATE accounts SET risk_score = 1', /UPDATE statements are refused/],
    ['DELETE', 'DELETE FROM events', /DELETE statements are refused/],
    ['REPLACE', "REPLACE INTO settings VALUES ('a','b')", /REPLACE statements are refused/],
    ['WITH ... DELETE', 'WITH x AS (SELECT 1) DELETE FROM events', /DELETE inside the statement is refused/],
    ['WITH ... INSERT', 'WITH x AS (SELECT 1) INSERT INTO settings SELECT * FROM x', /INSERT inside/],
    ['ATTACH', "ATTACH DATABASE '/tmp/x.db' AS x", /ATTACH statements are refused: it opens another database file/],
    ['DETACH', 'DETACH DATABASE x', /DETACH statements are refused/],
    ['writable PRAGMA', 'PRAGMA query_only = OFF', /PRAGMA statements are refused/],
    ['PRAGMA read', 'PRAGMA table_info(accounts)', /PRAGMA statements are refused/],
    [
      'load_extension',
      "SELECT load_extension('/tmp/evil.so')",
      /load_extension\(\) is refused: loading native extensions/,
    ],
    ['multiple statements', 'SELECT 1; SELECT 2', /Only one statement/],
    ['statement after a comment', 'SELECT 1; -- fine\n DELETE FROM events', /Only one statement/],
    ['CREATE', 'CREATE TABLE t (a)', /CREATE statements are refused: it changes the schema/],
    ['DROP', 'DROP TABLE accounts', /DROP statements are refused/],
    ['VACUUM', 'VACUUM', /VACUUM statements are refused/],
    ['BEGIN', 'BEGIN', /transactions are managed/],
    ['positional parameter', 'SELECT * FROM accounts WHERE id = ?', /Positional parameters/],
    ['EXPLAIN of a write', 'EXPLAIN DELETE FROM events', /DELETE statements are refused/],
    ['comment-hidden start', '/* SELECT */ DELETE FROM events', /DELETE statements are refused/],
  ];
  for (const [label, sql, message] of cases) {
    it(label, () => {
      const err = refusal(sql);
      expect(err.code).toBe('SQL_REFUSED');
      expect(err.message).toMatch(message);
    });
  }

  it('names the position of the offending keyword', () => {
    const err = refusal('WITH x AS (SELECT 1) DELETE FROM events');
    expect(err.details).toEqual({ keyword: 'DELETE', position: 21 });
  });

  it('treats empty text as a bad request, not a refusal', () => {
    expect(() => checkStatement('  -- nothing\n')).toThrowError(/empty/);
  });
});

describe('checkStatement accepts', () => {
  const ok = [
    'SELECT 1',
    'select * from accounts;',
    'SELECT 1;  -- trailing comment',
    'VALUES (1, 2), (3, 4)',
    'WITH recent AS (SELECT * FROM events) SELECT count(*) FROM recent',
    "SELECT 'DELETE FROM events; DROP TABLE x' AS s",
    'SELECT "update", [delete], `insert` FROM (SELECT 1 AS "update", 2 AS [delete], 3 AS `insert`)',
    "SELECT replace(email, '@', ' at ') FROM accounts",
    'SELECT CASE WHEN 1 THEN 2 END',
    'SELECT e.type AS update_kind FROM events e',
    "SELECT * FROM pragma_table_info('accounts')",
    'EXPLAIN QUERY PLAN SELECT * FROM events WHERE account_id = :id',
    '-- header comment\nSELECT 1',
  ];
  for (const sql of ok) {
    it(sql.replace(/\s+/g, ' ').slice(0, 60), () => {
      expect(() => checkStatement(sql)).not.toThrow();
    });
  }

  it('strips the trailing semicolon and reports parameters and EXPLAIN', () => {
    expect(checkStatement('EXPLAIN QUERY PLAN SELECT :a, @b, $c, :a;')).toEqual({
      sql: 'EXPLAIN QUERY PLAN SELECT :a, @b, $c, :a',
      explain: true,
      params: ['a', 'b', 'c'],
    });
  });
});

describe('parameters', () => {
  it('finds named parameters outside strings and comments', () => {
    expect(namedParams("SELECT :account_id, ':not_me' -- :nor_me\n, @since")).toEqual(['account_id', 'since']);
  });

  it('binds numbers as numbers and refuses missing values, naming them', () => {
    const checked = checkStatement('SELECT :a, :b, :c, :d');
    expect(bindParams(checked, { a: '10', b: 'acc_01', c: '007', d: null })).toEqual({
      a: 10,
      b: 'acc_01',
      c: '007',
      d: null,
    });
    expect(() => bindParams(checked, { a: '1' })).toThrowError(/Missing value for parameters :b, :c, :d/);
  });
});

describe('statements under the cursor', () => {
  const script = "SELECT 1;\n\nSELECT ';' AS x;\n-- last\nSELECT 3";
  it('splits on semicolons outside strings', () => {
    expect(splitStatements(script).map((s) => s.text)).toEqual(['SELECT 1', "SELECT ';' AS x", '-- last\nSELECT 3']);
  });
  it('picks the statement containing the cursor, or the one before it', () => {
    expect(statementAt(script, 3)?.text).toBe('SELECT 1');
    expect(statementAt(script, 15)?.text).toBe("SELECT ';' AS x");
    expect(statementAt(script, 10)?.text).toBe('SELECT 1');
    expect(statementAt(script, script.length)?.text).toBe('-- last\nSELECT 3');
  });
});
