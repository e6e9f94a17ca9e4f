/**
 * Actions reachable from more than one place (command palette, screens): syncing a source and
 * loading demo data. Each reports failure through a toast; success shows up as a job.
 */
import type { SourceInfo } from '../../../shared/contract/sync';
import { confirm } from '../components/Confirm';
import { callOrToast } from '../lib/client';
import { formatInt } from '../lib/format';
import { trackStartedJob } from '../lib/jobs';
import { createStore } from '../lib/store';
import { pushToast } from '../lib/toasts';

/** Which source a sync job (started from this window) is for: JobInfo does not carry params. */
export const syncJobSources = createStore<ReadonlyMap<string, SourceInfo>>(new Map());

export async function syncSource(source: SourceInfo): Promise<string | null> {
  const started = await callOrToast('sync.run', { sourceId: source.id });
  if (!started) return null;
  trackStartedJob(started.jobId, 'sync.run', 'Syncing', source.name);
  syncJobSources.set((map) => new Map(map).set(started.jobId, source));
  return started.jobId;
}

export const DEFAULT_DEMO_ACCOUNTS = 5000;

/** Asks first: demo data is added to whatever the workspace already holds. */
export async function loadDemoWithConfirm(accounts = DEFAULT_DEMO_ACCOUNTS): Promise<string | null> {
  const ok = await confirm({
    title: 'Load demo data?',
    body: `This generates a synthetic extract of ${formatInt(accounts)} accounts (with injected fraud rings) and syncs it into this workspace as the source "Demo extract". Existing data stays; demo rows are added alongside it. It runs as a background job you can cancel.`,
    confirmLabel: 'Load demo data',
  });
  if (!ok) return null;
  const started = await callOrToast('demo.load', { accounts });
  if (started) trackStartedJob(started.jobId, 'demo.load', 'Loading demo data');
  if (started) pushToast({ kind: 'info', title: 'Loading demo data', message: 'Progress is in the status bar.' });
  return started?.jobId ?? null;
}
