/**
 * `timeline.patterns`: the two shapes a ring leaves in time.
 *
 * Lockstep. Events of the selection inside the window are scanned per type in time order. A
 * group is anchored at an event e and holds every event of the same type in [e.at, e.at + Δ]
 * (Δ = lockstepDeltaMs, inclusive). If those events come from at least `minAccounts` distinct
 * accounts, the group is reported and the scan resumes after its last event (groups never
 * overlap); otherwise the anchor moves to the next event. So every event of a group is within Δ
 * of the group's first event; events Δ + 1 ms apart never match; different types never mix.
 *
 * Bursts. Each account's whole history is cut into fixed windows of `burstWindowMs` (aligned to
 * the epoch). Its baseline is the median count over its active windows (windows with ≥ 1
 * event). A window is a burst when its count ≥ max(burstMinCount, burstFactor × baseline);
 * consecutive burst windows merge into one burst. Bursts overlapping the requested window are
 * returned, biggest factor first.
 */
import {
  MAX_PATTERNS,
  type BurstPattern,
  type LockstepGroup,
  type TimelinePatterns,
} from '../../shared/contract/timeline.js';
import type { Db } from '../db/open.js';
import { EVENTS_IN_SCOPE, resolveScope, stmt, type Scope } from './scope.js';
import { assertKnownAccounts } from './view.js';

export interface PatternRequest {
  readonly accounts: readonly string[];
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly types?: readonly string[] | undefined;
  readonly lockstepDeltaMs: number;
  readonly minAccounts: number;
  readonly burstWindowMs: number;
  readonly burstFactor: number;
  readonly burstMinCount: number;
}

interface Ev {
  readonly id: string;
  readonly accountId: string;
  readonly at: number;
}

/** Lockstep groups of one type's events (sorted by time), per the definition above. */
export function lockstepOfType(type: string, events: readonly Ev[], deltaMs: number, minAccounts: number): LockstepGroup[] {
  const groups: LockstepGroup[] = [];
  let i = 0;
  while (i < events.length) {
    const anchor = events[i]!;
    let j = i;
    const accounts = new Set<string>();
    while (j < events.length && events[j]!.at - anchor.at <= deltaMs) {
      accounts.add(events[j]!.accountId);
      j++;
    }
    if (accounts.size >= minAccounts) {
      const members = events.slice(i, j);
      groups.push({ type, from: anchor.at, to: members.at(-1)!.at, accounts: [...accounts].sort(), events: members });
      i = j;
    } else {
      i++;
    }
  }
  return groups;
}

function findLockstep(db: Db, scope: Scope, deltaMs: number, minAccounts: number): LockstepGroup[] {
  const rows = stmt(
    db,
    `SELECT id, account_id AS accountId, occurred_at AS at, type FROM events WHERE ${EVENTS_IN_SCOPE} ORDER BY type, occurred_at, id`,
  ).iterate(scope) as IterableIterator<Ev & { type: string }>;
  const groups: LockstepGroup[] = [];
  let current: string | null = null;
  let batch: Ev[] = [];
  const flush = () => {
    if (current !== null) groups.push(...lockstepOfType(current, batch, deltaMs, minAccounts));
    batch = [];
  };
  for (const row of rows) {
    if (row.type !== current) {
      flush();
      current = row.type;
    }
    batch.push({ id: row.id, accountId: row.accountId, at: row.at });
  }
  flush();
  return groups.sort((a, b) => a.from - b.from || a.type.localeCompare(b.type));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function findBursts(db: Db, scope: Scope, req: PatternRequest): BurstPattern[] {
  const rows = stmt(
    db,
    `SELECT account_id AS accountId, CAST(occurred_at / @w AS INTEGER) AS win, type, count(*) AS n FROM events
     WHERE account_id IN (SELECT value FROM json_each(@accounts))
       AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
     GROUP BY account_id, win, type ORDER BY account_id, win`,
  ).all({ accounts: scope.accounts, types: scope.types, w: req.burstWindowMs }) as {
    accountId: string;
    win: number;
    type: string;
    n: number;
  }[];
  // Fold the per-type counts into one entry per (account, window), keeping the type mix.
  const byAccount = new Map<string, { win: number; n: number; types: Map<string, number> }[]>();
  for (const r of rows) {
    const list = byAccount.get(r.accountId) ?? [];
    const last = list.at(-1);
    if (last && last.win === r.win) {
      last.n += r.n;
      last.types.set(r.type, r.n);
    } else {
      list.push({ win: r.win, n: r.n, types: new Map([[r.type, r.n]]) });
    }
    byAccount.set(r.accountId, list);
  }
  const bursts: BurstPattern[] = [];
  for (const [accountId, windows] of byAccount) {
    const baseline = median(windows.map((w) => w.n));
    const threshold = Math.max(req.burstMinCount, req.burstFactor * baseline);
    let open: { start: number; end: number; count: number; top: Map<string, number> } | null = null;
    const close = () => {
      if (!open) return;
      const from = open.start * req.burstWindowMs;
      const to = (open.end + 1) * req.burstWindowMs;
      if (to > scope.from && from < scope.to) {
        const topType = [...open.top].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
        const spanned = open.end - open.start + 1;
        bursts.push({ accountId, from, to, count: open.count, baseline, factor: open.count / (baseline * spanned), topType });
      }
      open = null;
    };
    for (const w of windows) {
      if (w.n < threshold) continue;
      if (open && w.win === open.end + 1) {
        open.end = w.win;
        open.count += w.n;
        for (const [type, n] of w.types) open.top.set(type, (open.top.get(type) ?? 0) + n);
      } else {
        close();
        open = { start: w.win, end: w.win, count: w.n, top: new Map(w.types) };
      }
    }
    close();
  }
  return bursts.sort((a, b) => b.factor - a.factor || a.from - b.from);
}

/** Bursts and lockstep groups; NOT_FOUND for unknown accounts. Each list is capped at MAX_PATTERNS. */
export function timelinePatterns(db: Db, req: PatternRequest): TimelinePatterns {
  assertKnownAccounts(db, req.accounts);
  const { extent: _extent, ...scope } = resolveScope(db, req);
  const lockstep = findLockstep(db, scope, req.lockstepDeltaMs, req.minAccounts);
  const bursts = findBursts(db, scope, req);
  return {
    bursts: bursts.slice(0, MAX_PATTERNS),
    lockstep: lockstep.slice(0, MAX_PATTERNS),
    truncated: bursts.length > MAX_PATTERNS || lockstep.length > MAX_PATTERNS,
    params: {
      lockstepDeltaMs: req.lockstepDeltaMs,
      minAccounts: req.minAccounts,
      burstWindowMs: req.burstWindowMs,
      burstFactor: req.burstFactor,
      burstMinCount: req.burstMinCount,
    },
  };
}
