/**
 * `timeline.view`: lanes for a window. Small windows come back as raw events; busy ones as
 * sparse per-lane, per-type bins whose width is a "nice" step (1 s … 30 d) chosen so a bin is
 * about BIN_PX pixels wide, then doubled until at most MAX_BIN_CELLS (lane, bin, type) cells
 * remain: the answer is bounded whatever the data. One scan of the window produces everything;
 * the overview strip's density (the accounts' whole extent in at most OVERVIEW_BINS bins) is a
 * second, optional scan.
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

function laneLabel(key: string): string {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  return kind === 'account' || kind === 'type' ? value : `${kind} ${value}`;
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

/** Lane keys of one scanned row, per lane mode (identifier lanes: the device and the IP). */
function laneKeysOf(mode: LaneMode, accountId: string, type: string, device: string | null, ip: string | null): string[] {
  switch (mode) {
    case 'account':
      return [`account:${accountId}`];
    case 'type':
      return [`type:${type}`];
    case 'identifier': {
      const keys: string[] = [];
      if (device) keys.push(`device:${device}`);
      if (ip) keys.push(`ip:${ip}`);
      return keys;
    }
  }
}

type RawRow = [id: string, accountId: string, at: number, type: string, device: string | null, ip: string | null];

/**
 * Builds the view in ONE bounded scan of the window (index `events_by_account_time`): type
 * counts for the legend, lane counts, and either the raw events (kept while there are at most
 * RAW_EVENT_LIMIT) or the bins, aggregated as the rows stream by. Bins are merged pairwise
 * (doubling the width) until at most MAX_BIN_CELLS remain. Failure modes: unknown accounts ->
 * NOT_FOUND naming them; a window with from ≥ to is refused by the schema (BAD_REQUEST).
 */
export function timelineView(
  db: Db,
  req: {
    accounts: readonly string[];
    laneMode: LaneMode;
    from?: number | undefined;
    to?: number | undefined;
    pixelWidth: number;
    types?: readonly string[] | undefined;
    overview?: boolean | undefined;
  },
): TimelineView {
  assertKnownAccounts(db, req.accounts);
  const { extent, ...scope } = resolveScope(db, req);
  const wanted = req.types && req.types.length > 0 ? new Set(req.types) : null;
  const span = scope.to - scope.from;
  const baseBinMs = niceBinMs(span / Math.max(1, req.pixelWidth / BIN_PX));

  const typeCount = new Map<string, number>();
  const laneCount = new Map<string, number>();
  // Provisional indices while scanning; remapped to the final lane and type order at the end.
  const laneId = new Map<string, number>();
  const laneKeys: string[] = [];
  const typeId = new Map<string, number>();
  const typeNames: string[] = [];
  const cells = new Map<number, number>();
  let raw: { id: string; accountId: string; at: number; lane: number; type: number }[] | null = [];
  let total = 0;
  const rows = stmt(
    db,
    `SELECT id, account_id, occurred_at, type, device, ip FROM events
     WHERE account_id IN (SELECT value FROM json_each(@accounts)) AND occurred_at >= @from AND occurred_at < @to`,
  )
    .raw()
    .iterate({ accounts: scope.accounts, from: scope.from, to: scope.to }) as IterableIterator<RawRow>;
  for (const [id, accountId, at, type, device, ip] of rows) {
    typeCount.set(type, (typeCount.get(type) ?? 0) + 1);
    if (wanted && !wanted.has(type)) continue;
    total++;
    let t = typeId.get(type);
    if (t === undefined) {
      t = typeNames.length;
      typeId.set(type, t);
      typeNames.push(type);
    }
    const bin = Math.floor((at - scope.from) / baseBinMs);
    for (const key of laneKeysOf(req.laneMode, accountId, type, device, ip)) {
      laneCount.set(key, (laneCount.get(key) ?? 0) + 1);
      let l = laneId.get(key);
      if (l === undefined) {
        l = laneKeys.length;
        laneId.set(key, l);
        laneKeys.push(key);
      }
      // lane < 2^20, bin < 2^20 (pixelWidth ≤ 8000), type < 2^12: exact in a double.
      const cell = (l * 1048576 + bin) * 4096 + t;
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
      if (raw) {
        raw.push({ id, accountId, at, lane: l, type: t });
        if (raw.length > RAW_EVENT_LIMIT * 2) raw = null;
      }
    }
  }

  const typeCounts = [...typeCount].map(([type, count]) => ({ type, count }));
  for (const t of req.types ?? []) if (!typeCount.has(t)) typeCounts.push({ type: t, count: 0 });
  typeCounts.sort((a, b) => a.type.localeCompare(b.type));
  const typeIndex = new Map(typeCounts.map((t, i) => [t.type, i]));

  const { lanes, omitted } = orderLanes(req.laneMode, laneCount, req.accounts);
  const laneIndex = new Map(lanes.map((l, i) => [l.key, i]));
  const laneRemap = laneKeys.map((key) => laneIndex.get(key));
  const typeRemap = typeNames.map((name) => typeIndex.get(name) ?? 0);
  const overview = req.overview === false ? null : overviewDensity(db, scope, extent);
  const base = { laneMode: req.laneMode, from: scope.from, to: scope.to, extent, lanes, lanesOmitted: omitted, types: typeCounts, total, overview };

  if (raw && total <= RAW_EVENT_LIMIT) {
    const events: TimelineEvent[] = [];
    for (const e of raw) {
      const lane = laneRemap[e.lane];
      if (lane !== undefined) events.push({ id: e.id, accountId: e.accountId, at: e.at, lane, type: typeRemap[e.type] ?? 0 });
    }
    events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { ...base, mode: 'events', events, binMs: 0, bins: [] };
  }

  // Merge neighbouring bins (width × 2 each round) until the answer is small enough.
  const collect = (shift: number) => {
    const merged = new Map<number, [number, number, number, number]>();
    const factor = 2 ** shift;
    for (const [cell, n] of cells) {
      const t = cell % 4096;
      const rest = (cell - t) / 4096;
      const bin = rest % 1048576;
      const lane = laneRemap[(rest - bin) / 1048576];
      if (lane === undefined) continue;
      const b = Math.floor(bin / factor);
      const type = typeRemap[t] ?? 0;
      const key = (lane * 1048576 + b) * 4096 + type;
      const entry = merged.get(key);
      if (entry) entry[3] += n;
      else merged.set(key, [lane, b, type, n]);
    }
    return merged;
  };
  let shift = 0;
  let merged = collect(shift);
  while (merged.size > MAX_BIN_CELLS) merged = collect(++shift);
  return { ...base, mode: 'bins', events: [], binMs: baseBinMs * 2 ** shift, bins: [...merged.values()] };
}

function orderLanes(mode: LaneMode, counts: Map<string, number>, accounts: readonly string[]): { lanes: TimelineLane[]; omitted: number } {
  if (mode === 'account') {
    // Every requested account gets its lane, in the order asked, even when it is quiet here.
    const all = [...new Set(accounts)].map((id) => ({ key: `account:${id}`, label: id, count: counts.get(`account:${id}`) ?? 0 }));
    return { lanes: all.slice(0, MAX_LANES), omitted: Math.max(0, all.length - MAX_LANES) };
  }
  const entries = [...counts].map(([key, count]) => ({ key, label: laneLabel(key), count }));
  // Type lanes read best alphabetically; identifier lanes busiest first (shared ones rise).
  if (mode === 'type') entries.sort((a, b) => a.key.localeCompare(b.key));
  else entries.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { lanes: entries.slice(0, MAX_LANES), omitted: Math.max(0, entries.length - MAX_LANES) };
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
