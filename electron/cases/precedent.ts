/**
 * Precedent: the "similar decisions" panel and the consistency warning.
 *  - Similar = same policy and tier, OR the decided account shares an identifier value (device,
 *    payout instrument, bank account, phone, address; IPs are left out because office and VPN hubs
 *    link hundreds of unrelated accounts) with a subject, OR the rationale matches the search text
 *    (SQLite FTS5, porter stemming, any of the words). Precedent ranks first, then more reasons,
 *    then newest.
 *  - Consistency: a proposed sanction that differs from a precedent with the same policy, tier and
 *    the same number of prior sanctions ("history") raises a warning naming those precedents.
 */
import type { ConsistencyWarning, SimilarDecision } from '../../shared/contract/decisions.js';
import type { Db } from '../db/open.js';
import { DECISION_COLUMNS, decisionAttrs, toDecision, type DecisionRow } from './decisionRows.js';

const LINKING_KINDS = ['device', 'payment_instrument', 'bank_account', 'phone', 'address'] as const;

export function consistencyWarnings(db: Db, input: { policy: string; tier: string; accountId: string; priorSanctions: number; sanction: string }): ConsistencyWarning[] {
  const rows = db
    .prepare(`SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.policy = ? AND d.tier = ? AND d.precedent = 1 AND d.status = 'effective' ORDER BY d.decided_at DESC LIMIT 200`)
    .all(input.policy, input.tier) as DecisionRow[];
  const sameHistory = rows.filter((row) => (decisionAttrs(row).priorSanctions ?? 0) === input.priorSanctions);
  const differing = sameHistory.filter((row) => row.sanction !== input.sanction);
  if (differing.length === 0) return [];
  const sanctions = [...new Set(differing.map((row) => row.sanction))].join(' / ');
  return [
    {
      accountId: input.accountId,
      message: `Precedent for ${input.policy} ${input.tier} with ${input.priorSanctions} prior sanction${input.priorSanctions === 1 ? '' : 's'} is ${sanctions}, not ${input.sanction}. Explain the difference in the rationale.`,
      precedentIds: differing.slice(0, 10).map((row) => row.id),
    },
  ];
}

/** Turns free text into a safe FTS5 query: quoted words joined by OR (no FTS syntax gets through). */
export function ftsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 20);
  return words.length === 0 ? null : words.map((w) => `"${w}"`).join(' OR ');
}

export interface SimilarQuery {
  readonly policy?: string | undefined;
  readonly tier?: string | undefined;
  readonly accounts: readonly string[];
  readonly text: string;
  readonly excludeCaseId?: string | undefined;
  readonly limit: number;
}

export function similarDecisions(db: Db, q: SimilarQuery): SimilarDecision[] {
  const reasons = new Map<string, Set<string>>();
  const add = (id: string, reason: string) => {
    let set = reasons.get(id);
    if (!set) reasons.set(id, (set = new Set()));
    set.add(reason);
  };
  if (q.policy && q.tier) {
    const ids = db.prepare('SELECT id FROM decisions WHERE policy = ? AND tier = ? ORDER BY precedent DESC, decided_at DESC LIMIT 200').pluck().all(q.policy, q.tier) as string[];
    for (const id of ids) add(id, `same policy and tier`);
  }
  if (q.accounts.length > 0) {
    const linked = db.prepare(
      `SELECT DISTINCT d.id, i2.kind FROM identifiers i1
         JOIN identifiers i2 ON i2.kind = i1.kind AND i2.value = i1.value AND i2.account_id <> i1.account_id
         JOIN decisions d ON d.account_id = i2.account_id
       WHERE i1.account_id = ? AND i1.kind IN (${LINKING_KINDS.map(() => '?').join(', ')}) LIMIT 200`,
    );
    for (const account of q.accounts.slice(0, 100)) {
      for (const row of linked.all(account, ...LINKING_KINDS) as { id: string; kind: string }[]) add(row.id, `shared ${row.kind.replace('_', ' ')}`);
    }
  }
  const match = ftsQuery(q.text);
  if (match) {
    const ids = db.prepare('SELECT d.id FROM decisions_fts f JOIN decisions d ON d.rowid = f.rowid WHERE decisions_fts MATCH ? ORDER BY rank LIMIT 200').pluck().all(match) as string[];
    for (const id of ids) add(id, 'rationale text');
  }
  if (reasons.size === 0) return [];
  const get = db.prepare(`SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.id = ?`);
  const rows: SimilarDecision[] = [];
  for (const [id, why] of reasons) {
    const row = get.get(id) as DecisionRow | undefined;
    if (!row || (q.excludeCaseId && row.caseId === q.excludeCaseId)) continue;
    rows.push({ ...toDecision(row), reasons: [...why] });
  }
  rows.sort((a, b) => Number(b.precedent) - Number(a.precedent) || b.reasons.length - a.reasons.length || b.decidedAt - a.decidedAt);
  return rows.slice(0, q.limit);
}
