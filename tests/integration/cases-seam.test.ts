/**
 * The case seam other screens rely on: create from a selection, add subjects, pin evidence,
 * list — each with its audit entry, chained by hash, in the same transaction.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../electron/audit/audit.js';
import { LocalService } from '../../electron/service/localService.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import { tableFingerprint, tempDir } from '../helpers/db.js';

let service: LocalService;
let accounts: string[];

beforeAll(async () => {
  service = new LocalService(tempDir());
  const loaded = await service.runJob('demo.load', { accounts: 60, seed: 2 });
  expect(loaded.ok).toBe(true);
  accounts = (service.db.prepare('SELECT id FROM accounts ORDER BY id LIMIT 5').pluck().all() as string[]);
});
afterEach(() => undefined);

describe('case seam', () => {
  it('creates a case on known accounts with an audit entry', async () => {
    const created = await service.call('cases.create', {
      title: 'Device farm around acc',
      subjects: [accounts[0]!, accounts[1]!, accounts[0]!],
      origin: { kind: 'ring', ref: 'ring-7' },
      priority: 'P1',
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value).toMatchObject({ status: 'new', priority: 'P1', subjects: 2, origin: 'ringside', slaState: 'on_track' });
    expect(created.value.id).toMatch(/^RS-\d{5}$/);
    const audit = service.db.prepare("SELECT * FROM audit_log WHERE entity_id = ? AND action = 'case.created'").get(created.value.id);
    expect(audit).toBeDefined();
  });

  it('refuses unknown accounts, naming them, and changes nothing', async () => {
    const before = tableFingerprint(service.db);
    const refused = await service.call('cases.create', { title: 'Bad', subjects: [accounts[0]!, 'acc_nope'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!refused.ok && refused.error.message).toContain('acc_nope');
    expect(tableFingerprint(service.db)).toEqual(before);
    const invalid = await service.call('cases.create', { title: 'x', subjects: [] });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!invalid.ok && invalid.error.message).toContain('title');
  });

  it('adds subjects once and pins evidence with the hash of its payload', async () => {
    const created = await service.call('cases.create', { title: 'Payout sharing', subjects: [accounts[2]!] });
    if (!created.ok) throw new Error(created.error.message);
    const add = await service.call('cases.addSubjects', { caseId: created.value.id, accounts: [accounts[2]!, accounts[3]!] });
    expect(add).toEqual({ ok: true, value: { added: 1, alreadyPresent: 1 } });
    const payload = { sql: 'SELECT 1', params: {}, rows: [{ one: 1 }] };
    const pinned = await service.call('cases.addEvidence', { caseId: created.value.id, kind: 'query', title: 'One', payload });
    expect(pinned.ok).toBe(true);
    if (!pinned.ok) return;
    expect(pinned.value.sha256).toBe(createHash('sha256').update(canonicalJson(payload)).digest('hex'));
    const missing = await service.call('cases.addEvidence', { caseId: 'RS-99999', kind: 'note', title: 'x', payload: {} });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps the audit chain intact: each entry hashes its content and the previous hash', () => {
    const rows = service.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      seq: number; at: number; tz: string; actor: string; action: string; entity_type: string; entity_id: string; payload: string; prev_hash: string; hash: string;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      const recomputed = auditHash({ seq: row.seq, at: row.at, tz: row.tz, actor: row.actor, action: row.action, entityType: row.entity_type, entityId: row.entity_id, payload: JSON.parse(row.payload), prevHash: row.prev_hash });
      expect(recomputed).toBe(row.hash);
      prev = row.hash;
    }
  });

  it('lists cases, filtered by status and search', async () => {
    const all = await service.call('cases.list', { search: 'Payout sharing' });
    expect(all.ok && all.value.rows.map((r) => r.title)).toEqual(['Payout sharing']);
    const closed = await service.call('cases.list', { statuses: ['closed'], limit: 1000 });
    expect(closed.ok && closed.value.rows.every((r) => r.status === 'closed')).toBe(true);
  });
});
