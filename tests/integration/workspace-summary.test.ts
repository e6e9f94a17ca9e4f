/**
 * workspace.summary keeps its expensive scans (counts, lifecycle and event-type mixes) until the
 * data can have changed: a new sync run, or an act of Ringside's (each appends an audit entry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../electron/audit/audit.js';
import { LocalService } from '../../electron/service/localService.js';
import type { WorkspaceSummary } from '../../shared/contract/types.js';
import { tempDir } from '../helpers/db.js';

let service: LocalService;
const summary = async (): Promise<WorkspaceSummary> => {
  const outcome = await service.call('workspace.summary', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
};
const active = (s: WorkspaceSummary) => s.lifecycle.find((l) => l.state === 'active')?.accounts ?? 0;

beforeAll(async () => {
  service = new LocalService(tempDir());
  expect((await service.runJob('demo.load', { accounts: 300, seed: 2 })).ok).toBe(true);
});
afterAll(() => service.close());

describe('workspace.summary', () => {
  it('is recomputed after an audited act and after a sync run, not on every read', async () => {
    const first = await summary();
    expect(first.counts.find((c) => c.table === 'accounts')?.rows).toBe(300);
    const id = service.db.prepare("SELECT id FROM accounts WHERE lifecycle_state = 'active' ORDER BY id LIMIT 1").pluck().get() as string;

    // A change behind Ringside's back (no audit entry, no sync run) is not seen: the scan is kept.
    service.db.prepare("UPDATE accounts SET lifecycle_state = 'suspended' WHERE id = ?").run(id);
    expect(active(await summary())).toBe(active(first));

    // Every act of Ringside's appends an audit entry, which makes the summary scan again.
    appendAudit(service.db, { actor: 'test', action: 'lifecycle.changed', entityType: 'account', entityId: id, payload: { to: 'suspended' } });
    const after = await summary();
    expect(active(after)).toBe(active(first) - 1);

    // So does a new sync run (a second demo load syncs the same folder again: a new run).
    service.db.prepare("UPDATE accounts SET lifecycle_state = 'active' WHERE id = ?").run(id);
    expect((await service.runJob('demo.load', { accounts: 300, seed: 2 })).ok).toBe(true);
    const resynced = await summary();
    expect(resynced.lastSync?.runId).toBeGreaterThan(first.lastSync?.runId ?? 0);
    expect(active(resynced)).toBe(active(first));
  });
});
