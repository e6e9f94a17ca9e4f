/**
 * timeline.view / events / markers / caseSubjects through LocalService on the demo cache: raw
 * events for small windows, bounded bins for busy ones (counts add up), lanes per account,
 * identifier and type, pages that tile the window, markers for a case's decisions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RAW_EVENT_LIMIT, type TimelineView } from '../../shared/contract/timeline.js';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

let service: LocalService;
let all: string[];

beforeAll(async () => {
  service = new LocalService(tempDir());
  const loaded = await service.runJob('demo.load', { accounts: 400, seed: 5 });
  expect(loaded.ok).toBe(true);
  all = service.db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as string[];
}, 120_000);

async function view(params: Parameters<LocalService['call']>[1]) {
  const outcome = await service.call('timeline.view', params as never);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as TimelineView;
}

describe('timeline.view', () => {
  it('gives raw events, one lane per account in the order asked, for a few accounts', async () => {
    const accounts = [all[3]!, all[1]!, all[2]!];
    const v = await view({ accounts, pixelWidth: 1000 });
    expect(v.mode).toBe('events');
    expect(v.lanes.map((l) => l.label)).toEqual(accounts);
    const n = service.db.prepare(`SELECT count(*) FROM events WHERE account_id IN (?, ?, ?)`).pluck().get(...accounts);
    expect(v.total).toBe(n);
    expect(v.events).toHaveLength(n as number);
    expect(v.events.every((e) => v.lanes[e.lane]!.label === e.accountId)).toBe(true);
    expect(v.overview!.counts.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('switches to bins above the raw limit, with counts that add up and a bounded answer', async () => {
    const v = await view({ accounts: all.slice(0, 200), pixelWidth: 1200 });
    expect(v.total).toBeGreaterThan(RAW_EVENT_LIMIT);
    expect(v.lanesOmitted).toBe(0);
    expect(v.mode).toBe('bins');
    expect(v.events).toHaveLength(0);
    expect(v.binMs).toBeGreaterThan(0);
    expect(v.bins.reduce((sum, b) => sum + b[3], 0)).toBe(v.total);
    expect(v.bins.length).toBeLessThanOrEqual(150_000);
    expect(Math.ceil((v.to - v.from) / v.binMs)).toBeLessThanOrEqual(1200);
  });

  it('returns at most MAX_LANES lanes and says how many it left out', async () => {
    const v = await view({ accounts: all });
    expect(v.lanes).toHaveLength(200);
    expect(v.lanesOmitted).toBe(all.length - 200);
    expect(v.bins.reduce((sum, b) => sum + b[3], 0)).toBe(v.lanes.reduce((sum, l) => sum + l.count, 0));
  });

  it('filters by type and reports every type for the legend', async () => {
    const v = await view({ accounts: all.slice(0, 20), types: ['login'] });
    expect(v.types.map((t) => t.type)).toContain('signup');
    const logins = v.types.find((t) => t.type === 'login')!.count;
    expect(v.total).toBe(logins);
    expect(v.events.every((e) => v.types[e.type]!.type === 'login')).toBe(true);
  });

  it('builds identifier and type lanes', async () => {
    const byType = await view({ accounts: all.slice(0, 10), laneMode: 'type' });
    expect(byType.lanes.map((l) => l.label)).toContain('signup');
    const byId = await view({ accounts: all.slice(0, 10), laneMode: 'identifier' });
    expect(byId.lanes.some((l) => l.key.startsWith('device:'))).toBe(true);
    expect(byId.lanes.some((l) => l.key.startsWith('ip:'))).toBe(true);
  });

  it('refuses unknown accounts and reversed windows', async () => {
    const unknown = await service.call('timeline.view', { accounts: ['no_such_account'] });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    expect(unknown.ok ? '' : unknown.error.message).toContain('no_such_account');
    const reversed = await service.call('timeline.view', { accounts: [all[0]!], from: 10, to: 5 });
    expect(reversed.ok ? null : reversed.error.code).toBe('BAD_REQUEST');
  });
});

describe('timeline.events, markers, caseSubjects', () => {
  it('pages tile the window without overlap', async () => {
    const accounts = all.slice(0, 30);
    const extent = service.db.prepare('SELECT min(occurred_at) AS a, max(occurred_at) AS b FROM events').get() as { a: number; b: number };
    const p1 = await service.call('timeline.events', { accounts, from: extent.a, to: extent.b + 1, offset: 0, limit: 50 });
    const p2 = await service.call('timeline.events', { accounts, from: extent.a, to: extent.b + 1, offset: 50, limit: 50 });
    if (!p1.ok || !p2.ok) throw new Error('page failed');
    expect(p1.value.rows).toHaveLength(50);
    const ids = new Set(p1.value.rows.map((r) => r.id));
    expect(p2.value.rows.some((r) => ids.has(r.id))).toBe(false);
    expect(p1.value.rows.at(-1)!.at).toBeLessThanOrEqual(p2.value.rows[0]!.at);
  });

  it('lists decisions and enforcement events of decided accounts, and case milestones', async () => {
    const decided = service.db.prepare('SELECT account_id FROM decisions LIMIT 1').pluck().get() as string;
    const created = await service.call('cases.create', { title: 'Timeline markers', subjects: [decided] });
    if (!created.ok) throw new Error(created.error.message);
    const markers = await service.call('timeline.markers', { accounts: [decided] });
    if (!markers.ok) throw new Error(markers.error.message);
    const kinds = new Set(markers.value.map((m) => m.kind));
    expect(kinds.has('decision')).toBe(true);
    expect(kinds.has('case_opened')).toBe(true);
    expect(kinds.has('case_audit')).toBe(true);
    const subjects = await service.call('timeline.caseSubjects', { caseId: created.value.id });
    expect(subjects.ok && subjects.value.accounts).toEqual([decided]);
    const missing = await service.call('timeline.caseSubjects', { caseId: 'NOPE-1' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });
});

describe('timeline.view lane modes agree with SQL', () => {
  it('identifier lanes count each event once per device and once per IP', async () => {
    const accounts = all.slice(0, 15);
    const v = await view({ accounts, laneMode: 'identifier' });
    const sql = service.db
      .prepare(
        `SELECT key, count(*) AS n FROM (
           SELECT 'device:' || device AS key FROM events WHERE account_id IN (SELECT value FROM json_each(?)) AND device <> ''
           UNION ALL SELECT 'ip:' || ip FROM events WHERE account_id IN (SELECT value FROM json_each(?)) AND ip <> '')
         GROUP BY key`,
      )
      .all(JSON.stringify(accounts), JSON.stringify(accounts)) as { key: string; n: number }[];
    const expected = new Map(sql.map((r) => [r.key, r.n]));
    for (const lane of v.lanes) expect(lane.count).toBe(expected.get(lane.key));
    expect(v.lanes.length + v.lanesOmitted).toBe(expected.size);
  });

  it('omits the overview when asked (zoom refetches keep theirs)', async () => {
    const v = await view({ accounts: all.slice(0, 3), overview: false });
    expect(v.overview).toBeNull();
  });
});
