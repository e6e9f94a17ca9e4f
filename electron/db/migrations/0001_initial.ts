/**
 * Migration 1: the domain model of DESIGN.md. Append-only: once released, this text never
 * changes (its SHA-256 is stored in `schema_migrations`; an edited migration is refused at open).
 * New columns and tables come in new numbered files.
 *
 * Conventions: times are UTC epoch milliseconds (INTEGER); JSON lives in TEXT columns named
 * attrs/payload; tables are STRICT so a wrong type is an error, not a silent coercion.
 */
export const sql = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  display_name TEXT,
  email TEXT,
  phone TEXT,
  country TEXT,
  lifecycle_state TEXT NOT NULL DEFAULT 'active'
    CHECK (lifecycle_state IN ('active','suspended','reactivation_eligible','offboarded')),
  risk_score REAL,
  attrs TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX accounts_by_created ON accounts(created_at);

CREATE TABLE identifiers (
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  first_seen INTEGER,
  last_seen INTEGER,
  PRIMARY KEY (account_id, kind, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX identifiers_by_value ON identifiers(kind, value);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  type TEXT NOT NULL,
  ip TEXT,
  device TEXT,
  amount REAL,
  attrs TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX events_by_account_time ON events(account_id, occurred_at);
CREATE INDEX events_by_time ON events(occurred_at);
CREATE INDEX events_by_type_time ON events(type, occurred_at);

CREATE TABLE relations (
  id TEXT PRIMARY KEY,
  src_account_id TEXT NOT NULL,
  dst_account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  amount REAL,
  attrs TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX relations_by_src ON relations(src_account_id);
CREATE INDEX relations_by_dst ON relations(dst_account_id);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('new','in_review','escalated','decided','appealed','closed')),
  priority TEXT NOT NULL DEFAULT 'P3' CHECK (priority IN ('P1','P2','P3','P4')),
  severity TEXT CHECK (severity IS NULL OR severity IN ('S1','S2','S3','S4')),
  policy TEXT,
  assignee TEXT,
  opened_at INTEGER NOT NULL,
  sla_due_at INTEGER,
  origin_rule TEXT,
  origin TEXT NOT NULL DEFAULT 'upstream' CHECK (origin IN ('upstream','ringside')),
  updated_at INTEGER,
  attrs TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX cases_by_status ON cases(status, sla_due_at);

CREATE TABLE case_subjects (
  case_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'subject',
  PRIMARY KEY (case_id, account_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_subjects_by_account ON case_subjects(account_id);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  tz TEXT NOT NULL,
  body_md TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_case ON notes(case_id, created_at);

CREATE TABLE evidence_items (
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('query','graph','timeline','note','file')),
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  sha256 TEXT
) STRICT;
CREATE INDEX evidence_by_case ON evidence_items(case_id);

CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  case_id TEXT,
  account_id TEXT NOT NULL,
  policy TEXT NOT NULL,
  tier TEXT CHECK (tier IS NULL OR tier IN ('S1','S2','S3','S4')),
  sanction TEXT NOT NULL,
  lifecycle_from TEXT,
  lifecycle_to TEXT,
  effective_at INTEGER,
  ends_at INTEGER,
  rationale TEXT,
  decided_by TEXT,
  decided_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'effective'
    CHECK (status IN ('pending_approval','effective','rejected','overturned','modified')),
  precedent INTEGER NOT NULL DEFAULT 0,
  approved_by TEXT,
  approved_at INTEGER,
  appeal_outcome TEXT,
  origin TEXT NOT NULL DEFAULT 'upstream' CHECK (origin IN ('upstream','ringside')),
  attrs TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX decisions_by_account ON decisions(account_id, decided_at);
CREATE INDEX decisions_by_case ON decisions(case_id);

CREATE TABLE appeals (
  id INTEGER PRIMARY KEY,
  decision_id TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','decided')),
  reviewer TEXT,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('uphold','overturn','modify')),
  rationale TEXT,
  decided_at INTEGER
) STRICT;
CREATE INDEX appeals_by_decision ON appeals(decision_id);

-- Append-only, hash-chained: each entry's hash covers its canonical JSON and the previous hash.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  tz TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE sync_sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('folder','http')),
  location TEXT NOT NULL UNIQUE,
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sync_sources(id),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','cancelled','partial')),
  actor TEXT NOT NULL,
  files_applied INTEGER NOT NULL DEFAULT 0,
  files_skipped INTEGER NOT NULL DEFAULT 0,
  files_failed INTEGER NOT NULL DEFAULT 0,
  rows_inserted INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_deleted INTEGER NOT NULL DEFAULT 0,
  rows_quarantined INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER,
  error TEXT
) STRICT;

CREATE TABLE sync_files (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES sync_runs(id),
  source_id INTEGER NOT NULL REFERENCES sync_sources(id),
  path TEXT NOT NULL,
  entity TEXT,
  format TEXT,
  sha256 TEXT,
  bytes INTEGER,
  status TEXT NOT NULL CHECK (status IN ('applied','skipped','failed','cancelled')),
  rows_inserted INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_deleted INTEGER NOT NULL DEFAULT 0,
  rows_quarantined INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  finished_at INTEGER
) STRICT;
CREATE INDEX sync_files_by_source_path ON sync_files(source_id, path, status);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  file_path TEXT NOT NULL,
  line INTEGER,
  column_name TEXT,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX quarantine_by_run ON quarantine(run_id);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('decision','lifecycle')),
  entity_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  source_id INTEGER,
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;

CREATE TABLE saved_queries (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  sql TEXT NOT NULL,
  file_path TEXT,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE query_history (
  id INTEGER PRIMARY KEY,
  sql TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  started_at INTEGER NOT NULL,
  duration_ms INTEGER,
  rows INTEGER,
  error TEXT,
  actor TEXT
) STRICT;
CREATE INDEX query_history_by_time ON query_history(started_at);

CREATE TABLE rules (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner TEXT,
  policy TEXT,
  sql TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE rule_runs (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER,
  flagged INTEGER,
  metrics TEXT NOT NULL DEFAULT '{}',
  error TEXT
) STRICT;
`;
