/** The details panel's account: attributes, identifiers with share counts, latest events, cases. */
import type { Db } from '../db/open.js';
import { RingsideError } from '../../shared/contract/errors.js';
import type { AccountDetail } from '../../shared/contract/graph.js';
import { DEFAULT_HUB_THRESHOLDS } from './params.js';
import { ringOfAccount } from './store.js';

/** NOT_FOUND names the account. Events are the latest 25; identifiers are all of the account's. */
export function accountDetail(db: Db, accountId: string): AccountDetail {
  const a = db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as
    | { id: string; display_name: string | null; email: string | null; phone: string | null; country: string | null; created_at: number; lifecycle_state: string; risk_score: number | null; attrs: string }
    | undefined;
  if (!a) throw new RingsideError('NOT_FOUND', `Account ${accountId} is not in the cache.`, { accountId });
  const identifiers = (
    db
      .prepare('SELECT i.kind, i.value, (SELECT count(*) FROM identifiers j WHERE j.kind = i.kind AND j.value = i.value) AS accounts FROM identifiers i WHERE i.account_id = ? ORDER BY accounts DESC, kind, value')
      .all(accountId) as { kind: string; value: string; accounts: number }[]
  ).map((r) => ({ ...r, hub: r.accounts > (DEFAULT_HUB_THRESHOLDS[r.kind] ?? 10) }));
  const events = db
    .prepare('SELECT id, occurred_at AS occurredAt, type, ip, device, amount FROM events WHERE account_id = ? ORDER BY occurred_at DESC LIMIT 25')
    .all(accountId) as AccountDetail['events'][number][];
  const cases = db
    .prepare('SELECT c.id, c.title, c.status, s.role FROM case_subjects s JOIN cases c ON c.id = s.case_id WHERE s.account_id = ? ORDER BY c.opened_at DESC')
    .all(accountId) as AccountDetail['cases'][number][];
  const decisions = db
    .prepare('SELECT id, sanction, policy, decided_at AS decidedAt, status FROM decisions WHERE account_id = ? ORDER BY decided_at DESC')
    .all(accountId) as AccountDetail['decisions'][number][];
  let attrs: Record<string, unknown> = {};
  try {
    attrs = JSON.parse(a.attrs) as Record<string, unknown>;
  } catch {
    attrs = { raw: a.attrs };
  }
  return {
    id: a.id,
    displayName: a.display_name,
    email: a.email,
    phone: a.phone,
    country: a.country,
    createdAt: a.created_at,
    lifecycleState: a.lifecycle_state,
    riskScore: a.risk_score,
    attrs,
    ringId: ringOfAccount(db, accountId),
    identifiers,
    events,
    cases,
    decisions,
  };
}
