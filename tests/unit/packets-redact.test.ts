/**
 * Pseudonyms: keyed (HMAC), consistent for one key, different under another key, never the
 * plain hash of the value; and the redactor replaces values inside free text too.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRedactor, fieldsFor, pseudonym, redactionKey } from '../../electron/packets/redact.js';
import { workspaceAt } from '../../electron/workspace/workspace.js';
import { tempDir } from '../helpers/db.js';

describe('redaction', () => {
  it('makes keyed pseudonyms, not plain hashes', () => {
    const key = randomBytes(32);
    const p = pseudonym(key, 'email', 'ana@example.com');
    expect(p).toMatch(/^email-[A-Z2-7]{10}$/);
    expect(pseudonym(key, 'email', 'ana@example.com')).toBe(p);
    expect(pseudonym(randomBytes(32), 'email', 'ana@example.com')).not.toBe(p);
    const plain = createHash('sha256').update('email:ana@example.com').digest('hex');
    expect(plain.toUpperCase()).not.toContain(p.slice(6));
  });

  it('keeps one key per workspace, created on first use and never rewritten', () => {
    const ws = workspaceAt(tempDir());
    const a = redactionKey(ws);
    expect(a.length).toBe(32);
    expect(redactionKey(ws).equals(a)).toBe(true);
    expect(fs.statSync(`${ws.configDir}/redaction.key`).mode & 0o077).toBe(0);
  });

  it('replaces whole values and values quoted inside text, deeply', () => {
    const r = buildRedactor(
      randomBytes(32),
      new Map([
        ['email', new Set(['ana@example.com'])],
        ['ip', new Set(['10.0.0.1', '10.0.0.12'])],
      ]),
    );
    const out = r.deep({
      note: 'Ana (ana@example.com) logged in from 10.0.0.12 and 10.0.0.1',
      list: ['10.0.0.1'],
      n: 3,
    });
    expect(JSON.stringify(out)).not.toMatch(/ana@example\.com|10\.0\.0\.1/);
    expect(out.list[0]).toBe(r.mapping.get('10.0.0.1')?.pseudonym);
    expect(out.n).toBe(3);
    expect(out.note).toContain(r.mapping.get('10.0.0.12')?.pseudonym);
  });

  it('profiles: internal redacts nothing, custom needs fields', () => {
    expect(fieldsFor('internal', undefined)).toEqual([]);
    expect(fieldsFor('external', undefined)).toContain('payment_instrument');
    expect(fieldsFor('custom', ['device', 'email'])).toEqual(['email', 'device']);
    expect(() => fieldsFor('custom', [])).toThrow(/at least one field/);
  });
});
