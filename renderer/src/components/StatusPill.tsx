/** A coloured pill for a state: sync run and job states, and account lifecycle states. */
import { humanize } from '../lib/format';

const TONE: Record<string, 'success' | 'danger' | 'warning' | 'neutral' | 'accent'> = {
  succeeded: 'success',
  applied: 'success',
  active: 'success',
  failed: 'danger',
  suspended: 'danger',
  partial: 'warning',
  reactivation_eligible: 'warning',
  cancelled: 'neutral',
  skipped: 'neutral',
  offboarded: 'neutral',
  running: 'accent',
  queued: 'accent',
};

export function StatusPill({ status, title }: { status: string; title?: string }) {
  return (
    <span className={`pill pill-${TONE[status] ?? 'neutral'}`} title={title} data-status={status}>
      {humanize(status)}
    </span>
  );
}
