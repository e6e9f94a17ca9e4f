/**
 * One job's live progress: label, current step, bar, done/total, rate and ETA, with Cancel.
 * Used by the status bar (compact), the Overview's first-launch banner and the Sources screen.
 */
import type { JobInfo } from '../../../shared/contract/types';
import { callOrToast } from '../lib/client';
import { formatEta, formatInt, formatRate } from '../lib/format';
import { jobSubjects, jobTitle } from '../lib/jobs';
import { useStore } from '../lib/store';
import { Icon } from './Icon';
import { ProgressBar } from './ProgressBar';

export function cancelJob(job: JobInfo): void {
  void callOrToast('jobs.cancel', { jobId: job.id });
}

export function JobProgress({ job, compact = false }: { job: JobInfo; compact?: boolean }) {
  const p = job.progress;
  const title = jobTitle(job, useStore(jobSubjects));
  const counts = p
    ? `${formatInt(p.done)}${p.total !== null ? ` / ${formatInt(p.total)}` : ''} ${p.unit}`
    : 'Waiting to start…';
  const speed = p ? [formatRate(p.rate, p.unit), formatEta(p.etaMs)].filter(Boolean).join(' · ') : '';
  if (compact) {
    return (
      <div className="job-compact" data-job-id={job.id} data-job-state={job.state}>
        <span className="job-compact-label truncate" title={title}>
          {title}
        </span>
        <ProgressBar done={p?.done ?? 0} total={p?.total ?? null} label={`${job.label} progress`} />
        <span className="job-compact-meta num nowrap">{speed || (job.state === 'queued' ? 'queued' : counts)}</span>
        <button
          type="button"
          className="btn btn-ghost btn-xs"
          onClick={() => cancelJob(job)}
          aria-label={`Cancel ${title}`}
        >
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="job-progress" data-job-id={job.id} data-job-state={job.state} aria-live="polite">
      <div className="job-progress-head">
        <span className="job-progress-label">
          {title}
          {job.state === 'queued' ? <span className="faint"> · queued</span> : null}
        </span>
        <span className="job-progress-step truncate muted">{p?.message ?? ''}</span>
        <button type="button" className="btn btn-sm" onClick={() => cancelJob(job)}>
          <Icon name="stop" size={12} /> Cancel
        </button>
      </div>
      <ProgressBar done={p?.done ?? 0} total={p?.total ?? null} label={`${job.label} progress`} />
      <div className="job-progress-meta num">
        <span>{counts}</span>
        <span>{speed}</span>
      </div>
    </div>
  );
}
