/**
 * The tamper-evident audit log: every change made in Ringside appends one entry whose hash is
 * SHA-256 over the canonical JSON of the entry *including the previous entry's hash*, so editing,
 * deleting or reordering any row breaks every hash after it. Rows are never updated (triggers in
 * migration 1 refuse UPDATE and DELETE). Call `appendAudit` inside the same transaction as the
 * change it records, so a change and its audit entry commit or roll back together.
 */
import { createHash } from 'node:crypto';
import type { AuditEntryInfo } from '../../shared/contract/decisions.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import type { Db } from '../db/open.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly payload: unknown;
  /** Defaults to now. */
  readonly at?: number;
  /** IANA zone of the actor's clock; defaults to this process's zone. */
  readonly tz?: string;
}

/** One stored entry: the same shape the contract sends to clients. */
export type AuditEntry = AuditEntryInfo;

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The hash of one entry: what `audit verify` recomputes. */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    tz: entry.tz,
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    payload: entry.payload,
    prevHash: entry.prevHash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Appends one entry after the current head and returns it. */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const entry = {
    seq: (head?.seq ?? 0) + 1,
    at: input.at ?? Date.now(),
    tz: input.tz ?? localZone(),
    actor: input.actor,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    payload: input.payload ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(entry);
  db.prepare(
    `INSERT INTO audit_log (seq, at, tz, actor, action, entity_type, entity_id, payload, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.seq, entry.at, entry.tz, entry.actor, entry.action, entry.entityType, entry.entityId, canonicalJson(entry.payload), entry.prevHash, hash);
  return { ...entry, hash };
}

/** The newest entry's hash (GENESIS_HASH for an empty log). */
export function auditHead(db: Db): { seq: number; hash: string } {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return head ?? { seq: 0, hash: GENESIS_HASH };
}
