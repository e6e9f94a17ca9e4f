/**
 * Migration 5: what the rules lab (issue #9) needs beyond the initial `rules` / `rule_runs`.
 *  - `rules.threshold`: the operating point on the rule's score column (NULL: every returned
 *    account is flagged); part of the version, so moving it makes a new version.
 *  - `rules.note` / `rules.created_by`: what changed in a version, and who saved it.
 *  - `rule_runs.actor`: who ran the backtest; an index to list a rule's runs newest first.
 * A rule version is immutable once written and never deleted: a change is a new (id, version) row.
 * Append-only: never edit once shipped.
 */
export const sql = `
ALTER TABLE rules ADD COLUMN threshold REAL;
ALTER TABLE rules ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE rules ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE rule_runs ADD COLUMN actor TEXT NOT NULL DEFAULT '';
CREATE INDEX rule_runs_by_rule ON rule_runs(rule_id, started_at);
CREATE TRIGGER rules_immutable BEFORE UPDATE ON rules
  BEGIN SELECT RAISE(ABORT, 'rule versions are immutable: save a new version'); END;
CREATE TRIGGER rules_kept BEFORE DELETE ON rules
  BEGIN SELECT RAISE(ABORT, 'rule versions are kept: backtests and audit entries refer to them'); END;
`;
