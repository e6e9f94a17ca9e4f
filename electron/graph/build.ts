/**
 * The `graph.build` job: links -> components -> communities -> explained scores -> tables.
 * Everything is computed in memory first and written in ONE transaction at the end, so a
 * cancelled or failed build leaves the previous rings untouched.
 */
import { performance } from 'node:perf_hooks';
import type { BindingIdentifier, GraphBuildInfo, GraphParamsInput, LinkKind } from '../../shared/contract/graph.js';
import type { JobContext } from '../service/context.js';
import { collectLinks, groupSize, groupWeight } from './links.js';
import { connectedComponents, ringsFromComponents } from './components.js';
import { COMMUNITY_THRESHOLD, linkWeight, resolveParams } from './params.js';
import { loadMemberFacts, memberFacts, scoreRing } from './score.js';
import { latestSyncRunId, getLatestBuild } from './store.js';

/** Ring ids derive from the smallest member id, so the same ring keeps its id (and its review). */
export function ringIdFor(smallestMember: string): string {
  return `ring:${smallestMember}`;
}

/**
 * Builds the graph with `input` (defaults from params.ts) and replaces the stored rings and hubs.
 * Fails with CANCELLED when cancelled (nothing written). Runs in the writer as a job.
 */
export function buildGraph(input: GraphParamsInput, ctx: JobContext, actor: string): GraphBuildInfo {
  const started = Date.now();
  const params = resolveParams(input);
  const { db } = ctx;
  const report = (message: string, done: number, total: number | null) => ctx.progress({ unit: 'rows', done, total, message });
  const mark = timer();
  const g = collectLinks(db, params, report, () => ctx.throwIfCancelled());
  const linksMs = mark();
  ctx.throwIfCancelled();
  report('Finding components', 0, null);
  const components = connectedComponents(g);
  const componentsMs = mark();
  ctx.throwIfCancelled();
  report('Splitting large components into communities', 0, null);
  const groups = ringsFromComponents(g, components, COMMUNITY_THRESHOLD);
  const communitiesMs = mark();

  const ringOf = new Int32Array(g.accounts).fill(-1);
  let totalMembers = 0;
  groups.forEach((r, k) => {
    for (const a of r.members) ringOf[a] = k;
    totalMembers += r.members.length;
  });
  // Binding identifiers: each shared value counted in every ring holding >= 2 of its accounts.
  // A value's holders are few (at most its kind's K), so a linear count per holder is enough.
  const binding: BindingIdentifier[][] = groups.map(() => []);
  for (let k = 0; k < g.groupKind.length; k++) {
    const s = g.groupStart[k] as number;
    const e = g.groupStart[k + 1] as number;
    for (let j = s; j < e; j++) {
      const r = ringOf[g.groupMembers[j] as number] as number;
      if (r < 0) continue;
      let count = 0;
      let first = true;
      for (let x = s; x < e; x++) {
        if (ringOf[g.groupMembers[x] as number] !== r) continue;
        if (x < j) first = false;
        count += 1;
      }
      if (!first || count < 2) continue; // counted once per ring, at its first holder
      (binding[r] as BindingIdentifier[]).push({ kind: g.groupKind[k] as LinkKind, value: g.groupValue[k] as string, accounts: groupSize(g, k), inRing: count, weight: round(groupWeight(g, k)) });
    }
  }
  report('Reading member facts', 0, totalMembers);
  const allMembers = new Int32Array(totalMembers);
  let fill = 0;
  for (const r of groups) {
    allMembers.set(r.members, fill);
    fill += r.members.length;
  }
  const facts = loadMemberFacts(db, g, allMembers);
  ctx.throwIfCancelled();
  for (let r = 0; r < g.relSrc.length; r++) {
    const a = ringOf[g.relSrc[r] as number] as number;
    if (a < 0 || a !== ringOf[g.relDst[r] as number]) continue;
    const kind = g.relKind[r] as LinkKind;
    (binding[a] as BindingIdentifier[]).push({ kind, value: `${facts.id[g.relSrc[r] as number]} -> ${facts.id[g.relDst[r] as number]}`, accounts: 2, inRing: 2, weight: round(linkWeight(kind, 2)) });
  }

  const reference = (db.prepare('SELECT max(occurred_at) FROM events').pluck().get() as number | null) ?? Date.now();
  const scored: { id: string; size: number; componentSize: number; score: number; explanation: string; members: Int32Array }[] = new Array(groups.length);
  let done = 0;
  for (const [k, r] of groups.entries()) {
    const memberFactsOf = Array.from(r.members, (a) => memberFacts(facts, a));
    const { score, explanation, headline } = scoreRing(memberFactsOf, binding[k] as BindingIdentifier[], reference, r.community);
    scored[k] = { id: ringIdFor(facts.id[r.members[0] as number] as string), size: r.members.length, componentSize: r.componentSize, score, explanation: JSON.stringify({ ...explanation, headline }), members: r.members };
    done += r.members.length;
    if ((k & 0xfff) === 0) {
      report('Scoring rings', done, totalMembers);
      ctx.throwIfCancelled();
    }
  }
  ctx.throwIfCancelled();
  // Rows go in in primary-key order: appends to the b-trees instead of random inserts.
  scored.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scoringMs = mark();

  const syncRunId = latestSyncRunId(db);
  report('Saving rings', 0, scored.length);
  const write = db.transaction(() => {
    db.exec('DELETE FROM ring_members; DELETE FROM rings; DELETE FROM graph_hubs;');
    const build = db
      .prepare('INSERT INTO graph_builds (built_at, built_by, params, sync_run_id, accounts, links, rings, hubs, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(Date.now(), actor, JSON.stringify(params), syncRunId, g.accounts, g.links, scored.length, g.hubs.length, 0);
    const buildId = Number(build.lastInsertRowid);
    const ring = db.prepare('INSERT INTO rings (id, build_id, size, score, component_size, explanation) VALUES (?, ?, ?, ?, ?, ?)');
    const member = db.prepare('INSERT INTO ring_members (ring_id, account_id) VALUES (?, ?)');
    for (const [k, r] of scored.entries()) {
      ring.run(r.id, buildId, r.size, r.score, r.componentSize, r.explanation);
      for (const m of r.members) member.run(r.id, facts.id[m]);
      if ((k & 0x3fff) === 0) report('Saving rings', k, scored.length);
    }
    const hub = db.prepare('INSERT INTO graph_hubs (kind, value, accounts, threshold) VALUES (?, ?, ?, ?)');
    for (const h of g.hubs) hub.run(h.kind, h.value, h.accounts, h.threshold);
    db.prepare('UPDATE graph_builds SET duration_ms = ? WHERE id = ?').run(Date.now() - started, buildId);
  });
  write();
  const saveMs = mark();
  ctx.changed('rings', 'ring_members', 'graph_hubs', 'graph_builds');
  report('Done', scored.length, scored.length);
  const info = getLatestBuild(db);
  if (!info) throw new Error('graph build row missing after commit');
  return { ...info, timings: { linksMs, componentsMs, communitiesMs, scoringMs, saveMs } };
}

/** Returns a function giving the milliseconds since the previous call. */
function timer(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
