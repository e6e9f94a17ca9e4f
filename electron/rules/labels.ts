/**
 * Labels for backtests, read from the cache (in the query runner's read-only connection):
 * upstream past decisions and Ringside's own, plus known-fraud flags from the extracts.
 *
 *  - POSITIVE: a sanction that still stands (not `no_action`; effective or modified; not
 *    overturned on appeal) decided inside the window under the rule's policy (any policy with
 *    scope `any`, or when the rule names none); or `accounts.attrs.known_fraud` is true/1/"yes"
 *    (a flag from the extracts, undated, so it counts in every window).
 *  - NEGATIVE: otherwise, cleared inside the window: a `no_action` decision, or a sanction
 *    overturned on appeal (a false positive of the past).
 *  - OTHER: otherwise, a standing sanction inside the window under another policy only.
 *  - UNLABELED: none of these.
 * Good standing (the friction view) is about today, not the window: lifecycle `active`, no
 * standing sanction of any date and no known-fraud flag.
 */
import type { AccountLabel, FlaggedAccount, LabelScope, TimeWindow } from '../../shared/contract/rules.js';
import type { Db } from '../db/open.js';
import type { LabelTotals } from './metrics.js';

export interface LabelSpec {
  readonly policy: string | null;
  readonly scope: LabelScope;
  readonly window: TimeWindow | null;
}

export interface AccountLabelInfo {
  readonly label: AccountLabel;
  readonly at: number | null;
}

const OVERTURNED = "coalesce(appeal_outcome, '') IN ('overturned', 'overturn')";

const LABELS_SQL = `
SELECT account_id AS id,
  max(CASE WHEN stands AND in_win AND in_scope THEN decided_at END) AS pos_at,
  max(CASE WHEN cleared AND in_win THEN decided_at END) AS neg_at,
  max(CASE WHEN stands AND in_win AND NOT in_scope THEN decided_at END) AS other_at,
  max(stands) AS standing
FROM (
  SELECT account_id, decided_at,
    (sanction <> 'no_action' AND status IN ('effective', 'modified') AND NOT ${OVERTURNED}) AS stands,
    ((sanction = 'no_action' AND status IN ('effective', 'modified')) OR status = 'overturned' OR ${OVERTURNED}) AS cleared,
    (decided_at >= :from AND decided_at < :to) AS in_win,
    (:any = 1 OR policy = :policy) AS in_scope
  FROM decisions
)
GROUP BY account_id`;

const KNOWN_FRAUD_SQL = `SELECT id FROM accounts
  WHERE instr(attrs, 'known_fraud') > 0 AND lower(CAST(json_extract(attrs, '$.known_fraud') AS TEXT)) IN ('1', 'true', 'yes')`;

/** The labels of every labelled account, the totals, and who has a standing sanction today. */
export class LabelSet {
  readonly byAccount = new Map<string, AccountLabelInfo>();
  /** Accounts with a sanction that stands (any date, any policy) or a known-fraud flag. */
  readonly sanctioned = new Set<string>();
  readonly totals: LabelTotals;
  private readonly accountStmt;
  private readonly reasonStmt;

  constructor(db: Db, spec: LabelSpec) {
    const anyPolicy = spec.scope === 'any' || spec.policy === null;
    const rows = db
      .prepare(LABELS_SQL)
      .all({
        from: spec.window?.from ?? Number.MIN_SAFE_INTEGER,
        to: spec.window?.to ?? Number.MAX_SAFE_INTEGER,
        any: anyPolicy ? 1 : 0,
        policy: spec.policy ?? '',
      }) as { id: string; pos_at: number | null; neg_at: number | null; other_at: number | null; standing: number }[];
    for (const r of rows) {
      if (r.standing) this.sanctioned.add(r.id);
      if (r.pos_at !== null) this.byAccount.set(r.id, { label: 'positive', at: r.pos_at });
      else if (r.neg_at !== null) this.byAccount.set(r.id, { label: 'negative', at: r.neg_at });
      else if (r.other_at !== null) this.byAccount.set(r.id, { label: 'other', at: r.other_at });
    }
    for (const { id } of db.prepare(KNOWN_FRAUD_SQL).all() as { id: string }[]) {
      this.sanctioned.add(id);
      if (this.byAccount.get(id)?.label !== 'positive') this.byAccount.set(id, { label: 'positive', at: null });
    }
    const totals = { positive: 0, negative: 0, other: 0 };
    for (const info of this.byAccount.values()) if (info.label !== 'unlabeled') totals[info.label]++;
    this.totals = totals;
    this.accountStmt = db.prepare('SELECT lifecycle_state, created_at, country FROM accounts WHERE id = ?');
    this.reasonStmt = db.prepare(
      'SELECT sanction, policy, status, appeal_outcome, decided_at FROM decisions WHERE account_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1',
    );
  }

  label(accountId: string): AccountLabelInfo {
    return this.byAccount.get(accountId) ?? { label: 'unlabeled', at: null };
  }

  /** Positive accounts (for the missed-positives sample). */
  *positives(): Iterable<string> {
    for (const [id, info] of this.byAccount) if (info.label === 'positive') yield id;
  }

  /** Lifecycle state today, or null when the id is not an account in the cache. */
  facts(accountId: string): { lifecycleState: string; createdAt: number | null; country: string | null } | null {
    const row = this.accountStmt.get(accountId) as
      | { lifecycle_state: string; created_at: number | null; country: string | null }
      | undefined;
    return row ? { lifecycleState: row.lifecycle_state, createdAt: row.created_at, country: row.country } : null;
  }

  goodStanding(accountId: string, lifecycleState: string | null): boolean {
    return lifecycleState === 'active' && !this.sanctioned.has(accountId);
  }

  /** The account as a reviewer sees it in a sample or the friction list. */
  describe(accountId: string, score: number | null): FlaggedAccount {
    const facts = this.facts(accountId);
    const info = this.label(accountId);
    const d = this.reasonStmt.get(accountId) as
      | { sanction: string; policy: string; status: string; appeal_outcome: string | null; decided_at: number }
      | undefined;
    const reason = d
      ? `${d.sanction} · ${d.policy}${d.status === 'overturned' || d.appeal_outcome === 'overturned' ? ' · overturned' : ''} · ${new Date(d.decided_at).toISOString().slice(0, 10)}`
      : info.label === 'positive'
        ? 'known-fraud flag (extract)'
        : null;
    return {
      accountId,
      score,
      label: info.label,
      lifecycleState: facts?.lifecycleState ?? 'not in cache',
      createdAt: facts?.createdAt ?? null,
      country: facts?.country ?? null,
      labelReason: reason,
    };
  }
}
