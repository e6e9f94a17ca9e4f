/** Workspace overview, account list and settings: the foundation's read and write handlers. */
import type { AccountRow, WorkspaceSummary } from '../../shared/contract/types.js';
import type { ReadHandlers, WriteHandlers } from '../service/context.js';
import { readSettings, writeSettings } from './settings.js';
import { ENTITY_TABLES } from '../../shared/domain/extract.js';
import type { Db } from '../db/open.js';

const COUNTED_TABLES = [...ENTITY_TABLES, 'quarantine'];

type DataSummary = Pick<WorkspaceSummary, 'counts' | 'lifecycle' | 'eventTypes' | 'eventRange'>;

/**
 * The counts, lifecycle mix, event-type mix and event range scan every account and event (seconds
 * at ten million events), so they are kept until the data can have changed: entity rows change
 * only through a sync run or through Ringside's own acts, and every act appends an audit entry.
 * The key is the latest sync run (never cached while one is running) and the audit head.
 */
const summaries = new Map<string, { key: string; value: DataSummary }>();

function dataSummary(db: Db, lastSync: WorkspaceSummary['lastSync']): DataSummary {
  const auditHead = (db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null }).seq ?? 0;
  const running = lastSync?.status === 'running';
  const key = `${lastSync?.runId ?? 0}:${lastSync?.status ?? ''}:${lastSync?.finishedAt ?? ''}:${auditHead}`;
  const cached = summaries.get(db.name);
  if (!running && cached?.key === key) return cached.value;
  const counts = COUNTED_TABLES.map((table) => ({
    table,
    rows: (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  }));
  const lifecycle = db
    .prepare('SELECT lifecycle_state AS state, count(*) AS accounts FROM accounts GROUP BY 1 ORDER BY 2 DESC')
    .all() as { state: string; accounts: number }[];
  const eventTypes = db
    .prepare('SELECT type, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC')
    .all() as { type: string; events: number }[];
  const eventRange = db.prepare('SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM events').get() as {
    first: number | null;
    last: number | null;
  };
  const value = { counts, lifecycle, eventTypes, eventRange };
  if (running) summaries.delete(db.name);
  else summaries.set(db.name, { key, value });
  return value;
}

export const workspaceReadHandlers = {
  'workspace.summary': (_req, { db }): WorkspaceSummary => {
    const lastSync = db
      .prepare(
        `SELECT r.id AS runId, s.name AS source, r.finished_at AS finishedAt, r.status AS status
           FROM sync_runs r JOIN sync_sources s ON s.id = r.source_id ORDER BY r.id DESC LIMIT 1`,
      )
      .get() as WorkspaceSummary['lastSync'] | undefined;
    const data = dataSummary(db, lastSync ?? null);
    const accounts = data.counts.find((c) => c.table === 'accounts')?.rows ?? 0;
    const runs = (db.prepare('SELECT count(*) AS n FROM sync_runs').get() as { n: number }).n;
    return { ...data, lastSync: lastSync ?? null, empty: accounts === 0 && runs === 0 };
  },

  'accounts.list': (req, { db }) => {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (req.search) {
      where.push('(a.id LIKE :q OR a.display_name LIKE :q OR a.email LIKE :q)');
      params['q'] = `%${req.search.replace(/[%_]/g, (c) => `\\${c}`)}%`;
    }
    if (req.lifecycleState) {
      where.push('a.lifecycle_state = :state');
      params['state'] = req.lifecycleState;
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}`.replace(/LIKE :q/g, "LIKE :q ESCAPE '\\'") : '';
    // Sort keys map to fixed SQL: the request schema restricts them, so no identifier is ever spliced.
    const sortSql = { id: 'a.id', createdAt: 'a.created_at', riskScore: 'a.risk_score', events: 'events' }[req.sort];
    const dir = req.direction === 'asc' ? 'ASC' : 'DESC';
    const total = (db.prepare(`SELECT count(*) AS n FROM accounts a ${whereSql}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT a.id, a.created_at AS createdAt, a.display_name AS displayName, a.email, a.country,
                a.lifecycle_state AS lifecycleState, a.risk_score AS riskScore,
                (SELECT count(*) FROM events e WHERE e.account_id = a.id) AS events,
                (SELECT count(*) FROM identifiers i WHERE i.account_id = a.id) AS identifiers,
                (SELECT count(*) FROM case_subjects cs JOIN cases c ON c.id = cs.case_id
                  WHERE cs.account_id = a.id AND c.status NOT IN ('closed','decided')) AS openCases
           FROM accounts a ${whereSql}
          ORDER BY ${sortSql} ${dir} NULLS LAST, a.id
          LIMIT :limit OFFSET :offset`,
      )
      .all({ ...params, limit: req.limit, offset: req.offset }) as AccountRow[];
    return { rows, total };
  },

  'settings.get': (_req, { db }) => readSettings(db),
} satisfies Partial<ReadHandlers>;

export const workspaceWriteHandlers = {
  'settings.update': (req, ctx) => {
    const settings = writeSettings(ctx.db, req);
    ctx.changed('settings');
    return settings;
  },
} satisfies Partial<WriteHandlers>;
