/**
 * `timeline.markers`: what the organisation did about these accounts, to read next to what the
 * accounts did. Case milestones (opened, SLA due, and the case's audit entries) for every case
 * naming one of the accounts as subject; decisions on the accounts (decided_at, sanction,
 * status); and enforcement events from the upstream event feed. Sorted by time, capped at
 * MAX_MARKERS (the oldest are kept: the window is usually narrowed first).
 */
import { RingsideError } from '../../shared/contract/errors.js';
import { MAX_MARKERS, type TimelineMarker } from '../../shared/contract/timeline.js';
import type { Db } from '../db/open.js';
import { stmt } from './scope.js';
import { assertKnownAccounts } from './view.js';

const ALL_TIME = { from: 0, to: 8.64e15 };

/** Markers in [from, to) (all time when omitted); NOT_FOUND for unknown accounts. */
export function timelineMarkers(
  db: Db,
  req: { accounts: readonly string[]; from?: number | undefined; to?: number | undefined },
): TimelineMarker[] {
  assertKnownAccounts(db, req.accounts);
  const params = { accounts: JSON.stringify(req.accounts), from: req.from ?? ALL_TIME.from, to: req.to ?? ALL_TIME.to };
  const markers: TimelineMarker[] = [];
  const cases = stmt(
    db,
    `SELECT DISTINCT c.id, c.title, c.status, c.priority, c.opened_at AS openedAt, c.sla_due_at AS slaDueAt
     FROM case_subjects cs JOIN cases c ON c.id = cs.case_id
     WHERE cs.account_id IN (SELECT value FROM json_each(@accounts))`,
  ).all(params) as { id: string; title: string; status: string; priority: string; openedAt: number; slaDueAt: number | null }[];
  const inWindow = (at: number) => at >= params.from && at < params.to;
  for (const c of cases) {
    if (inWindow(c.openedAt)) {
      markers.push({ kind: 'case_opened', at: c.openedAt, accountId: null, caseId: c.id, label: `Case ${c.id} opened`, detail: `${c.title} · ${c.priority} · now ${c.status}` });
    }
    if (c.slaDueAt !== null && inWindow(c.slaDueAt)) {
      markers.push({ kind: 'sla_due', at: c.slaDueAt, accountId: null, caseId: c.id, label: `SLA due: ${c.id}`, detail: c.title });
    }
  }
  if (cases.length > 0) {
    const audit = stmt(
      db,
      `SELECT at, actor, action, entity_id AS caseId FROM audit_log
       WHERE entity_type = 'case' AND entity_id IN (SELECT value FROM json_each(@cases)) AND at >= @from AND at < @to
       ORDER BY seq LIMIT @limit`,
    ).all({ cases: JSON.stringify(cases.map((c) => c.id)), from: params.from, to: params.to, limit: MAX_MARKERS }) as {
      at: number;
      actor: string;
      action: string;
      caseId: string;
    }[];
    for (const a of audit) {
      markers.push({ kind: 'case_audit', at: a.at, accountId: null, caseId: a.caseId, label: a.action, detail: `${a.caseId} by ${a.actor}` });
    }
  }
  const decisions = stmt(
    db,
    `SELECT account_id AS accountId, case_id AS caseId, decided_at AS at, sanction, policy, status, decided_by AS decidedBy
     FROM decisions WHERE account_id IN (SELECT value FROM json_each(@accounts)) AND decided_at >= @from AND decided_at < @to
     ORDER BY decided_at LIMIT ${MAX_MARKERS}`,
  ).all(params) as { accountId: string; caseId: string | null; at: number; sanction: string; policy: string; status: string; decidedBy: string | null }[];
  for (const d of decisions) {
    markers.push({
      kind: 'decision',
      at: d.at,
      accountId: d.accountId,
      caseId: d.caseId,
      label: `Decision: ${d.sanction}`,
      detail: `${d.accountId} · ${d.policy} · ${d.status}${d.decidedBy ? ` · by ${d.decidedBy}` : ''}`,
    });
  }
  const enforcement = stmt(
    db,
    `SELECT account_id AS accountId, occurred_at AS at, json_extract(attrs, '$.sanction') AS sanction FROM events
     WHERE account_id IN (SELECT value FROM json_each(@accounts)) AND type = 'enforcement'
       AND occurred_at >= @from AND occurred_at < @to ORDER BY occurred_at LIMIT ${MAX_MARKERS}`,
  ).all(params) as { accountId: string; at: number; sanction: string | null }[];
  for (const e of enforcement) {
    markers.push({
      kind: 'enforcement',
      at: e.at,
      accountId: e.accountId,
      caseId: null,
      label: `Enforcement${e.sanction ? `: ${e.sanction}` : ''}`,
      detail: e.accountId,
    });
  }
  return markers.sort((a, b) => a.at - b.at).slice(0, MAX_MARKERS);
}

/** A case's subject accounts (sorted); NOT_FOUND naming the case when it does not exist. */
export function caseSubjects(db: Db, caseId: string): { caseId: string; title: string; accounts: string[] } {
  const row = stmt(db, 'SELECT id, title FROM cases WHERE id = ?').get(caseId) as { id: string; title: string } | undefined;
  if (!row) throw new RingsideError('NOT_FOUND', `No case ${caseId}.`, { caseId });
  const accounts = stmt(db, 'SELECT account_id FROM case_subjects WHERE case_id = ? ORDER BY account_id').pluck().all(caseId) as string[];
  return { caseId: row.id, title: row.title, accounts };
}
