/**
 * Migration 2: what the sync engine needs beyond the initial schema.
 *  - `sync_sources.removed_at`: `sources.remove` forgets a source without deleting the row, because
 *    its runs and files reference it (foreign keys are on) and run history must stay. Adding the
 *    same location again brings the source back.
 *  - `sync_files.etag`: the HTTP ETag a file was fetched with, sent back as If-None-Match.
 *  - `sync_runs.pid`: the process running a run, so a run left `running` by a killed process can
 *    be told from one still going in another process (CLI and app may share a workspace).
 * Append-only: never edit once shipped.
 */
export const sql = `
ALTER TABLE sync_sources ADD COLUMN removed_at INTEGER;
ALTER TABLE sync_files ADD COLUMN etag TEXT;
ALTER TABLE sync_runs ADD COLUMN pid INTEGER;
CREATE INDEX sync_runs_by_source ON sync_runs(source_id, id);
CREATE INDEX quarantine_by_file ON quarantine(file_id);
`;
