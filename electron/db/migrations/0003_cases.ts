/**
 * Migration 3: what decisions, approvals, appeals and precedent need beyond the initial schema.
 *  - `approvals`: one row per second-reviewer verdict on a decision (approve or reject), so the
 *    two-person rule is provable from the data, not just from `decisions.approved_by`.
 *  - `appeals.attrs`, `notes.attrs`: who (email) opened/reviewed, and the time zone of the act.
 *  - `decisions_fts`: FTS5 over decision rationales (external content = decisions), kept in step by
 *    triggers, filled once from the decisions already synced, for the "similar decisions" panel.
 * Append-only: never edit once shipped.
 */
export const sql = `
CREATE TABLE approvals (
  id INTEGER PRIMARY KEY,
  decision_id TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  reviewer_email TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('approved','rejected')),
  comment TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  tz TEXT NOT NULL
) STRICT;
CREATE INDEX approvals_by_decision ON approvals(decision_id);

ALTER TABLE appeals ADD COLUMN attrs TEXT NOT NULL DEFAULT '{}';
ALTER TABLE notes ADD COLUMN attrs TEXT NOT NULL DEFAULT '{}';
CREATE INDEX decisions_by_policy_tier ON decisions(policy, tier, precedent);
CREATE INDEX audit_by_entity ON audit_log(entity_type, entity_id);

CREATE VIRTUAL TABLE decisions_fts USING fts5(rationale, content='decisions', content_rowid='rowid', tokenize='porter unicode61');
INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild');
CREATE TRIGGER decisions_fts_ai AFTER INSERT ON decisions BEGIN
  INSERT INTO decisions_fts(rowid, rationale) VALUES (new.rowid, coalesce(new.rationale, ''));
END;
CREATE TRIGGER decisions_fts_ad AFTER DELETE ON decisions BEGIN
  INSERT INTO decisions_fts(decisions_fts, rowid, rationale) VALUES ('delete', old.rowid, coalesce(old.rationale, ''));
END;
CREATE TRIGGER decisions_fts_au AFTER UPDATE OF rationale ON decisions BEGIN
  INSERT INTO decisions_fts(decisions_fts, rowid, rationale) VALUES ('delete', old.rowid, coalesce(old.rationale, ''));
  INSERT INTO decisions_fts(rowid, rationale) VALUES (new.rowid, coalesce(new.rationale, ''));
END;
`;
