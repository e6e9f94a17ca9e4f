/**
 * Reads of the stored build (reader connection): status, rings, one ring, hubs; and the one
 * write, the "reviewed" mark. All bounded queries over indexed tables.
 */
import type { Db } from '../db/open.js';
import { RingsideError } from '../../shared/contract/errors.js';
import type { GraphBuildInfo, GraphParams, GraphStatus, HubInfo, LinkKind, RingDetail, RingExplanation, RingSummary } from '../../shared/contract/graph.js';

interface BuildRow {
  id: number;
  built_at: number;
  built_by: string;
  params: string;
  sync_run_id: number | null;
  accounts: number;
  links: number;
  rings: number;
  hubs: number;
  duration_ms: number;
}

export function latestSyncRunId(db: Db): number | null {
  return (db.prepare("SELECT max(id) FROM sync_runs WHERE status IN ('succeeded','partial')").pluck().get() as number | null) ?? null;
}

export function getLatestBuild(db: Db): GraphBuildInfo | null {
  const row = db.prepare('SELECT * FROM graph_builds ORDER BY id DESC LIMIT 1').get() as BuildRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    builtAt: row.built_at,
    builtBy: row.built_by,
    params: JSON.parse(row.params) as GraphParams,
    syncRunId: row.sync_run_id,
    accounts: row.accounts,
    links: row.links,
    rings: row.rings,
    hubs: row.hubs,
    durationMs: row.duration_ms,
  };
}

/** The latest build and whether a sync run finished after it (the UI then rebuilds). */
export function graphStatus(db: Db): GraphStatus {
  const build = getLatestBuild(db);
  const latest = latestSyncRunId(db);
  return { build, latestSyncRunId: latest, stale: build === null ? latest !== null : latest !== null && (build.syncRunId ?? 0) < latest };
}

interface RingRow {
  id: string;
  size: number;
  score: number;
  component_size: number;
  explanation: string;
  reviewed_at: number | null;
  reviewed_by: string | null;
}

function summary(row: RingRow): RingSummary & { explanation: RingExplanation & { headline: string } } {
  const explanation = JSON.parse(row.explanation) as RingExplanation & { headline: string };
  return {
    id: row.id,
    size: row.size,
    score: row.score,
    componentSize: row.component_size,
    kinds: explanation.kinds,
    headline: explanation.headline,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    explanation,
  };
}

const RING_SELECT =
  'SELECT r.id, r.size, r.score, r.component_size, r.explanation, v.reviewed_at, v.reviewed_by FROM rings r LEFT JOIN ring_reviews v ON v.ring_id = r.id';

/** Rings, highest score first (ties by id). `search` matches a ring id or any member account id. */
export function listRings(
  db: Db,
  req: { minSize: number; includeReviewed: boolean; search?: string | undefined; offset: number; limit: number },
): { rings: RingSummary[]; total: number } {
  const where: string[] = ['r.size >= ?'];
  const args: (string | number)[] = [req.minSize];
  if (!req.includeReviewed) where.push('v.reviewed_at IS NULL');
  const search = req.search?.trim();
  if (search) {
    where.push('(r.id LIKE ? OR r.id IN (SELECT ring_id FROM ring_members WHERE account_id LIKE ?))');
    args.push(`%${search}%`, `${search}%`);
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) FROM rings r LEFT JOIN ring_reviews v ON v.ring_id = r.id ${clause}`).pluck().get(...args) as number) ?? 0;
  const rows = db.prepare(`${RING_SELECT} ${clause} ORDER BY r.score DESC, r.id LIMIT ? OFFSET ?`).all(...args, req.limit, req.offset) as RingRow[];
  return {
    total,
    rings: rows.map((row) => {
      const { explanation: _omit, ...rest } = summary(row);
      return rest;
    }),
  };
}

/** One ring with members; NOT_FOUND names the id (e.g. a ring from before a rebuild that changed it). */
export function getRing(db: Db, ringId: string): RingDetail {
  const row = db.prepare(`${RING_SELECT} WHERE r.id = ?`).get(ringId) as RingRow | undefined;
  if (!row) {
    throw new RingsideError('NOT_FOUND', `Ring ${ringId} is not in the latest build. Its accounts may no longer be linked; rebuild or search by account.`, { ringId });
  }
  const members = db
    .prepare('SELECT a.id, a.lifecycle_state, a.risk_score, a.created_at FROM ring_members m JOIN accounts a ON a.id = m.account_id WHERE m.ring_id = ? ORDER BY a.created_at')
    .all(ringId) as { id: string; lifecycle_state: string; risk_score: number | null; created_at: number }[];
  return {
    ...summary(row),
    members: members.map((m) => ({ id: m.id, lifecycleState: m.lifecycle_state, riskScore: m.risk_score, createdAt: m.created_at })),
  };
}

/** Marks (or unmarks) a ring reviewed. NOT_FOUND if the ring is not in the latest build. */
export function markReviewed(db: Db, ringId: string, reviewed: boolean, actor: string, note?: string): { ringId: string; reviewedAt: number | null } {
  if (!db.prepare('SELECT 1 FROM rings WHERE id = ?').get(ringId)) {
    throw new RingsideError('NOT_FOUND', `Ring ${ringId} is not in the latest build; nothing was marked.`, { ringId });
  }
  if (!reviewed) {
    db.prepare('DELETE FROM ring_reviews WHERE ring_id = ?').run(ringId);
    return { ringId, reviewedAt: null };
  }
  const at = Date.now();
  db.prepare('INSERT INTO ring_reviews (ring_id, reviewed_at, reviewed_by, note) VALUES (?, ?, ?, ?) ON CONFLICT(ring_id) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by, note = excluded.note').run(
    ringId,
    at,
    actor,
    note ?? null,
  );
  return { ringId, reviewedAt: at };
}

export function listHubs(db: Db, kind: LinkKind | undefined, limit: number): { hubs: HubInfo[]; total: number } {
  const where = kind ? 'WHERE kind = ?' : '';
  const args = kind ? [kind] : [];
  const total = db.prepare(`SELECT count(*) FROM graph_hubs ${where}`).pluck().get(...args) as number;
  const hubs = db.prepare(`SELECT kind, value, accounts, threshold FROM graph_hubs ${where} ORDER BY accounts DESC, kind, value LIMIT ?`).all(...args, limit) as HubInfo[];
  return { hubs, total };
}

/** Ring of an account in the latest build, or null. */
export function ringOfAccount(db: Db, accountId: string): string | null {
  return (db.prepare('SELECT ring_id FROM ring_members WHERE account_id = ? LIMIT 1').pluck().get(accountId) as string | undefined) ?? null;
}
