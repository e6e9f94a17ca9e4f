/** The open case lives in the hash (`#/cases?case=RS-00001`) so links, reloads and the palette can open one. */
import { useSyncExternalStore } from 'react';
import { openScreen, routeParams } from '../../lib/workbench';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useOpenCaseId(): string | null {
  return useSyncExternalStore(subscribe, () => routeParams().get('case'));
}

export function openCase(caseId: string | null): void {
  openScreen('cases', caseId ? { case: caseId } : {});
}

export const SLA_LABEL: Record<string, string> = { on_track: 'On track', at_risk: 'At risk', breached: 'Breached', none: '—' };
export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  in_review: 'In review',
  escalated: 'Escalated',
  decided: 'Decided',
  appealed: 'Appealed',
  closed: 'Closed',
};
/** Manual moves offered per status (decided/appealed come from decisions and appeals). */
export const MANUAL_MOVES: Record<string, readonly string[]> = {
  new: ['in_review', 'escalated', 'closed'],
  in_review: ['escalated', 'closed'],
  escalated: ['in_review', 'closed'],
  decided: ['in_review', 'closed'],
  appealed: ['closed'],
  closed: ['in_review'],
};
