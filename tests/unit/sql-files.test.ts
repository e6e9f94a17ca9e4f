/**
 * Export escaping (RFC 4180 quoting, CSV formula injection neutralised) and saved-query files
 * (header comment round trip, starter library read-only, no path escapes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, jsonRow, uniqueNames } from '../../electron/query/exportFormat.js';
import {
  deleteSavedQuery,
  formatQueryFile,
  listSavedQueries,
  parseQueryFile,
  saveQuery,
  starterDir,
} from '../../electron/query/savedFiles.js';
import { checkStatement } from '../../electron/query/check.js';
import { tempDir } from '../helpers/db.js';

describe('CSV export escaping', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
  });
  it('leaves numbers, nulls and ordinary text alone, quoting per RFC 4180', () => {
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(null)).toBe('');
    expect(csvField('acc_01')).toBe('acc_01');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
  it('writes JSON rows with unique keys', () => {
    expect(uniqueNames(['id', 'id', 'x', 'id'])).toEqual(['id', 'id_2', 'x', 'id_3']);
    expect(jsonRow(['id', 'n'], ['=1', null])).toBe('{"id":"=1","n":null}');
  });
});

describe('saved query files', () => {
  const query = {
    name: 'Shared payouts',
    description: 'Accounts paid to the same instrument.\nSecond line, with: a colon',
    tags: ['payouts', 'rings'],
    sql: "SELECT *\nFROM identifiers\nWHERE kind = 'payment_instrument' -- note\n",
  };

  it('round-trips name, description, tags and SQL exactly', () => {
    const text = formatQueryFile(query);
    expect(text.startsWith('-- name: Shared payouts\n-- description: Accounts paid')).toBe(true);
    expect(parseQueryFile(text, 'x')).toEqual(query);
    const noNewline = { ...query, sql: 'SELECT 1' };
    expect(parseQueryFile(formatQueryFile(noNewline), 'x')).toEqual(noNewline);
  });

  it('reads a file without a header as SQL named after the file', () => {
    expect(parseQueryFile('SELECT 1\n', 'plain')).toEqual({
      name: 'plain',
      description: '',
      tags: [],
      sql: 'SELECT 1\n',
    });
  });

  it('saves, lists, overwrites and deletes in the workspace; starter queries are read-only', () => {
    const dir = tempDir();
    const saved = saveQuery(dir, query);
    expect(saved.id).toBe('shared-payouts.sql');
    expect(fs.readFileSync(path.join(dir, saved.id), 'utf8')).toBe(formatQueryFile(query));
    const second = saveQuery(dir, query);
    expect(second.id).toBe('shared-payouts-2.sql');
    const updated = saveQuery(dir, { ...query, id: saved.id, tags: ['x'] });
    expect(updated.id).toBe(saved.id);
    const list = listSavedQueries(dir);
    expect(list.filter((q) => !q.readOnly).map((q) => [q.id, q.tags])).toEqual([
      ['shared-payouts-2.sql', ['payouts', 'rings']],
      ['shared-payouts.sql', ['x']],
    ]);
    expect(list.some((q) => q.readOnly && q.id.startsWith('starter/'))).toBe(true);
    // Saving a starter query writes a copy; deleting one (or escaping the folder) is refused.
    const copy = saveQuery(dir, { ...query, id: 'starter/login-velocity.sql', name: 'Login velocity' });
    expect(copy.id).toBe('login-velocity.sql');
    expect(() => deleteSavedQuery(dir, 'starter/login-velocity.sql')).toThrowError(/read-only/);
    expect(() => deleteSavedQuery(dir, '../cache.sqlite')).toThrowError(/not a saved query/);
    expect(deleteSavedQuery(dir, saved.id)).toBe(true);
    expect(deleteSavedQuery(dir, saved.id)).toBe(false);
  });

  it('ships a starter library whose every query passes the safety check', () => {
    const starters = listSavedQueries(tempDir(), starterDir()).filter((q) => q.readOnly);
    expect(starters.length).toBeGreaterThanOrEqual(6);
    for (const q of starters) {
      expect(q.name.length).toBeGreaterThan(3);
      expect(q.tags.length).toBeGreaterThan(0);
      expect(() => checkStatement(q.sql)).not.toThrow();
    }
  });
});
