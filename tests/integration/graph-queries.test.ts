/**
 * Graph build and queries on a small hand-made cache where every link is known: rings, hubs,
 * stable ring ids and reviewed marks across rebuilds, cancel, expand (with truncation),
 * shortest path (plain and time-ordered), identifier neighbours, account details, and the CLI.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

let service: LocalService;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);

function seed(db: LocalService['db']) {
  const acc = db.prepare('INSERT INTO accounts (id, created_at, lifecycle_state) VALUES (?, ?, ?)');
  const ident = db.prepare('INSERT INTO identifiers (account_id, kind, value, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
  const rel = db.prepare('INSERT INTO relations (id, src_account_id, dst_account_id, kind, occurred_at) VALUES (?, ?, ?, ?, ?)');
  for (const [i, id] of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2'].entries()) acc.run(id, T0 + i * 3_600_000, id === 'a2' ? 'suspended' : 'active');
  for (let h = 0; h < 25; h++) acc.run(`h${String(h).padStart(2, '0')}`, T0 + h * 40 * DAY, 'active');
  const link = (kind: string, value: string, at: number, ...ids: string[]) => ids.forEach((id) => ident.run(id, kind, value, at, at + DAY));
  // Non-time-ordered shortest: a1 -device(300)- a2 -payout(50)- a4: 2 hops, but decreasing in time.
  link('device', 'D1', T0 + 300 * DAY, 'a1', 'a2');
  link('payment_instrument', 'P1', T0 + 50 * DAY, 'a2', 'a4');
  // Time-ordered alternative: a1 -address(100)- a3 -phone(200)- a5 -phone(250)- a4.
  link('address', 'ADDR', T0 + 100 * DAY, 'a1', 'a3');
  link('phone', 'X', T0 + 200 * DAY, 'a3', 'a5');
  link('phone', 'Y', T0 + 250 * DAY, 'a5', 'a4');
  // A hub IP: a1, a6 and 25 others (K for ip is 20).
  link('ip', 'HUB', T0, 'a1', 'a6', ...Array.from({ length: 25 }, (_, h) => `h${String(h).padStart(2, '0')}`));
  // A separate pair linked by a referral.
  rel.run('r1', 'b1', 'b2', 'referral', T0 + 10 * DAY);
  rel.run('r2', 'b1', 'b2', 'message', T0 + 11 * DAY);
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const out = await p;
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out.value;
}

beforeEach(() => {
  service = new LocalService(path.join(tempDir('ringside-graph-q-'), 'ws'));
  seed(service.db);
});
afterEach(() => service.close());

describe('graph.build', () => {
  it('finds rings as components, lists hubs, and keeps ids and reviewed marks across rebuilds', async () => {
    const built = await ok(service.runJob('graph.build', { kinds: ['device', 'payment_instrument', 'address', 'phone', 'referral', 'ip'] }));
    expect(built).toMatchObject({ accounts: 33, rings: 2, hubs: 1 });
    const { rings } = await ok(service.call('graph.rings', {}));
    expect(rings.map((r) => [r.id, r.size]).sort()).toEqual([
      ['ring:a1', 5],
      ['ring:b1', 2],
    ]);
    const hubs = await ok(service.call('graph.hubs', {}));
    expect(hubs.hubs).toEqual([{ kind: 'ip', value: 'HUB', accounts: 27, threshold: 20 }]);
    const ring = await ok(service.call('graph.ring', { ringId: 'ring:a1' }));
    expect(ring.members.map((m) => m.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(ring.explanation.binding.find((b) => b.value === 'P1')).toMatchObject({ kind: 'payment_instrument', accounts: 2, inRing: 2 });
    expect(ring.explanation.factors.find((f) => f.name === 'sanctioned')?.detail).toBe('1 of 5 sanctioned, 0 on cases');
    expect(ring.explanation.factors.find((f) => f.name === 'payout')?.value).toBeGreaterThan(0);
    expect(ring.explanation.factors.reduce((s, f) => s + f.weight, 0)).toBe(100);

    await ok(service.call('graph.markReviewed', { ringId: 'ring:a1' }));
    await ok(service.runJob('graph.build', {}));
    const again = await ok(service.call('graph.rings', { includeReviewed: true }));
    expect(again.rings.find((r) => r.id === 'ring:a1')?.reviewedAt).toEqual(expect.any(Number));
    const open = await ok(service.call('graph.rings', { includeReviewed: false }));
    expect(open.rings.map((r) => r.id)).toEqual(['ring:b1']);
    const search = await ok(service.call('graph.rings', { search: 'a4' }));
    expect(search.rings.map((r) => r.id)).toEqual(['ring:a1']);

    const missing = await service.call('graph.ring', { ringId: 'ring:zz' });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('ring:zz') });
  });

  it('marks the rings stale after a newer sync run and a cancelled build keeps the previous rings', async () => {
    await ok(service.runJob('graph.build', {}));
    expect((await ok(service.call('graph.status', {}))).stale).toBe(false);
    service.db.prepare("INSERT INTO sync_sources (id, name, kind, location, added_at, added_by) VALUES (1, 's', 'folder', '/x', 0, 't')").run();
    service.db.prepare("INSERT INTO sync_runs (source_id, started_at, finished_at, status, actor) VALUES (1, 0, 1, 'succeeded', 't')").run();
    expect((await ok(service.call('graph.status', {}))).stale).toBe(true);
    // Cancel at the first progress report (as Ctrl+C or the status bar's Cancel would).
    const cancelled = await service.runJob('graph.build', { kinds: ['phone'] }, () => service.cancel());
    expect(!cancelled.ok && cancelled.error.code).toBe('CANCELLED');
    expect((await ok(service.call('graph.rings', {}))).total).toBe(2);
  });
});

describe('graph queries', () => {
  it('expands hops with filters, hides hubs by default and flags truncation', async () => {
    const one = await ok(service.call('graph.expand', { accounts: ['a1'], hops: 1 }));
    expect(one.nodes.filter((n) => n.type === 'account').map((n) => n.id).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(one.edges.map((e) => `${e.source}-${e.target}:${e.kind}`).sort()).toEqual(['a1-a2:device', 'a1-a3:address']);
    expect(one.truncated).toBe(false);
    const two = await ok(service.call('graph.expand', { accounts: ['a1'], hops: 2 }));
    expect(two.nodes.filter((n) => n.type === 'account').map((n) => n.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const hubs = await ok(service.call('graph.expand', { accounts: ['a1'], hops: 1, kinds: ['ip'], hideHubs: false, limit: 10 }));
    expect(hubs.truncated).toBe(true);
    expect(hubs.nodes.filter((n) => n.type === 'account')).toHaveLength(10);
    expect(hubs.nodes.find((n) => n.type === 'identifier')).toMatchObject({ kind: 'ip', hub: true, accounts: 27 });
    expect(hubs.edges).toHaveLength(0); // hubs only appear through their identifier node
    const windowed = await ok(service.call('graph.expand', { accounts: ['a1'], hops: 1, window: { from: T0 + 250 * DAY, to: null } }));
    expect(windowed.nodes.filter((n) => n.type === 'account').map((n) => n.id).sort()).toEqual(['a1', 'a2']);
    const unknown = await service.call('graph.expand', { accounts: ['nobody'] });
    expect(!unknown.ok && unknown.error).toMatchObject({ code: 'NOT_FOUND', message: 'Unknown account: nobody' });
  });

  it('expands one account by a hop without growing the rest of the view', async () => {
    // Base view: a1 and a4 only (0 hops), linked to nothing between them.
    const base = await ok(service.call('graph.expand', { accounts: ['a1', 'a4'], hops: 0 }));
    expect(base.nodes.filter((n) => n.type === 'account').map((n) => n.id).sort()).toEqual(['a1', 'a4']);
    // Expanding a4 adds a4's neighbours (a2 by P1, a5 by Y) and none of a1's (a3 by ADDR).
    const grown = await ok(service.call('graph.expand', { accounts: ['a1', 'a4'], hops: 0, expandAccounts: ['a4'] }));
    expect(grown.nodes.filter((n) => n.type === 'account').map((n) => [n.id, n.depth]).sort()).toEqual([
      ['a1', 0],
      ['a2', 1],
      ['a4', 0],
      ['a5', 1],
    ]);
    // Newcomers are linked to everything already in view (a2 shares D1 with a1).
    expect(grown.edges.map((e) => `${e.source}-${e.target}:${e.via}`).sort()).toEqual(['a1-a2:D1', 'a2-a4:P1', 'a4-a5:Y']);
    // An account a previous expansion brought in can itself be expanded.
    const chained = await ok(service.call('graph.expand', { accounts: ['a1', 'a4'], hops: 0, expandAccounts: ['a4', 'a5'] }));
    expect(chained.nodes.filter((n) => n.type === 'account').map((n) => n.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(chained.nodes.find((n) => n.id === 'a3')?.depth).toBe(2);
    const unknown = await service.call('graph.expand', { accounts: ['a1'], expandAccounts: ['nobody'] });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
  });

  it('finds the shortest path, and a longer one when hops must be in time order', async () => {
    const plain = await ok(service.call('graph.path', { from: 'a1', to: 'a4' }));
    expect(plain.hops.map((h) => `${h.from}>${h.to}:${h.via}`)).toEqual(['a1>a2:D1', 'a2>a4:P1']);
    const ordered = await ok(service.call('graph.path', { from: 'a1', to: 'a4', timeOrdered: true }));
    expect(ordered.hops.map((h) => `${h.from}>${h.to}:${h.via}`)).toEqual(['a1>a3:ADDR', 'a3>a5:X', 'a5>a4:Y']);
    const since = ordered.hops.map((h) => h.since ?? 0);
    expect([...since].sort((x, y) => x - y)).toEqual(since);
    const none = await ok(service.call('graph.path', { from: 'a1', to: 'a6', kinds: ['ip'] }));
    expect(none.found).toBe(false);
    const viaHub = await ok(service.call('graph.path', { from: 'a1', to: 'a6', kinds: ['ip'], hideHubs: false }));
    expect(viaHub.hops).toMatchObject([{ kind: 'ip', via: 'HUB', shared: 27 }]);
    const referral = await ok(service.call('graph.path', { from: 'b2', to: 'b1' }));
    expect(referral.hops).toMatchObject([{ kind: 'referral', via: 'r1' }]);
  });

  it('lists identifier neighbours and account details', async () => {
    const n = await ok(service.call('graph.identifierNeighbours', { kind: 'ip', value: 'HUB', limit: 5 }));
    expect(n).toMatchObject({ total: 27, hub: true });
    expect(n.accounts).toHaveLength(5);
    const missing = await service.call('graph.identifierNeighbours', { kind: 'device', value: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    await ok(service.runJob('graph.build', {}));
    const a = await ok(service.call('graph.account', { accountId: 'a1' }));
    expect(a).toMatchObject({ id: 'a1', ringId: 'ring:a1', lifecycleState: 'active' });
    expect(a.identifiers.find((i) => i.value === 'HUB')).toMatchObject({ accounts: 27, hub: true });
    const none = await service.call('graph.account', { accountId: 'zz' });
    expect(!none.ok && none.error).toMatchObject({ code: 'NOT_FOUND', message: 'Account zz is not in the cache.' });
  });
});
