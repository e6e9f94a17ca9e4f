/**
 * Builds the JobContext a job handler runs with. Cancellation is a flag in shared memory that
 * the host sets, so a job busy in a synchronous loop sees it without the worker's event loop
 * turning; progress is throttled here so a tight loop cannot flood the host with messages.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { JobContext, ProgressReport, WriteContext } from './context.js';

const PROGRESS_INTERVAL_MS = 150;

export function createJobContext(
  base: WriteContext,
  jobId: string,
  isCancelled: () => boolean,
  sendProgress: (report: ProgressReport) => void,
): JobContext {
  let lastSent = 0;
  return {
    ...base,
    changed: base.changed,
    jobId,
    isCancelled,
    throwIfCancelled() {
      if (isCancelled()) throw new RingsideError('CANCELLED', 'Cancelled by user; nothing from this job was kept.');
    },
    progress(report) {
      const now = Date.now();
      const final = report.total !== null && report.done >= report.total;
      if (!final && now - lastSent < PROGRESS_INTERVAL_MS) return;
      lastSent = now;
      sendProgress(report);
    },
  };
}
