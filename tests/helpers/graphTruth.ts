/** Matches detected rings against the demo's ground_truth.json (used by the accuracy test and the bench). */
export interface GroundTruth {
  readonly rings: readonly { id: string; kind: string; accounts: string[] }[];
  readonly benign: readonly { id: string; kind: string; accounts: string[]; identifier: { kind: string; value: string } }[];
}

export interface DetectedRing {
  readonly id: string;
  readonly score: number;
  readonly members: readonly string[];
}

function jaccard(a: ReadonlySet<string>, b: readonly string[]): number {
  let inter = 0;
  for (const x of b) if (a.has(x)) inter += 1;
  return inter / (a.size + b.length - inter);
}

/**
 * recall: share of injected rings with a detected ring at Jaccard >= 0.8.
 * benignTop50: share of the 50 highest-scored detected rings in which fewer than half of the
 * members belong to any injected ring (families, coworking groups, hub-linked accounts,
 * ordinary referral pairs: everything that is not a ring).
 */
export function ringMatchReport(truth: GroundTruth, detected: readonly DetectedRing[]) {
  const inRing = new Set(truth.rings.flatMap((r) => r.accounts));
  const missed: { id: string; kind: string; size: number; best: number }[] = [];
  let matched = 0;
  for (const ring of truth.rings) {
    const set = new Set(ring.accounts);
    let best = 0;
    for (const d of detected) if (d.members.some((m) => set.has(m))) best = Math.max(best, jaccard(set, d.members));
    if (best >= 0.8) matched += 1;
    else missed.push({ id: ring.id, kind: ring.kind, size: ring.accounts.length, best: Math.round(best * 100) / 100 });
  }
  const top = [...detected].sort((a, b) => b.score - a.score).slice(0, 50);
  const benign = top.filter((d) => d.members.filter((m) => inRing.has(m)).length * 2 < d.members.length);
  return {
    recall: matched / truth.rings.length,
    benignTop50: top.length ? benign.length / top.length : 0,
    missed,
    benignIds: benign.map((d) => d.id),
  };
}
