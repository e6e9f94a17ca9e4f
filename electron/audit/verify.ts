/**
 * Verifying the audit chain: walk every row in `seq` order and check, for each, that its sequence
 * follows the previous one (a gap = a deleted row), that its prev_hash is the previous row's hash
 * (reordered or deleted rows), and that its own hash recomputes from its content (an edited row).
 * The first failure is named with its sequence number and reason; later rows are not trusted.
 */
import type { AuditVerifyResult } from '../../shared/contract/decisions.js';
import type { Db } from '../db/open.js';
import { auditHash, GENESIS_HASH } from './audit.js';

interface Row {
  seq: number;
  at: number;
  tz: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export function verifyAudit(db: Db): AuditVerifyResult {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let head = { seq: 0, hash: GENESIS_HASH };
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    entries++;
    const bad = (reason: string): AuditVerifyResult => ({ ok: false, entries, head: { seq: row.seq, hash: row.hash }, firstBad: { seq: row.seq, reason } });
    if (row.seq !== expectedSeq) return bad(`entry ${row.seq} follows entry ${expectedSeq - 1}: ${row.seq > expectedSeq ? `entr${row.seq - expectedSeq > 1 ? 'ies' : 'y'} ${expectedSeq}${row.seq - expectedSeq > 1 ? `..${row.seq - 1}` : ''} deleted` : 'sequence out of order'}`);
    if (row.prev_hash !== prevHash) return bad(`entry ${row.seq} does not point at entry ${row.seq - 1}'s hash (rows deleted, inserted or reordered)`);
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      return bad(`entry ${row.seq} payload is not JSON (edited)`);
    }
    const recomputed = auditHash({ seq: row.seq, at: row.at, tz: row.tz, actor: row.actor, action: row.action, entityType: row.entity_type, entityId: row.entity_id, payload, prevHash: row.prev_hash });
    if (recomputed !== row.hash) return bad(`entry ${row.seq} (${row.action} on ${row.entity_type} ${row.entity_id}) was edited: its content no longer matches its hash`);
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    head = { seq: row.seq, hash: row.hash };
  }
  return { ok: true, entries, head, firstBad: null };
}
