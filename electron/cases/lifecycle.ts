/**
 * Applying a decision's lifecycle change to an account: validated against the policy's
 * transitions, audited, and queued for upstream in the outbox, all in the caller's transaction.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { PolicyConfig } from '../../shared/contract/decisions.js';
import type { Db } from '../db/open.js';
import { appendAudit } from '../audit/audit.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { lifecycleAllowed } from '../policy/load.js';

export function lifecycleOf(db: Db, accountId: string): string {
  const state = db.prepare('SELECT lifecycle_state FROM accounts WHERE id = ?').pluck().get(accountId) as string | undefined;
  if (state === undefined) throw new RingsideError('NOT_FOUND', `Unknown account ${accountId}.`);
  return state;
}

/** Throws BAD_REQUEST naming the account, both states and the allowed targets. */
export function assertLifecycle(config: PolicyConfig, accountId: string, from: string, to: string): void {
  if (!config.lifecycle.states.includes(to)) {
    throw new RingsideError('BAD_REQUEST', `Unknown lifecycle state "${to}". Known: ${config.lifecycle.states.join(', ')}.`);
  }
  if (!lifecycleAllowed(config, from, to)) {
    const allowed = config.lifecycle.transitions[from] ?? [];
    throw new RingsideError('BAD_REQUEST', `Account ${accountId} cannot move from ${from} to ${to} under the policy's lifecycle rules. Allowed from ${from}: ${allowed.join(', ') || 'none'}.`, {
      accountId,
      from,
      to,
      allowed,
    });
  }
}

/**
 * Sets the account's state (no-op when already there), records `lifecycle.changed` and queues a
 * `lifecycle` outbox item keyed by the decision and reason so a retry never sends it twice.
 */
export function setLifecycle(
  db: Db,
  input: { accountId: string; to: string; decisionId: string; reason: string; actor: string; caseId: string | null; endsAt?: number | null },
): { from: string; to: string } {
  const from = lifecycleOf(db, input.accountId);
  if (from === input.to) return { from, to: from };
  const now = Date.now();
  db.prepare('UPDATE accounts SET lifecycle_state = ? WHERE id = ?').run(input.to, input.accountId);
  const payload = { accountId: input.accountId, from, to: input.to, decisionId: input.decisionId, reason: input.reason, caseId: input.caseId, endsAt: input.endsAt ?? null, at: now };
  appendAudit(db, { actor: input.actor, action: 'lifecycle.changed', entityType: 'account', entityId: input.accountId, payload, at: now });
  enqueueOutbox(db, { kind: 'lifecycle', entityId: input.accountId, payload, idempotencyKey: `lifecycle:${input.decisionId}:${input.reason}` });
  return { from, to: input.to };
}
