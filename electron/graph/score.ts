/**
 * Explained ring scores. Every factor is a 0..1 value with a fixed weight (weights sum to 100)
 * and a human detail, so the score is the sum of what the investigator can read. The factors
 * separate real rings from benign look-alikes in the ways the field does: rings sign up in bursts
 * (families join months apart), share payout instruments (families pay out separately), carry
 * sanctions, and game tasks together (duplicate answers, impossible durations).
 */
import type { BindingIdentifier, LinkKind, RingExplanation, ScoreFactor } from '../../shared/contract/graph.js';
import type { Db } from '../db/open.js';
import { rankOfRowid, type LinkGraph } from './links.js';

const DAY = 86_400_000;

export const FACTOR_WEIGHTS: Readonly<Record<ScoreFactor['name'], number>> = {
  payout: 20,
  velocity: 20,
  sanctioned: 20,
  gaming: 15,
  strength: 10,
  size: 10,
  recency: 5,
};

export interface MemberFacts {
  readonly createdAt: number;
  readonly sanctioned: boolean;
  readonly flagged: boolean;
  readonly lastActivity: number | null;
  /** "task_id|answer_hash" pairs of this member's submissions. */
  readonly answers: readonly string[];
  readonly fastSubmissions: number;
}

/**
 * The facts of every ring member, in arrays indexed by account index (the LinkGraph's rank), so
 * scoring a ring reads numbers, not rows. `answers` holds only accounts with task submissions.
 */
export interface AccountFacts {
  /** Account ids of the members (sparse: other indices are empty). */
  readonly id: string[];
  readonly createdAt: Float64Array;
  readonly sanctioned: Uint8Array;
  readonly flagged: Uint8Array;
  /** NaN when the account has no event. */
  readonly lastActivity: Float64Array;
  readonly fastSubmissions: Uint16Array;
  readonly answers: Map<number, string[]>;
}

const NO_ANSWERS: readonly string[] = [];

/** One member's facts as the MemberFacts scoreRing takes. */
export function memberFacts(facts: AccountFacts, account: number): MemberFacts {
  const last = facts.lastActivity[account] as number;
  return {
    createdAt: facts.createdAt[account] as number,
    sanctioned: facts.sanctioned[account] === 1,
    flagged: facts.flagged[account] === 1,
    lastActivity: Number.isNaN(last) ? null : last,
    answers: facts.answers.get(account) ?? NO_ANSWERS,
    fastSubmissions: facts.fastSubmissions[account] as number,
  };
}

/**
 * Per-account facts the score needs, for every ring member at once. The members' (index, rowid)
 * pairs go into a temp table and each fact is one set-based query joined by rowid to `accounts`
 * and on the indexed tables: one statement per fact instead of one per account, and no
 * string-keyed lookups in JS.
 */
export function loadMemberFacts(db: Db, g: LinkGraph, members: Int32Array): AccountFacts {
  const n = g.accounts;
  const facts: AccountFacts = {
    id: new Array<string>(n),
    createdAt: new Float64Array(n),
    sanctioned: new Uint8Array(n),
    flagged: new Uint8Array(n),
    lastActivity: new Float64Array(n).fill(NaN),
    fastSubmissions: new Uint16Array(n),
    answers: new Map(),
  };
  const member = new Uint8Array(n);
  for (const a of members) member[a] = 1;
  // Keyed by account index and inserted in index order: appends, no sort.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS graph_member_rows (idx INTEGER PRIMARY KEY, rid INTEGER NOT NULL); DELETE FROM temp.graph_member_rows;');
  const insert = db.prepare('INSERT INTO temp.graph_member_rows (idx, rid) VALUES (?, ?)');
  db.transaction(() => {
    for (let a = 0; a < n; a++) if (member[a] === 1) insert.run(a, g.rowids[a]);
  })();
  const joined = 'temp.graph_member_rows m CROSS JOIN accounts a ON a.rowid = m.rid';
  for (const [idx, id, created, active, last] of db
    .prepare(`SELECT m.idx, a.id, a.created_at, a.lifecycle_state = 'active', (SELECT max(e.occurred_at) FROM events e WHERE e.account_id = a.id) FROM ${joined}`)
    .raw()
    .iterate() as Iterable<[number, string, number, number, number | null]>) {
    facts.id[idx] = id;
    facts.createdAt[idx] = created;
    facts.sanctioned[idx] = active ? 0 : 1;
    if (last !== null) facts.lastActivity[idx] = last;
  }
  // Decisions and case subjects are small next to the members: read them whole, by rowid.
  const sanctioned = db
    .prepare("SELECT a.rowid FROM decisions d JOIN accounts a ON a.id = d.account_id WHERE d.status IN ('effective','modified') AND d.sanction NOT IN ('no_action','warning')")
    .pluck();
  for (const rowid of sanctioned.iterate() as Iterable<number>) {
    const a = rankOfRowid(g, rowid);
    if (a >= 0 && member[a] === 1) facts.sanctioned[a] = 1;
  }
  for (const rowid of db.prepare('SELECT a.rowid FROM case_subjects s JOIN accounts a ON a.id = s.account_id').pluck().iterate() as Iterable<number>) {
    const a = rankOfRowid(g, rowid);
    if (a >= 0 && member[a] === 1) facts.flagged[a] = 1;
  }
  // Unary + keeps the planner on the per-account index rather than scanning every submission.
  for (const [idx, t, h, d] of db
    .prepare(
      "SELECT m.idx, json_extract(e.attrs, '$.task_id'), json_extract(e.attrs, '$.answer_hash'), CAST(json_extract(e.attrs, '$.duration_s') AS REAL) " +
        `FROM ${joined} JOIN events e ON e.account_id = a.id WHERE +e.type = 'task_submit'`,
    )
    .raw()
    .iterate() as Iterable<[number, string | null, string | null, number | null]>) {
    if (t && h) {
      const list = facts.answers.get(idx);
      if (list) list.push(`${t}|${h}`);
      else facts.answers.set(idx, [`${t}|${h}`]);
    }
    if (d !== null && d > 0 && d <= 3) facts.fastSubmissions[idx] = Math.min(0xffff, (facts.fastSubmissions[idx] as number) + 1);
  }
  db.exec('DELETE FROM temp.graph_member_rows');
  return facts;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function durationText(ms: number): string {
  if (ms < 2 * 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / DAY)} days`;
}

/**
 * Scores one ring. `referenceTime` is the newest activity in the cache (recency is relative to
 * the data, not the wall clock, so an old extract scores the same tomorrow).
 */
export function scoreRing(
  facts: readonly MemberFacts[],
  binding: readonly BindingIdentifier[],
  referenceTime: number,
  community: boolean,
): { score: number; explanation: RingExplanation; headline: string } {
  const size = facts.length;
  const created = facts.map((f) => f.createdAt).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < created.length; i++) gaps.push((created[i] as number) - (created[i - 1] as number));
  gaps.sort((a, b) => a - b);
  const medianGap = gaps.length ? (gaps[Math.floor((gaps.length - 1) / 2)] as number) : 0;
  // 1 at a median gap of 12 h or less, 0 at 20 days or more, log-linear between.
  const velocity = clamp01(1 - Math.log(Math.max(medianGap, DAY / 2) / (DAY / 2)) / Math.log(40));

  const sanctioned = facts.filter((f) => f.sanctioned).length;
  const flagged = facts.filter((f) => f.flagged).length;
  const sanctionedValue = clamp01((sanctioned / size) * 2 + (flagged / size) * 0.25);

  const payoutBinds = binding.filter((b) => (b.kind === 'payment_instrument' || b.kind === 'bank_account' || b.kind === 'payment') && b.inRing >= 2);
  const payoutShare = payoutBinds.length ? Math.max(...payoutBinds.map((b) => b.inRing)) / size : 0;
  const payout = payoutBinds.length ? clamp01(0.5 + payoutShare) : 0;

  // Task gaming: members whose (task, answer) pair another member also submitted, or who submit
  // in 3 s or less.
  const answerCount = new Map<string, number>();
  for (const f of facts) for (const a of new Set(f.answers)) answerCount.set(a, (answerCount.get(a) ?? 0) + 1);
  const gamers = facts.filter((f) => f.fastSubmissions >= 2 || f.answers.some((a) => (answerCount.get(a) ?? 0) >= 2)).length;
  const gaming = clamp01((gamers / size) * 1.5);

  const totalWeight = binding.reduce((s, b) => s + b.weight * (b.inRing - 1), 0);
  const strength = clamp01(totalWeight / Math.max(1, size - 1) / 2);
  const sizeValue = clamp01(Math.log2(size) / Math.log2(16));
  const lastActivity = facts.reduce<number | null>((m, f) => (f.lastActivity === null ? m : m === null ? f.lastActivity : Math.max(m, f.lastActivity)), null);
  const idle = lastActivity === null ? Infinity : referenceTime - lastActivity;
  const recency = idle === Infinity ? 0 : clamp01(1 - Math.max(0, idle - 7 * DAY) / (83 * DAY));

  const kinds = [...new Set(binding.map((b) => b.kind))] as LinkKind[];
  const factors: ScoreFactor[] = [
    { name: 'payout', value: payout, weight: FACTOR_WEIGHTS.payout, detail: payoutBinds.length ? `shared payout: ${payoutBinds.length} instrument(s) used by up to ${Math.max(...payoutBinds.map((b) => b.inRing))} members` : 'separate payouts' },
    { name: 'velocity', value: velocity, weight: FACTOR_WEIGHTS.velocity, detail: `created within ${durationText(created[created.length - 1]! - created[0]!)} (median gap ${durationText(medianGap)})` },
    { name: 'sanctioned', value: sanctionedValue, weight: FACTOR_WEIGHTS.sanctioned, detail: `${sanctioned} of ${size} sanctioned, ${flagged} on cases` },
    { name: 'gaming', value: gaming, weight: FACTOR_WEIGHTS.gaming, detail: gamers ? `${gamers} of ${size} with duplicate answers or ≤3 s submissions` : 'no task-gaming signals' },
    { name: 'strength', value: strength, weight: FACTOR_WEIGHTS.strength, detail: `link weight ${totalWeight.toFixed(1)} over ${binding.length} binding link(s): ${kinds.join(', ')}` },
    { name: 'size', value: sizeValue, weight: FACTOR_WEIGHTS.size, detail: `${size} accounts` },
    { name: 'recency', value: recency, weight: FACTOR_WEIGHTS.recency, detail: lastActivity === null ? 'no activity' : `last active ${durationText(Math.max(0, idle))} before the newest event` },
  ];
  const score = Math.round(factors.reduce((s, f) => s + f.value * f.weight, 0) * 10) / 10;
  const headline = [...factors]
    .filter((f) => f.value > 0 && f.name !== 'size' && f.name !== 'recency')
    .sort((a, b) => b.value * b.weight - a.value * a.weight)
    .slice(0, 3)
    .map((f) => f.detail)
    .join(' · ');
  return {
    score,
    headline: headline || `${size} accounts linked by ${kinds.join(', ')}`,
    explanation: {
      factors,
      kinds,
      binding: [...binding].sort((a, b) => b.weight * b.inRing - a.weight * a.inRing).slice(0, 50),
      createdFrom: created[0] ?? 0,
      createdTo: created[created.length - 1] ?? 0,
      lastActivity,
      sanctioned,
      flagged,
      community,
    },
  };
}
