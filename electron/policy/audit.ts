/**
 * Configuration changes are audited too: the policy file is edited outside the app, so the first
 * act under a policy whose content hash differs from the last recorded one appends a
 * `config.policy_loaded` entry (hash, path, source). Every decision also carries the hash it was
 * made under, so "which policy was in force" is provable for each decision.
 */
import type { PolicyInfo } from '../../shared/contract/decisions.js';
import type { Db } from '../db/open.js';
import { appendAudit } from '../audit/audit.js';

export function recordPolicyInUse(db: Db, policy: PolicyInfo, actor: string): void {
  const last = db.prepare("SELECT json_extract(payload, '$.sha256') FROM audit_log WHERE entity_type = 'config' AND entity_id = 'policy' ORDER BY seq DESC LIMIT 1").pluck().get() as string | undefined;
  if (last === policy.sha256) return;
  appendAudit(db, {
    actor,
    action: 'config.policy_loaded',
    entityType: 'config',
    entityId: 'policy',
    payload: { sha256: policy.sha256, source: policy.source, path: policy.path, previousSha256: last ?? null, name: policy.config.name },
  });
}
