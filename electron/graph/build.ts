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
import { loadMemberFacts, scoreRing, type MemberFacts } from './score.js';
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

  const ringOf = new Int32Array(g.ids.length).fill(-1);
  groups.forEach((r, k) => {
    for (const a of r.members) ringOf[a] = k;
  });
  // Binding identifiers: each shared value counted in every ring holding >= 2 of its accounts.
  const binding: BindingIdentifier[][] = groups.map(() => []);
  for (let k = 0; k < g.groupKind.length; k++) {
    const s = g.groupStart[k] as number;
    const e = g.groupStart[k + 1] as number;
    const inRing = new Map<number, number>();
    for (let j = s; j < e; j++) {
      const r = ringOf[g.groupMembers[j] as number] as number;
      if (r >= 0) inRing.set(r, (inRing.get(r) ?? 0) + 1);
    }
    for (const [r, count] of inRing) {
      if (count < 2) continue;
      (binding[r] as BindingIdentifier[]).push({ kind: g.groupKind[k] as LinkKind, value: g.groupValue[k] as string, accounts: groupSize(g, k), inRing: count, weight: round(groupWeight(g, k)) });
    }
  }
  for (let r = 0; r < g.relSrc.length; r++) {
    const a = ringOf[g.relSrc[r] as number] as number;
    if (a < 0 || a !== ringOf[g.relDst[r] as number]) continue;
    const kind = g.relKind[r] as LinkKind;
    (binding[a] as BindingIdentifier[]).push({ kind, value: `${g.ids[g.relSrc[r] as number]} -> ${g.ids[g.relDst[r] as number]}`, accounts: 2, inRing: 2, weight: round(linkWeight(kind, 2)) });
  }

  report('Reading member facts', 0, null);
  const allFacts = loadMemberFacts(db, groups.flatMap((r) => Array.from(r.members, (a) => g.ids[a] as string)));
  const missing: MemberFacts = { createdAt: 0, sanctioned: false, flagged: false, lastActivity: null, answers: [], fastSubmissions: 0 };
  const factsOf = (id: string): MemberFacts => allFacts.get(id) ?? missing;
  const reference = (db.prepare('SELECT max(occurred_at) FROM events').pluck().get() as number | null) ?? Date.now();
  const scored: { id: string; size: number; componentSize: number; score: number; explanation: string; headline: string; members: string[] }[] = [];
  let done = 0;
  const totalMembers = groups.reduce((s, r) => s + r.members.length, 0);
  for (const [k, r] of groups.entries()) {
    const members = Array.from(r.members, (a) => g.ids[a] as string);
    const facts = members.map(factsOf);
    const { score, explanation, headline } = scoreRing(facts, binding[k] as BindingIdentifier[], reference, r.community);
    scored.push({ id: ringIdFor(members[0] as string), size: members.length, componentSize: r.componentSize, score, explanation: JSON.stringify({ ...explanation, headline }), headline, members });
    done += members.length;
    if ((k & 0xff) === 0) {
      report('Scoring rings', done, totalMembers);
      ctx.throwIfCancelled();
    }
  }
  ctx.throwIfCancelled();
  const scoringMs = mark();

  const syncRunId = latestSyncRunId(db);
  report('Saving rings', 0, scored.length);
  const write = db.transaction(() => {
    db.exec('DELETE FROM ring_members; DELETE FROM rings; DELETE FROM graph_hubs;');
    const build = db
      .prepare('INSERT INTO graph_builds (built_at, built_by, params, sync_run_id, accounts, links, rings, hubs, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(Date.now(), actor, JSON.stringify(params), syncRunId, g.ids.length, g.links, scored.length, g.hubs.length, 0);
    const buildId = Number(build.lastInsertRowid);
    const ring = db.prepare('INSERT INTO rings (id, build_id, size, score, component_size, explanation) VALUES (?, ?, ?, ?, ?, ?)');
    const member = db.prepare('INSERT INTO ring_members (ring_id, account_id) VALUES (?, ?)');
    for (const r of scored) {
      ring.run(r.id, buildId, r.size, r.score, r.componentSize, r.explanation);
      for (const m of r.members) member.run(r.id, m);
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
