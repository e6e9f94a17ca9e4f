/** Migration 4 (graph): its tables exist, are STRICT, and ring reviews are independent of rings. */
import { describe, expect, it } from 'vitest';
import { createDB, updateToVersion } from '../helpers/db.js';

describe('migration 4: graph', () => {
  it('adds the graph tables on top of version 3 and keeps reviews when rings are replaced', () => {
    const { db } = createDB(3);
    expect(updateToVersion(db, 4)).toEqual([4]);
    db.prepare("INSERT INTO rings (id, build_id, size, score, component_size, explanation) VALUES ('ring:a', 1, 2, 50, 2, '{}')").run();
    db.prepare("INSERT INTO ring_reviews (ring_id, reviewed_at, reviewed_by) VALUES ('ring:a', 1, 'me')").run();
    db.exec('DELETE FROM rings');
    expect(db.prepare('SELECT count(*) AS n FROM ring_reviews').get()).toEqual({ n: 1 });
    expect(() => db.prepare("INSERT INTO graph_hubs (kind, value, accounts, threshold) VALUES ('ip', 'x', 'many', 20)").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    expect(() => db.prepare("INSERT INTO ring_members (ring_id, account_id) VALUES ('r', 'a'), ('r', 'a')").run()).toThrow(/UNIQUE/);
  });
});
