/**
 * The data service end to end through the router: real workers, a real cache file, real jobs.
 * Covers the contract's guarantees: unknown names refused, requests validated with field-level
 * messages, reads answered while a job runs, jobs report progress and can be cancelled with
 * nothing kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract/events.js';
import type { JobInfo, WorkspaceSummary } from '../../shared/contract/types.js';
import { createRouter, type Dispatch } from '../../electron/host/router.js';
import { DataService } from '../../electron/service/dataService.js';
import { tempDir } from '../helpers/db.js';

let service: DataService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function start(): Promise<{ dispatch: Dispatch; events: { name: EventName; payload: unknown }[] }> {
  const events: { name: EventName; payload: unknown }[] = [];
  service = await DataService.start(tempDir(), (name, payload) => events.push({ name, payload }));
  return { dispatch: createRouter({ service, mode: 'browser' }), events };
}

async function waitJob(dispatch: Dispatch, jobId: string): Promise<JobInfo> {
  for (;;) {
    const list = await dispatch('jobs.list', {});
    const job = (list.ok ? (list.value as JobInfo[]) : []).find((j) => j.id === jobId);
    if (job && job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('router + data service', () => {
  it('answers app.info and an empty workspace summary', async () => {
    const { dispatch } = await start();
    const info = await dispatch('app.info', {});
    expect(info.ok && (info.value as { name: string; schemaVersion: number }).schemaVersion).toBeGreaterThan(0);
    const summary = await dispatch('workspace.summary', {});
    expect(summary.ok).toBe(true);
    expect((summary as { value: WorkspaceSummary }).value.empty).toBe(true);
  });

  it('refuses names outside the contract and invalid requests, naming the field', async () => {
    const { dispatch } = await start();
    const unknown = await dispatch('db.exec', { sql: 'DROP TABLE accounts' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const proto = await dispatch('__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await dispatch('settings.update', { identity: { name: 'Ana', email: 'not-an-email' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!bad.ok && bad.error.message).toContain('identity.email');
    const extra = await dispatch('workspace.summary', { sql: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('writes settings through the writer and reads them back through the reader', async () => {
    const { dispatch, events } = await start();
    const updated = await dispatch('settings.update', { identity: { name: 'Ana Ruiz', email: 'ana@example.com' }, theme: 'dark' });
    expect(updated).toMatchObject({ ok: true, value: { identity: { name: 'Ana Ruiz' }, theme: 'dark' } });
    const read = await dispatch('settings.get', {});
    expect(read).toMatchObject({ ok: true, value: { identity: { email: 'ana@example.com' }, theme: 'dark' } });
    expect(events.some((e) => e.name === 'data.changed')).toBe(true);
  });

  it('loads the demo as a job with progress, and reads stay answered while it runs', async () => {
    const { dispatch, events } = await start();
    const started = await dispatch('demo.load', { accounts: 400, seed: 3 });
    expect(started.ok).toBe(true);
    const jobId = (started as { value: { jobId: string } }).value.jobId;
    // The reader answers while the writer is busy with the job.
    const during = await dispatch('workspace.summary', {});
    expect(during.ok).toBe(true);
    const job = await waitJob(dispatch, jobId);
    expect(job.state).toBe('succeeded');
    const progress = events.filter((e) => e.name === 'job.updated' && (e.payload as JobInfo).progress !== null);
    expect(progress.length).toBeGreaterThan(0);
    const summary = (await dispatch('workspace.summary', {})) as { ok: true; value: WorkspaceSummary };
    expect(summary.value.empty).toBe(false);
    expect(summary.value.counts.find((c) => c.table === 'accounts')?.rows).toBe(400);
    const page = await dispatch('accounts.list', { limit: 5, sort: 'riskScore' });
    expect(page.ok && (page.value as { rows: unknown[] }).rows).toHaveLength(5);
  });

  it('cancels a running job and keeps nothing of it', async () => {
    const { dispatch } = await start();
    const started = await dispatch('demo.load', { accounts: 200_000, seed: 1 });
    const jobId = (started as { value: { jobId: string } }).value.jobId;
    // Wait until it is really running, then cancel.
    for (;;) {
      const list = (await dispatch('jobs.list', {})) as { value: JobInfo[] };
      if (list.value.find((j) => j.id === jobId)?.progress) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const cancel = await dispatch('jobs.cancel', { jobId });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    const job = await waitJob(dispatch, jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error?.code).toBe('CANCELLED');
    const summary = (await dispatch('workspace.summary', {})) as { value: WorkspaceSummary };
    expect(summary.value.counts.find((c) => c.table === 'accounts')?.rows).toBe(0);
    // Cancelling a finished job says so.
    expect(await dispatch('jobs.cancel', { jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
