/**
 * Migration 3 on a cache that already holds decisions from a sync: the FTS index is filled from
 * them, and later inserts, rationale edits and deletes keep it in step (triggers).
 */
import { describe, expect, it } from 'vitest';
import { createDB, updateToVersion } from '../helpers/db.js';

function insertDecision(db: ReturnType<typeof createDB>['db'], id: string, rationale: string): void {
  db.prepare("INSERT INTO decisions (id, account_id, policy, tier, sanction, rationale, decided_at) VALUES (?, 'acc_1', 'collusion', 'S3', 'warning', ?, 0)").run(id, rationale);
}
const match = (db: ReturnType<typeof createDB>['db'], q: string) =>
  db.prepare('SELECT d.id FROM decisions_fts f JOIN decisions d ON d.rowid = f.rowid WHERE decisions_fts MATCH ? ORDER BY d.id').pluck().all(q);

describe('migration 3 (cases)', () => {
  it('indexes rationales synced before it, and follows inserts, updates and deletes', () => {
    const { db } = createDB(2);
    insertDecision(db, 'up_1', 'Referral bonuses farmed through linked accounts');
    insertDecision(db, 'up_2', 'Duplicate answers submitted in impossible time');
    updateToVersion(db, 3);
    expect(match(db, '"referral"')).toEqual(['up_1']);
    insertDecision(db, 'rs_1', 'Referral ring with a shared device');
    expect(match(db, '"referral"')).toEqual(['rs_1', 'up_1']);
    db.prepare("UPDATE decisions SET rationale = 'Payout instrument shared' WHERE id = 'up_1'").run();
    expect(match(db, '"referral"')).toEqual(['rs_1']);
    expect(match(db, '"payout"')).toEqual(['up_1']);
    db.prepare("DELETE FROM decisions WHERE id = 'rs_1'").run();
    expect(match(db, '"referral"')).toEqual([]);
    // Porter stemming: "farming" finds "farmed".
    insertDecision(db, 'rs_2', 'Accounts farmed referral bonuses');
    expect(match(db, '"farming"')).toEqual(['rs_2']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'approvals'").pluck().get()).toBe(1);
  });
});
