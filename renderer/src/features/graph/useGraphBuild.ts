/**
 * Keeps the rings current. Choice (documented in docs/README-graph.md): the screen rebuilds
 * automatically when it opens and the stored rings are older than the latest sync run (or no
 * build exists yet while there is data); otherwise the user rebuilds with "Rebuild". Nothing
 * listens for syncs in the background, so a sync never triggers surprise work.
 */
import { useEffect, useRef, useState } from 'react';
import { callOrToast } from '../../lib/client';
import { trackStartedJob, useActiveJobs } from '../../lib/jobs';
import { useQuery } from '../../lib/useQuery';

export async function startGraphBuild(): Promise<string | null> {
  const started = await callOrToast('graph.build', {});
  if (started) trackStartedJob(started.jobId, 'graph.build', 'Building the account-link graph');
  return started?.jobId ?? null;
}

export function useGraphBuild() {
  const status = useQuery('graph.status', {}, { refetchOn: (t) => t.includes('graph_builds') || t.includes('sync_runs') });
  const job = useActiveJobs().find((j) => j.method === 'graph.build') ?? null;
  const autoStarted = useRef(false);
  const [starting, setStarting] = useState(false);
  useEffect(() => {
    if (autoStarted.current || !status.data || job) return;
    if (status.data.stale) {
      autoStarted.current = true;
      setStarting(true);
      void startGraphBuild().finally(() => setStarting(false));
    }
  }, [status.data, job]);
  // Settled once the status is known and an automatic rebuild, if one is due, has been handed to
  // the job list (so `data-jobs` is already busy when the screen reports itself ready).
  const settled = !status.loading && !starting && !(status.data?.stale && !job && !autoStarted.current);
  return { status, job, settled };
}
