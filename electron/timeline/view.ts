/**
 * `timeline.view`: lanes for a window. Small windows come back as raw events; busy ones as
 * sparse per-lane, per-type bins whose width is a "nice" step (1 s … 30 d) chosen so a bin is
 * about BIN_PX pixels wide, and doubled until lanes × bins × types is under MAX_BIN_CELLS: the
 * answer is bounded whatever the data. The overview strip's density covers the accounts' whole
 * extent in at most OVERVIEW_BINS bins.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import {
  MAX_LANES,
  RAW_EVENT_LIMIT,
  type LaneMode,
  type TimelineEvent,
  type TimelineLane,
  type TimelineView,
} from '../../shared/contract/timeline.js';
import type { Db } from '../db/open.js';
import { EVENTS_IN_SCOPE, resolveScope, stmt, type Scope } from './scope.js';

const BIN_PX = 3;
const MAX_BIN_CELLS = 150_000;
const OVERVIEW_BINS = 600;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NICE_STEPS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY,
];

/** The smallest nice step ≥ `raw` ms (multiples of 30 days beyond the table). */
export function niceBinMs(raw: number): number {
  for (const step of NICE_STEPS) if (step >= raw) return step;
  return Math.ceil(raw / (30 * DAY)) * 30 * DAY;
}

/**
 * SQL producing (lane, id, account_id, occurred_at, type) for every event in scope, per lane
 * mode. Identifier lanes are the event's device and IP: an event appears once in each.
 */
function laneRowsSql(mode: LaneMode): string {
  const base = `SELECT id, account_id, occurred_at, type`;
  switch (mode) {
    case 'account':
      return `${base}, 'account:' || account_id AS lane FROM events WHERE ${EVENTS_IN_SCOPE}`;
    case 'type':
      return `${base}, 'type:' || type AS lane FROM events WHERE ${EVENTS_IN_SCOPE}`;
    case 'identifier':
      return `${base}, 'device:' || device AS lane FROM events WHERE ${EVENTS_IN_SCOPE} AND device IS NOT NULL AND device <> ''
        UNION ALL ${base}, 'ip:' || ip AS lane FROM events WHERE ${EVENTS_IN_SCOPE} AND ip IS NOT NULL AND ip <> ''`;
  }
}

function laneLabel(key: string): string {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  return kind === 'account' || kind === 'type' ? value : `${kind} ${value}`;
}

function listLanes(db: Db, mode: LaneMode, scope: Scope, accounts: readonly string[]): { lanes: TimelineLane[]; omitted: number } {
  const counted = stmt(db, `SELECT lane, count(*) AS n FROM (${laneRowsSql(mode)}) GROUP BY lane ORDER BY n DESC, lane`).all(
    scope,
  ) as { lane: string; n: number }[];
  if (mode === 'account') {
    // Every requested account gets its lane, in the order asked, even when it is quiet here.
    const counts = new Map(counted.map((r) => [r.lane, r.n]));
    const all = [...new Set(accounts)].map((id) => ({ key: `account:${id}`, label: id, count: counts.get(`account:${id}`) ?? 0 }));
    return { lanes: all.slice(0, MAX_LANES), omitted: Math.max(0, all.length - MAX_LANES) };
  }
  const ordered = mode === 'type' ? [...counted].sort((a, b) => a.lane.localeCompare(b.lane)) : counted;
  const lanes = ordered.slice(0, MAX_LANES).map((r) => ({ key: r.lane, label: laneLabel(r.lane), count: r.n }));
  return { lanes, omitted: Math.max(0, counted.length - MAX_LANES) };
}

/** Unknown accounts are refused by name, so a typo is not shown as a quiet, empty lane. */
export function assertKnownAccounts(db: Db, accounts: readonly string[]): void {
  const missing = stmt(
    db,
    `SELECT value FROM json_each(@accounts) WHERE value NOT IN (SELECT id FROM accounts)`,
  )
    .pluck()
    .all({ accounts: JSON.stringify(accounts) }) as string[];
  if (missing.length > 0) {
    throw new RingsideError(
      'NOT_FOUND',
      `Unknown account${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}.`,
      { missing },
    );
  }
}

/**
 * Builds the view. Failure modes: unknown accounts -> NOT_FOUND naming them; a window with
 * from ≥ to is refused by the schema (BAD_REQUEST).
 */
export function timelineView(
  db: Db,
  req: { accounts: readonly string[]; laneMode: LaneMode; from?: number | undefined; to?: number | undefined; pixelWidth: number; types?: readonly string[] | undefined },
): TimelineView {
  assertKnownAccounts(db, req.accounts);
  const { extent, ...scope } = resolveScope(db, req);
  const typeCounts = stmt(
    db,
    `SELECT type, count(*) AS count FROM events
     WHERE account_id IN (SELECT value FROM json_each(@accounts)) AND occurred_at >= @from AND occurred_at < @to
     GROUP BY type ORDER BY type`,
  ).all(scope) as { type: string; count: number }[];
  for (const t of req.types ?? []) if (!typeCounts.some((c) => c.type === t)) typeCounts.push({ type: t, count: 0 });
  typeCounts.sort((a, b) => a.type.localeCompare(b.type));
  const typeIndex = new Map(typeCounts.map((t, i) => [t.type, i]));
  const wanted = req.types && req.types.length > 0 ? new Set(req.types) : null;
  const total = typeCounts.reduce((sum, t) => sum + (wanted === null || wanted.has(t.type) ? t.count : 0), 0);

  const { lanes, omitted } = listLanes(db, req.laneMode, scope, req.accounts);
  const laneIndex = new Map(lanes.map((l, i) => [l.key, i]));
  const overview = overviewDensity(db, scope, extent);
  const base = { laneMode: req.laneMode, from: scope.from, to: scope.to, extent, lanes, lanesOmitted: omitted, types: typeCounts, total, overview };

  if (total <= RAW_EVENT_LIMIT) {
    const events: TimelineEvent[] = [];
    const rows = stmt(db, `SELECT * FROM (${laneRowsSql(req.laneMode)}) ORDER BY occurred_at, id`).all(scope) as {
      id: string;
      account_id: string;
      occurred_at: number;
      type: string;
      lane: string;
    }[];
    for (const r of rows) {
      const lane = laneIndex.get(r.lane);
      if (lane === undefined) continue;
      events.push({ id: r.id, accountId: r.account_id, at: r.occurred_at, lane, type: typeIndex.get(r.type) ?? 0 });
    }
    return { ...base, mode: 'events', events, binMs: 0, bins: [] };
  }

  const span = scope.to - scope.from;
  let binMs = niceBinMs(span / Math.max(1, req.pixelWidth / BIN_PX));
  const activeTypes = wanted ? wanted.size : typeCounts.length;
  while (Math.max(1, lanes.length) * Math.ceil(span / binMs) * Math.max(1, activeTypes) > MAX_BIN_CELLS) binMs *= 2;
  const grouped = stmt(
    db,
    `SELECT lane, CAST((occurred_at - @from) / @binMs AS INTEGER) AS bin, type, count(*) AS n
     FROM (${laneRowsSql(req.laneMode)}) GROUP BY lane, bin, type`,
  ).all({ ...scope, binMs }) as { lane: string; bin: number; type: string; n: number }[];
  const bins: [number, number, number, number][] = [];
  for (const g of grouped) {
    const lane = laneIndex.get(g.lane);
    if (lane !== undefined) bins.push([lane, g.bin, typeIndex.get(g.type) ?? 0, g.n]);
  }
  return { ...base, mode: 'bins', events: [], binMs, bins };
}

function overviewDensity(db: Db, scope: Scope, extent: { from: number; to: number } | null): TimelineView['overview'] {
  const from = Math.min(extent?.from ?? scope.from, scope.from);
  const to = Math.max(extent ? extent.to + 1 : scope.to, scope.to);
  const binMs = Math.max(1, Math.ceil((to - from) / OVERVIEW_BINS));
  const counts = new Array<number>(Math.ceil((to - from) / binMs)).fill(0);
  const rows = stmt(
    db,
    `SELECT CAST((occurred_at - @from) / @binMs AS INTEGER) AS bin, count(*) AS n FROM events
     WHERE ${EVENTS_IN_SCOPE} GROUP BY bin`,
  ).all({ ...scope, from, to, binMs }) as { bin: number; n: number }[];
  for (const r of rows) if (r.bin >= 0 && r.bin < counts.length) counts[r.bin] = r.n;
  return { from, binMs, counts };
}
