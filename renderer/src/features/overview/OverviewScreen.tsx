/**
 * The landing screen: what this workspace is (path, schema, versions, mode), what it holds
 * (counts, lifecycle and event-type mix, event time range, last sync) and every account. On
 * first launch the demo load's progress shows here, and the figures refresh as data lands.
 */
import { loadDemoWithConfirm } from '../../app/actions';
import { navigate } from '../../app/routes';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { BarRows, StatStrip } from '../../components/Stats';
import { StatusPill } from '../../components/StatusPill';
import { useAppInfo } from '../../lib/appInfo';
import { formatAgo, formatDateTime, formatDuration, humanize } from '../../lib/format';
import { useActiveJobs } from '../../lib/jobs';
import { useReportScreenReady } from '../../lib/readiness';
import { useSettings } from '../../lib/settings';
import { useQuery } from '../../lib/useQuery';
import { AccountsGrid } from './AccountsGrid';

const LIFECYCLE_TONE: Record<string, string> = {
  active: 'var(--success)',
  suspended: 'var(--danger)',
  reactivation_eligible: 'var(--warning)',
  offboarded: 'var(--text-faint)',
};

const DATA_JOBS = new Set(['demo.load', 'sync.run']);

export function OverviewScreen() {
  const info = useAppInfo();
  const zone = useSettings()?.displayZone ?? 'utc';
  const summary = useQuery('workspace.summary', {});
  const dataJobs = useActiveJobs().filter((job) => DATA_JOBS.has(job.method));
  useReportScreenReady('overview', !summary.loading);

  const s = summary.data;
  const counts = new Map(s?.counts.map((c) => [c.table, c.rows]) ?? []);
  const range = s?.eventRange;

  return (
    <div className="screen overview" data-testid="screen-overview">
      <ScreenHeader title="Overview" subtitle="What this workspace holds, and every account in it." />

      <dl className="facts" aria-label="Workspace">
        <Fact label="Workspace" value={info?.workspace} mono />
        <Fact label="Cache file" value={info ? baseName(info.cachePath) : undefined} title={info?.cachePath} mono />
        <Fact label="Schema version" value={info ? String(info.schemaVersion) : undefined} />
        <Fact label="App version" value={info?.version} />
        <Fact
          label="Mode"
          value={info ? (info.mode === 'desktop' ? 'Desktop' : 'Browser') : undefined}
          title={info?.mode === 'browser' ? 'Browser mode: served by `ringside serve` on 127.0.0.1' : undefined}
        />
        <Fact label="Platform" value={info?.platform} />
      </dl>

      {dataJobs.map((job) => (
        <div className="banner" key={job.id} data-testid="overview-job">
          <JobProgress job={job} />
          <p className="faint">Figures below refresh as each file lands in the cache.</p>
        </div>
      ))}

      {summary.error ? (
        <ErrorNotice what="Could not read the workspace summary" error={summary.error} onRetry={summary.reload} />
      ) : null}

      {s?.empty && dataJobs.length === 0 ? (
        <div className="empty-card">
          <h2>This workspace is empty</h2>
          <p className="muted">
            Add a folder or URL extract as a source and sync it, or load the synthetic demo data to explore.
          </p>
          <div className="row-gap">
            <button type="button" className="btn btn-primary" onClick={() => navigate('sources')}>
              Add a source
            </button>
            <button type="button" className="btn" onClick={() => void loadDemoWithConfirm()}>
              Load demo data…
            </button>
          </div>
        </div>
      ) : null}

      <StatStrip
        label="Rows per table"
        items={[
          { label: 'Accounts', value: counts.get('accounts') ?? null },
          { label: 'Identifiers', value: counts.get('identifiers') ?? null },
          { label: 'Events', value: counts.get('events') ?? null },
          { label: 'Relations', value: counts.get('relations') ?? null },
          { label: 'Cases', value: counts.get('cases') ?? null },
          { label: 'Case subjects', value: counts.get('case_subjects') ?? null },
          { label: 'Decisions', value: counts.get('decisions') ?? null },
          {
            label: 'Quarantined',
            value: counts.get('quarantine') ?? null,
            hint: 'Rows that could not be read; see Sources',
          },
        ]}
      />

      <div className="overview-grid">
        <Panel title="Lifecycle" id="lifecycle">
          <BarRows
            label="Accounts per lifecycle state"
            rows={(s?.lifecycle ?? []).map((r) => ({ key: r.state, value: r.accounts }))}
            tone={(key) => LIFECYCLE_TONE[key]}
          />
        </Panel>
        <Panel title="Event types" id="event-types">
          <BarRows
            label="Events per type"
            rows={(s?.eventTypes ?? []).map((r) => ({ key: r.type, value: r.events }))}
          />
        </Panel>
        <Panel title="Data window" id="data-window">
          <dl className="kv">
            <dt>First event</dt>
            <dd className="num">{formatDateTime(range?.first ?? null, zone)}</dd>
            <dt>Last event</dt>
            <dd className="num">{formatDateTime(range?.last ?? null, zone)}</dd>
            <dt>Span</dt>
            <dd className="num">
              {range?.first != null && range.last != null ? formatSpan(range.last - range.first) : '—'}
            </dd>
            <dt>Last sync</dt>
            <dd>
              {s?.lastSync ? (
                <span className="last-sync">
                  <StatusPill status={s.lastSync.status} />
                  <span className="truncate">{s.lastSync.source}</span>
                  <span className="faint" title={formatDateTime(s.lastSync.finishedAt, zone)}>
                    {s.lastSync.finishedAt ? formatAgo(s.lastSync.finishedAt) : humanize(s.lastSync.status)}
                  </span>
                </span>
              ) : (
                <span className="faint">Never synced</span>
              )}
            </dd>
          </dl>
        </Panel>
      </div>

      <AccountsGrid zone={zone} />
    </div>
  );
}

function Fact({
  label,
  value,
  mono = false,
  title,
}: {
  label: string;
  value: string | undefined;
  mono?: boolean;
  title?: string;
}) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={mono ? 'mono truncate' : 'truncate'} title={title ?? value}>
        {value ?? '…'}
      </dd>
    </div>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function formatSpan(ms: number): string {
  const days = ms / 86_400_000;
  return days >= 2 ? `${Math.round(days).toLocaleString('en-US')} days` : formatDuration(ms);
}
