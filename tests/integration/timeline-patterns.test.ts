/**
 * The lockstep and burst definitions (electron/timeline/patterns.ts) on a hand-made cache: an
 * injected lockstep (3 accounts, same type within 30 s) must match; near-misses (same type 61 s
 * apart with Δ = 60 s; different types within Δ) must not.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/open.js';
import { timelinePatterns, type PatternRequest } from '../../electron/timeline/patterns.js';
import { createDB } from '../helpers/db.js';

const T0 = Date.UTC(2025, 2, 1, 12, 0, 0);
const S = 1000;
let db: Db;
let seq = 0;

function account(id: string): void {
  db.prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?)').run(id, T0 - 86_400_000);
}
function event(accountId: string, at: number, type: string): string {
  const id = `e${++seq}`;
  db.prepare('INSERT INTO events (id, account_id, occurred_at, type) VALUES (?, ?, ?, ?)').run(id, accountId, at, type);
  return id;
}
function request(accounts: string[], extra: Partial<PatternRequest> = {}): PatternRequest {
  return {
    accounts,
    lockstepDeltaMs: 60_000,
    minAccounts: 2,
    burstWindowMs: 3_600_000,
    burstFactor: 4,
    burstMinCount: 8,
    ...extra,
  };
}

beforeEach(() => {
  db = createDB().db;
  for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) account(id);
});

describe('lockstep', () => {
  it('finds an injected lockstep of 3 accounts within 30 s, with its events', () => {
    const ids = [event('a', T0, 'payout_method_change'), event('b', T0 + 12 * S, 'payout_method_change'), event('c', T0 + 30 * S, 'payout_method_change')];
    const { lockstep } = timelinePatterns(db, request(['a', 'b', 'c']));
    expect(lockstep).toHaveLength(1);
    expect(lockstep[0]).toMatchObject({ type: 'payout_method_change', from: T0, to: T0 + 30 * S, accounts: ['a', 'b', 'c'] });
    expect(lockstep[0]!.events.map((e) => e.id)).toEqual(ids);
  });

  it('does not match the same type 61 s apart with Δ = 60 s, but does at exactly 60 s', () => {
    event('a', T0, 'login');
    event('b', T0 + 61 * S, 'login');
    expect(timelinePatterns(db, request(['a', 'b'])).lockstep).toEqual([]);
    event('c', T0 + 61 * S + 60 * S, 'login');
    const { lockstep } = timelinePatterns(db, request(['a', 'b', 'c']));
    expect(lockstep).toHaveLength(1);
    expect(lockstep[0]!.accounts).toEqual(['b', 'c']);
  });

  it('does not mix different types inside Δ', () => {
    event('a', T0, 'login');
    event('b', T0 + 5 * S, 'password_reset');
    event('c', T0 + 10 * S, 'payout');
    expect(timelinePatterns(db, request(['a', 'b', 'c'])).lockstep).toEqual([]);
  });

  it('counts accounts, not events: one account repeating itself is not lockstep', () => {
    for (let i = 0; i < 5; i++) event('a', T0 + i * S, 'login');
    expect(timelinePatterns(db, request(['a'])).lockstep).toEqual([]);
    event('b', T0 + 20 * S, 'login');
    expect(timelinePatterns(db, request(['a', 'b'], { minAccounts: 3 })).lockstep).toEqual([]);
    expect(timelinePatterns(db, request(['a', 'b'])).lockstep).toHaveLength(1);
  });

  it('only considers the selected accounts and the window', () => {
    event('a', T0, 'signup');
    event('b', T0 + S, 'signup');
    event('c', T0 + 2 * S, 'signup');
    expect(timelinePatterns(db, request(['a', 'd'])).lockstep).toEqual([]);
    expect(timelinePatterns(db, request(['a', 'b', 'c'], { from: T0 + 500, to: T0 + 10 * S })).lockstep[0]!.accounts).toEqual(['b', 'c']);
  });

  it('a tighter Δ splits what a looser one joins', () => {
    event('a', T0, 'signup');
    event('b', T0 + 40 * S, 'signup');
    expect(timelinePatterns(db, request(['a', 'b'])).lockstep).toHaveLength(1);
    expect(timelinePatterns(db, request(['a', 'b'], { lockstepDeltaMs: 30_000 })).lockstep).toEqual([]);
  });

  it('refuses unknown accounts by name', () => {
    expect(() => timelinePatterns(db, request(['a', 'nope']))).toThrow(/Unknown account: nope/);
  });
});

describe('bursts', () => {
  it('flags an hour far above the account’s median, and not its ordinary hours', () => {
    // Ten ordinary hours of 2 events each, then one hour with 20.
    for (let h = 0; h < 10; h++) for (let k = 0; k < 2; k++) event('e', T0 + h * 3_600_000 + k * 60 * S, 'task_submit');
    const burstHour = T0 + 24 * 3_600_000;
    for (let k = 0; k < 20; k++) event('e', burstHour + k * 30 * S, k < 15 ? 'task_submit' : 'login');
    const { bursts } = timelinePatterns(db, request(['e']));
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ accountId: 'e', count: 20, baseline: 2, topType: 'task_submit' });
    expect(bursts[0]!.from).toBeLessThanOrEqual(burstHour);
    expect(bursts[0]!.to).toBeGreaterThan(burstHour + 19 * 30 * S);
    expect(bursts[0]!.factor).toBe(10);
  });

  it('needs the minimum count even when the factor is exceeded', () => {
    event('f', T0, 'login');
    for (let k = 0; k < 5; k++) event('f', T0 + 10 * 3_600_000 + k * S, 'login');
    event('f', T0 + 20 * 3_600_000, 'login');
    expect(timelinePatterns(db, request(['f'])).bursts).toEqual([]);
    expect(timelinePatterns(db, request(['f'], { burstMinCount: 5 })).bursts).toHaveLength(1);
  });
});
