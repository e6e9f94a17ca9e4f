import { describe, expect, it } from 'vitest';
import { RingsideError } from '../../shared/contract/errors.js';
import { globToRegExp, isGlob } from '../../electron/sync/glob.js';
import { formatFromName, parseManifest } from '../../electron/sync/manifest.js';
import { entityFromName, planCanonical, planManifest } from '../../electron/sync/plan.js';

function manifestError(json: unknown, allowGlobs = true): RingsideError {
  try {
    parseManifest(JSON.stringify(json), 'exports/extract.json', { allowGlobs });
  } catch (err) {
    expect(err).toBeInstanceOf(RingsideError);
    return err as RingsideError;
  }
  throw new Error('expected the manifest to be refused');
}

describe('manifest validation', () => {
  it('accepts a complete manifest and applies defaults', () => {
    const manifest = parseManifest(
      JSON.stringify({
        version: 1,
        defaultZone: 'Europe/Paris',
        files: [
          {
            path: 'exports/acct_*.csv',
            entity: 'accounts',
            columns: { id: 'account_id', created_at: 'signup_ts' },
            timestamps: { created_at: 'epoch_s' },
            tombstone: 'is_deleted',
            sha256: 'A'.repeat(64),
          },
          { path: 'ev.ndjson.gz', entity: 'events', deriveIdentifiers: [{ kind: 'ip', from: 'ip' }] },
        ],
      }),
      'extract.json',
      { allowGlobs: true },
    );
    expect(manifest.files[0]?.sha256).toBe('a'.repeat(64));
    expect(
      parseManifest('{"version":1,"files":[{"path":"a.csv","entity":"cases"}]}', 'm', { allowGlobs: true }).defaultZone,
    ).toBe('UTC');
  });

  it('names the manifest and the field path of each problem', () => {
    const err = manifestError({
      version: 1,
      defaultZone: 'Mars/Base',
      files: [
        { path: 'a.csv', entity: 'acounts' },
        { path: 'b.csv', entity: 'events', timestamps: { occurred_at: 'unix' } },
        { path: 'c.csv', entity: 'events', columns: { nope: 'x' }, timestamps: { type: 'iso8601' } },
        { path: '../d.csv', entity: 'cases', extra: 1 },
        { path: 'e.txt', entity: 'events' },
        { path: 'f.csv', entity: 'relations', deriveIdentifiers: [{ kind: 'ip', from: 'ip' }] },
      ],
    });
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/^exports\/extract\.json: /);
    const paths = (err.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'defaultZone',
        'files[0].entity',
        'files[1].timestamps.occurred_at',
        'files[2].columns.nope',
        'files[2].timestamps.type',
        'files[3].path',
        'files[3]',
        'files[4].format',
        'files[5].deriveIdentifiers',
      ]),
    );
    expect(err.message).toContain('files[2].columns.nope: "nope" is not a field of events');
  });

  it('refuses invalid JSON, a wrong version and an empty file list', () => {
    expect(() => parseManifest('{ nope', 'extract.json', { allowGlobs: true })).toThrow(
      /extract\.json: not valid JSON/,
    );
    expect(manifestError({ version: 2, files: [] }).message).toMatch(/version: .*files: must list at least one file/);
  });

  it('refuses wildcards where the source cannot list files (HTTP)', () => {
    const err = manifestError({ version: 1, files: [{ path: 'exports/*.csv', entity: 'events' }] }, false);
    expect(err.message).toContain('files[0].path: wildcards need a folder source');
  });
});

describe('globs and plans', () => {
  it('matches *, **, ? and classes against relative paths', () => {
    expect(isGlob('a/b.csv')).toBe(false);
    expect(isGlob('a/*.csv')).toBe(true);
    const re = globToRegExp('exports/acct_*.csv');
    expect(re.test('exports/acct_1.csv')).toBe(true);
    expect(re.test('exports/sub/acct_1.csv')).toBe(false);
    expect(re.test('exports/acct_1.csv.gz')).toBe(false);
    expect(globToRegExp('**/ev_?.jsonl').test('a/b/ev_1.jsonl')).toBe(true);
    expect(globToRegExp('**/ev_?.jsonl').test('ev_1.jsonl')).toBe(true);
    expect(globToRegExp('part[0-9].csv').test('part7.csv')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('maps each matching file with the entry settings and lists the rest as ignored', () => {
    const manifest = parseManifest(
      JSON.stringify({
        version: 1,
        files: [
          { path: 'exports/acct_*.csv', entity: 'accounts' },
          { path: 'ev.tsv', entity: 'events', sha256: 'b'.repeat(64) },
        ],
      }),
      'extract.json',
      { allowGlobs: true },
    );
    const plan = planManifest(manifest, 'extract.json', [
      'README.md',
      'extract.json',
      'ev.tsv',
      'exports/acct_1.csv',
      'exports/acct_2.csv',
    ]);
    expect(plan.files.map((f) => [f.path, f.mapping.entity, f.mapping.format, f.sha256])).toEqual([
      ['exports/acct_1.csv', 'accounts', 'csv', null],
      ['exports/acct_2.csv', 'accounts', 'csv', null],
      ['ev.tsv', 'events', 'tsv', 'b'.repeat(64)],
    ]);
    expect(plan.ignored).toEqual(['README.md']);
  });

  it('refuses a file claimed by two entries', () => {
    const manifest = parseManifest(
      JSON.stringify({
        version: 1,
        files: [
          { path: '*.csv', entity: 'accounts' },
          { path: 'a.csv', entity: 'events' },
        ],
      }),
      'extract.json',
      { allowGlobs: true },
    );
    expect(() => planManifest(manifest, 'extract.json', ['a.csv'])).toThrow(
      /files\[1\]\.path: "a\.csv" is already mapped by files\[0\]/,
    );
  });

  it('recognises canonical names, with or without gzip, and nothing else', () => {
    expect(entityFromName('accounts.csv')).toBe('accounts');
    expect(entityFromName('events.jsonl.gz')).toBe('events');
    expect(entityFromName('case_subjects.tsv')).toBe('case_subjects');
    expect(entityFromName('cases-2026-03.ndjson')).toBe('cases');
    expect(entityFromName('decisions.parquet')).toBe('decisions');
    expect(entityFromName('ground_truth.json')).toBeNull();
    expect(entityFromName('accounts_old.csv')).toBeNull();
    expect(formatFromName('X.TSV.GZ')).toBe('tsv');
    const plan = planCanonical(['events.csv', 'accounts.csv', 'ground_truth.json', 'README.md'], ['old/'], '/x');
    expect(plan.files.map((f) => f.path)).toEqual(['accounts.csv', 'events.csv']);
    expect(plan.files[1]?.mapping.deriveIdentifiers.map((d) => d.kind)).toEqual(['ip', 'device']);
    expect(plan.ignored).toEqual(['README.md', 'ground_truth.json', 'old/']);
    expect(() => planCanonical(['notes.txt'], [], '/empty')).toThrow(
      /No extract files in \/empty.*Found only: notes\.txt/,
    );
  });
});
