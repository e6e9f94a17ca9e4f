/**
 * Sources: where the cache's data comes from. Add a folder or URL, sync it with live progress
 * and Cancel, and audit every run: files with hashes, row counts, and the quarantine of rows that
 * could not be read. Dropping a folder anywhere on the screen adds it (desktop app only).
 */
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import { syncJobSources } from '../../app/actions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StatStrip } from '../../components/Stats';
import { desktopBridge } from '../../lib/bridge';
import { useActiveJobs } from '../../lib/jobs';
import { useReportScreenReady } from '../../lib/readiness';
import { useSettings } from '../../lib/settings';
import { useStore } from '../../lib/store';
import { useQuery } from '../../lib/useQuery';
import { AddSource, addSource } from './AddSource';
import { QuarantineViewer } from './QuarantineViewer';
import { RunFiles } from './RunFiles';
import { RunHistory } from './RunHistory';
import { SourceList } from './SourceList';

const SYNC_JOBS = new Set(['sync.run', 'demo.load']);
export const BROWSER_DROP_MESSAGE =
  'Browser mode cannot know where a dropped folder is on disk: browsers hide file paths from web pages. Use Browse… to pick the folder, or type its path.';

export function SourcesScreen() {
  const zone = useSettings()?.displayZone ?? 'utc';
  const sources = useQuery('sources.list', {});
  const runs = useQuery('sync.runs', { limit: 50 });
  const summary = useQuery('workspace.summary', {});
  const activeJobs = useActiveJobs().filter((job) => SYNC_JOBS.has(job.method));
  const jobSources = useStore(syncJobSources);
  const [selectedRunId, setSelectedRunId] = useState<number | null>(null);
  const [quarantineScope, setQuarantineScope] = useState<'run' | 'all'>('all');
  const [location, setLocation] = useState('');
  const [addError, setAddError] = useState<ApiError | null>(null);
  const [dropNotice, setDropNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  useReportScreenReady('sources', !sources.loading && !runs.loading);

  // Job start and finish change run rows ("running" -> final): re-read when the set changes.
  const activeKey = activeJobs.map((j) => j.id).join(',');
  const seenKey = useRef(activeKey);
  const { reload: reloadRuns } = runs;
  const { reload: reloadSources } = sources;
  useEffect(() => {
    if (seenKey.current === activeKey) return; // not on mount: the first fetch is under way
    seenKey.current = activeKey;
    reloadRuns();
    reloadSources();
  }, [activeKey, reloadRuns, reloadSources]);

  const runList = useMemo(() => runs.data ?? [], [runs.data]);
  // Until someone picks a run, the newest one is shown: usually the one you just started.
  const selectedRun = runList.find((r) => r.id === selectedRunId) ?? runList[0] ?? null;
  const syncingIds = new Set(
    activeJobs.map((job) => jobSources.get(job.id)?.id).filter((id): id is number => id !== undefined),
  );
  const counts = new Map(summary.data?.counts.map((c) => [c.table, c.rows]) ?? []);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file) return;
    const bridge = desktopBridge();
    if (!bridge) {
      setAddError(null);
      setDropNotice(BROWSER_DROP_MESSAGE);
      document.getElementById('source-location')?.focus();
      return;
    }
    const path = bridge.getPathForFile(file);
    setLocation(path);
    setDropNotice(null);
    const outcome = await addSource(path, undefined);
    if (outcome.ok) {
      setLocation('');
      setAddError(null);
      sources.reload();
    } else {
      setAddError(outcome.error);
    }
  };

  return (
    <div
      className={dragging ? 'screen sources dragging' : 'screen sources'}
      data-testid="screen-sources"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null))
          setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <ScreenHeader
        title="Sources"
        subtitle="Folders and URLs Ringside syncs into the local cache, and what each sync did."
      />

      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          {desktopBridge()
            ? 'Drop the folder to add it as a source'
            : 'Browser mode cannot read a dropped folder’s path — use Browse…'}
        </div>
      ) : null}

      <Panel title="Sources" id="sources-list" flush>
        <div className="panel-pad">
          <AddSource
            location={location}
            setLocation={setLocation}
            dropNotice={dropNotice}
            clearDropNotice={() => setDropNotice(null)}
            error={addError}
            setError={setAddError}
            onAdded={() => sources.reload()}
          />
        </div>
        {sources.error ? (
          <ErrorNotice what="Could not list sources" error={sources.error} onRetry={sources.reload} />
        ) : null}
        {sources.data ? (
          <SourceList sources={sources.data} syncingIds={syncingIds} zone={zone} onChanged={sources.reload} />
        ) : null}
      </Panel>

      {activeJobs.length > 0 ? (
        <section className="panel sync-progress" aria-label="Sync in progress" data-testid="sync-progress">
          {activeJobs.map((job) => (
            <JobProgress key={job.id} job={job} />
          ))}
        </section>
      ) : null}

      <section aria-label="Rows in the cache" className="entity-counts">
        <h3>In the cache</h3>
        {summary.error ? (
          <ErrorNotice what="Could not read the counts" error={summary.error} onRetry={summary.reload} />
        ) : null}
        <StatStrip
          label="Rows per entity"
          items={[
            { label: 'Accounts', value: counts.get('accounts') ?? null },
            { label: 'Identifiers', value: counts.get('identifiers') ?? null },
            { label: 'Events', value: counts.get('events') ?? null },
            { label: 'Relations', value: counts.get('relations') ?? null },
            { label: 'Cases', value: counts.get('cases') ?? null },
            { label: 'Decisions', value: counts.get('decisions') ?? null },
            { label: 'Quarantined', value: counts.get('quarantine') ?? null },
          ]}
        />
      </section>

      <Panel title="Run history" id="run-history" flush className="runs-panel">
        {runs.error ? (
          <ErrorNotice what="Could not read the run history" error={runs.error} onRetry={runs.reload} />
        ) : null}
        {runs.data ? (
          <RunHistory
            runs={runList}
            selectedId={selectedRun?.id ?? null}
            zone={zone}
            onSelect={(id) => {
              setSelectedRunId(id);
              setQuarantineScope('run');
            }}
          />
        ) : null}
      </Panel>

      <Panel
        title={selectedRun ? `Files of run #${selectedRun.id}` : 'Run files'}
        id="run-files"
        flush
        className="files-panel"
      >
        {selectedRun ? (
          <RunFiles run={selectedRun} zone={zone} />
        ) : (
          <p className="empty-line muted">Files appear here once a source has been synced.</p>
        )}
      </Panel>

      <Panel
        title="Quarantine"
        id="quarantine"
        flush
        actions={
          <div className="segmented" role="group" aria-label="Quarantine scope">
            <button type="button" aria-pressed={quarantineScope === 'all'} onClick={() => setQuarantineScope('all')}>
              All runs
            </button>
            <button
              type="button"
              aria-pressed={quarantineScope === 'run'}
              disabled={selectedRun === null}
              onClick={() => setQuarantineScope('run')}
              title={selectedRun === null ? 'No run yet' : undefined}
            >
              {selectedRun === null ? 'Selected run' : `Run #${selectedRun.id}`}
            </button>
          </div>
        }
      >
        <QuarantineViewer runId={quarantineScope === 'run' ? (selectedRun?.id ?? null) : null} zone={zone} />
      </Panel>
    </div>
  );
}
