/** Recent jobs (`jobs.list`, kept current by events): state, progress or result, duration. */
import { useEffect, useRef } from 'react';
import type { JobInfo } from '../../../shared/contract/types';
import { cancelJob } from '../components/JobProgress';
import { ProgressBar } from '../components/ProgressBar';
import { StatusPill } from '../components/StatusPill';
import { formatAgo, formatDateTime, formatDuration } from '../lib/format';
import { isActive, jobSubjects, jobTitle, refreshJobs, useJobs } from '../lib/jobs';
import { useStore } from '../lib/store';
import { useSettings } from '../lib/settings';

export function JobsPopover({ onClose }: { onClose: (how: 'escape' | 'outside') => void }) {
  const jobs = useJobs();
  const zone = useSettings()?.displayZone ?? 'utc';
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void refreshJobs();
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose('escape');
    };
    const onDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (ref.current && !ref.current.contains(target) && !(target as Element).closest?.('.status-jobs-toggle'))
        onClose('outside');
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  return (
    <div className="popover jobs-popover" role="dialog" aria-label="Recent jobs" tabIndex={-1} ref={ref}>
      <header className="popover-head">
        <h2>Jobs</h2>
        <span className="faint">{jobs.length === 0 ? 'none yet' : `${jobs.length} recent`}</span>
      </header>
      {jobs.length === 0 ? (
        <p className="popover-empty muted">No jobs since the host started. Syncs and demo loads appear here.</p>
      ) : (
        <ul className="jobs-list">
          {jobs.slice(0, 20).map((job) => (
            <JobRow key={job.id} job={job} zone={zone} />
          ))}
        </ul>
      )}
    </div>
  );
}

function JobRow({ job, zone }: { job: JobInfo; zone: 'utc' | 'local' }) {
  const title = jobTitle(job, useStore(jobSubjects));
  const elapsed = job.startedAt !== null ? (job.finishedAt ?? Date.now()) - job.startedAt : null;
  return (
    <li className="jobs-row" data-job-state={job.state}>
      <div className="jobs-row-head">
        <StatusPill status={job.state} />
        <span className="jobs-row-label truncate">{title}</span>
        <span className="faint num nowrap" title={formatDateTime(job.startedAt, zone)}>
          {formatAgo(job.finishedAt ?? job.startedAt)}
        </span>
      </div>
      {isActive(job) ? (
        <div className="jobs-row-progress">
          <ProgressBar done={job.progress?.done ?? 0} total={job.progress?.total ?? null} label={`${title} progress`} />
          <button type="button" className="btn btn-xs" onClick={() => cancelJob(job)} aria-label={`Cancel ${title}`}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="jobs-row-detail muted">
          {job.error ? (
            <span className="text-danger">
              {job.error.message} <code className="notice-code">{job.error.code}</code>
            </span>
          ) : (
            <span>{describeResult(job)}</span>
          )}
          <span className="num nowrap">{formatDuration(elapsed)}</span>
        </div>
      )}
    </li>
  );
}

/** A one-line result for the jobs we know; others just say they finished. */
export function describeResult(job: JobInfo): string {
  const r = job.result as Record<string, unknown> | null;
  if (job.state === 'cancelled') return 'Cancelled; its work was rolled back.';
  if (!r || typeof r !== 'object') return 'Finished.';
  if (job.method === 'demo.load' && typeof r['accounts'] === 'number') {
    return `${Number(r['accounts']).toLocaleString('en-US')} accounts, ${Number(r['events'] ?? 0).toLocaleString('en-US')} events loaded.`;
  }
  if (job.method === 'sync.run' && typeof r['rowsInserted'] === 'number') {
    const n = (k: string) => Number(r[k] ?? 0).toLocaleString('en-US');
    return `${n('filesApplied')} files applied, ${n('rowsInserted')} rows inserted, ${n('rowsUpdated')} updated, ${n('rowsQuarantined')} quarantined.`;
  }
  return 'Finished.';
}
