/**
 * Where the lanes come from, in order: `#/timeline?accounts=a,b,c` (links from the graph and
 * elsewhere), `#/timeline?case=ID` (the case's subjects), then the workbench selection (the graph
 * sets it). Choosing accounts on the screen writes them back into the hash so a reload or a
 * copied link shows the same lanes.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import { client } from '../../lib/client';
import { routeParams, useWorkbench } from '../../lib/workbench';

export interface LaneSource {
  readonly accounts: readonly string[];
  readonly label: string;
  readonly error: ApiError | null;
  readonly resolving: boolean;
}

function subscribeHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function parseAccountList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/** Replaces the hash parameters of the timeline route without adding a history entry per change. */
export function setTimelineParams(params: Record<string, string>): void {
  const query = new URLSearchParams(params).toString();
  const hash = `#/timeline${query ? `?${query}` : ''}`;
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useLaneSource(): LaneSource {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const workbench = useWorkbench();
  const [caseResult, setCaseResult] = useState<{ caseId: string; accounts: readonly string[]; title: string; error: ApiError | null } | null>(null);
  const params = routeParams();
  const fromHash = parseAccountList(params.get('accounts') ?? '');
  const caseId = params.get('case');

  useEffect(() => {
    if (!caseId) return undefined;
    let live = true;
    void client.call('timeline.caseSubjects', { caseId }).then((outcome) => {
      if (!live) return;
      setCaseResult(
        outcome.ok
          ? { caseId, accounts: outcome.value.accounts, title: outcome.value.title, error: null }
          : { caseId, accounts: [], title: '', error: outcome.error },
      );
    });
    return () => {
      live = false;
    };
  }, [caseId, hash]);

  if (fromHash.length > 0) return { accounts: fromHash, label: `${fromHash.length} account${fromHash.length === 1 ? '' : 's'} from the link`, error: null, resolving: false };
  if (caseId) {
    const ready = caseResult?.caseId === caseId;
    return {
      accounts: ready ? caseResult.accounts : [],
      label: ready && !caseResult.error ? `Subjects of case ${caseId}: ${caseResult.title}` : `Case ${caseId}`,
      error: ready ? caseResult.error : null,
      resolving: !ready,
    };
  }
  if (workbench.selectedAccounts.length > 0) {
    const origin = workbench.origin ? ` from ${workbench.origin.kind} ${workbench.origin.ref}` : ' selected';
    return { accounts: workbench.selectedAccounts, label: `${workbench.selectedAccounts.length} accounts${origin}`, error: null, resolving: false };
  }
  return { accounts: [], label: 'No accounts chosen', error: null, resolving: false };
}
