/**
 * SLA state of a case: breached past its due time, at risk within the last 25% of its window
 * (or the last 4 hours, whichever is longer), on track otherwise; closed and decided cases have
 * none. Shared by the case queue, the dashboard and exports so they never disagree.
 */
import type { SlaState } from '../../shared/contract/cases.js';

export const SLA_HOURS_BY_PRIORITY: Readonly<Record<string, number>> = { P1: 24, P2: 72, P3: 168, P4: 336 };

export function slaState(status: string, openedAt: number, dueAt: number | null, now: number): SlaState {
  if (dueAt === null || status === 'closed' || status === 'decided') return 'none';
  if (now >= dueAt) return 'breached';
  const window = Math.max(0, dueAt - openedAt);
  const atRiskFrom = dueAt - Math.max(window * 0.25, 4 * 3600_000);
  return now >= atRiskFrom ? 'at_risk' : 'on_track';
}
