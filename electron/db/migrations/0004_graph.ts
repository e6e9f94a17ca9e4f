/**
 * Migration 4: the account-link graph's stored results (issue #5).
 *  - `graph_builds`: one row per `graph.build` run: its parameters (JSON), when, the latest sync
 *    run it saw (so the UI can tell the rings are older than the data), and counts.
 *  - `rings` / `ring_members`: the rings of the LATEST build only (a rebuild replaces them). Ring
 *    ids are derived from the smallest member account id, so they are stable across rebuilds of
 *    the same data.
 *  - `ring_reviews`: "reviewed" marks, keyed by ring id and kept apart from `rings` so they
 *    survive rebuilds (a rebuild deletes and rewrites `rings`).
 *  - `graph_hubs`: identifier values shared by more accounts than the kind's hub threshold K
 *    (office NAT, VPN exit, coworking address): infrastructure, listed for review, not linked.
 * Append-only: never edit once shipped.
 */
export const sql = `
CREATE TABLE graph_builds (
  id INTEGER PRIMARY KEY,
  built_at INTEGER NOT NULL,
  built_by TEXT NOT NULL,
  params TEXT NOT NULL,
  sync_run_id INTEGER,
  accounts INTEGER NOT NULL,
  links INTEGER NOT NULL,
  rings INTEGER NOT NULL,
  hubs INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE rings (
  id TEXT PRIMARY KEY,
  build_id INTEGER NOT NULL,
  size INTEGER NOT NULL,
  score REAL NOT NULL,
  component_size INTEGER NOT NULL,
  explanation TEXT NOT NULL
) STRICT;
CREATE INDEX rings_by_score ON rings(score DESC);

CREATE TABLE ring_members (
  ring_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  PRIMARY KEY (ring_id, account_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ring_members_by_account ON ring_members(account_id);

CREATE TABLE ring_reviews (
  ring_id TEXT PRIMARY KEY,
  reviewed_at INTEGER NOT NULL,
  reviewed_by TEXT NOT NULL,
  note TEXT
) STRICT;

CREATE TABLE graph_hubs (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  accounts INTEGER NOT NULL,
  threshold INTEGER NOT NULL,
  PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX graph_hubs_by_accounts ON graph_hubs(accounts DESC);
`;
