/**
 * The bottom bar: connection, workspace, running jobs with progress and Cancel, the last
 * finished job's result for a few seconds, and the jobs popover.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { AppInfo } from '../../../shared/contract/types';
import { Icon } from '../components/Icon';
import { JobProgress } from '../components/JobProgress';
import { getConnectionState, subscribeConnection } from '../lib/connection';
import { clearLastFinished, jobSubjects, jobsStore, jobTitle, useActiveJobs } from '../lib/jobs';
import { useSettings } from '../lib/settings';
import { useStore } from '../lib/store';
import { describeResult, JobsPopover } from './JobsPopover';

const SHOW_RESULT_MS = 6000;

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
} as const;

export function StatusBar({
  info,
  jobsOpen,
  setJobsOpen,
}: {
  info: AppInfo | null;
  jobsOpen: boolean;
  setJobsOpen: (open: boolean) => void;
}) {
  const connection = useSyncExternalStore(subscribeConnection, getConnectionState);
  const active = useActiveJobs();
  const { lastFinished } = useStore(jobsStore);
  const zone = useSettings()?.displayZone ?? 'utc';
  const subjects = useStore(jobSubjects);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // Escape returns focus to the button that opened the popover, as a keyboard user expects; a
  // click elsewhere leaves focus where the click put it.
  const closeJobs = useCallback(
    (how: 'escape' | 'outside') => {
      setJobsOpen(false);
      if (how === 'escape') toggleRef.current?.focus();
    },
    [setJobsOpen],
  );

  // The last result shows for a few seconds, then clears itself.
  useEffect(() => {
    if (!lastFinished) return;
    const id = lastFinished.id;
    const timer = setTimeout(() => clearLastFinished(id), SHOW_RESULT_MS);
    return () => clearTimeout(timer);
  }, [lastFinished]);

  const workspaceName = info ? (info.workspace.split(/[\\/]/).filter(Boolean).pop() ?? info.workspace) : '—';
  const [first, ...rest] = active;

  return (
    <footer className="statusbar" aria-label="Status">
      <span className={`status-item status-conn status-conn-${connection}`} data-connection={connection} role="status">
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
      </span>
      <span className="status-item truncate" title={info?.workspace}>
        <Icon name="database" size={12} /> {workspaceName}
      </span>
      <div className="status-jobs" aria-live="polite">
        {first ? (
          <>
            <JobProgress job={first} compact />
            {rest.length > 0 ? <span className="status-item faint">+{rest.length} more</span> : null}
          </>
        ) : lastFinished ? (
          <span
            className={`status-item status-result status-result-${lastFinished.state}`}
            data-last-job-state={lastFinished.state}
          >
            <Icon name={lastFinished.state === 'succeeded' ? 'check' : 'alert'} size={12} />
            <strong>{jobTitle(lastFinished, subjects)}</strong>{' '}
            {lastFinished.state === 'succeeded'
              ? `succeeded — ${describeResult(lastFinished)}`
              : lastFinished.state === 'cancelled'
                ? 'cancelled'
                : `failed — ${lastFinished.error?.message ?? 'no message'}`}
          </span>
        ) : null}
      </div>
      <span className="status-item faint" title="Times are shown in this zone (Settings)">
        {zone === 'utc' ? 'UTC' : 'Local time'}
      </span>
      {info ? (
        <span className="status-item faint">
          {info.mode === 'desktop' ? 'Desktop' : 'Browser mode'} · v{info.version}
        </span>
      ) : null}
      <div className="status-jobs-anchor">
        <button
          ref={toggleRef}
          type="button"
          className="status-item status-btn status-jobs-toggle"
          aria-expanded={jobsOpen}
          aria-haspopup="dialog"
          onClick={() => setJobsOpen(!jobsOpen)}
        >
          <Icon name="jobs" size={12} /> Jobs
          {active.length > 0 ? <span className="status-count">{active.length}</span> : null}
        </button>
        {jobsOpen ? <JobsPopover onClose={closeJobs} /> : null}
      </div>
    </footer>
  );
}
