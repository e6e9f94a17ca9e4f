/**
 * Writes everything that belongs to one account: its accounts.csv row, identifiers, events,
 * the relations it originates (plus the referral that brought it in) and its past decisions.
 * Only per-account state is kept; cross-account facts come from the plan.
 */
import { csvField, type CsvWriter } from './csv.js';
import { isoUtc } from './iso.js';
import { buildProfile, type Profile } from './profile.js';
import { Rng } from './rng.js';
import { buildTimeline, type Ev } from './timeline.js';
import { accountId, HOUR, MINUTE, WINDOW_END, type Plan, type PlannedDecision } from './types.js';
import type { Values } from './values.js';

export interface Writers {
  accounts: CsvWriter;
  identifiers: CsvWriter;
  events: CsvWriter;
  relations: CsvWriter;
  cases: CsvWriter;
  case_subjects: CsvWriter;
  decisions: CsvWriter;
}

export interface WriteContext {
  plan: Plan;
  values: Values;
  out: Writers;
  /** Running counters for ev_/rel_/dec_ ids (sequential in write order, hence deterministic). */
  seq: { event: number; relation: number; decision: number };
}

/** Extra columns after the canonical ones (the sync engine keeps them in `attrs`). */
export const EXTRA_COLUMNS = {
  accounts: ['kyc_status'],
  events: ['result', 'task_id', 'duration_s', 'answer_hash', 'instrument', 'sanction'],
} as const;

const iso = isoUtc;
const NO_DECISIONS: readonly PlannedDecision[] = [];

/** When account `a` stops acting: its first activity-stopping decision, else the window end. */
export function activityEnd(plan: Plan, a: number): number {
  let end = WINDOW_END;
  for (const d of plan.decisions.get(a) ?? NO_DECISIONS) if (d.stopsActivity) end = Math.min(end, d.decidedAt);
  return end;
}

function riskScore(plan: Plan, i: number, p: Profile, decided: boolean, rng: Rng): number {
  const u = rng.float();
  let r: number;
  if (p.ring) r = 0.1 + 0.8 * u ** 0.8;
  else if (plan.groupOf[i] !== -1 || plan.hubOf[i] !== -1) r = 0.05 + 0.45 * u ** 2;
  else if (p.style === 'solo_gamer') r = 0.1 + 0.5 * u;
  else r = 0.02 + 0.35 * u ** 3;
  if (decided) r = Math.min(1, r + 0.25);
  return Math.round(r * 1000) / 1000;
}

/** Writes all rows of account `i` into the writers' buffers (flushing is the caller's job). */
export function writeAccount(ctx: WriteContext, i: number): void {
  const { plan, values, out, seq } = ctx;
  const rng = new Rng(plan.seed, 0xacc0, i);
  const decisions = plan.decisions.get(i) ?? NO_DECISIONS;
  const p = buildProfile(plan, values, i, rng);
  const tl = buildTimeline(plan, values, i, p, decisions, rng, WINDOW_END);
  const id = accountId(plan, i);
  const created = plan.createdAt[i] as number;
  const events = tl.events;
  const lastT = (events[events.length - 1] as Ev).t;

  let lifecycle = 'active';
  let latest = -Infinity;
  for (const d of decisions) {
    if (d.decidedAt > latest) [latest, lifecycle] = [d.decidedAt, d.lifecycle];
  }
  const decided = decisions.some((d) => d.sanction !== 'no_action' && d.appealOutcome !== 'overturned');
  out.accounts.line(
    `${id},${iso(created)},${csvField(p.displayName)},${p.email},${p.phone},${p.country.code},${lifecycle},` +
      `${riskScore(plan, i, p, decided, rng)},${tl.kycPassed ? 'passed' : 'failed'}\n`,
  );

  // Events, collecting when each device / IP / instrument was first and last seen.
  const seen = new Map<string, [number, number]>();
  const touch = (value: string, t: number): void => {
    const s = seen.get(value);
    if (s) s[1] = t;
    else seen.set(value, [t, t]);
  };
  for (const e of events) {
    if (e.device) touch(e.device, e.t);
    if (e.ip) touch(e.ip, e.t);
    if (e.instrument) touch(e.instrument, e.t);
    seq.event++;
    out.events.line(
      `ev_${String(seq.event).padStart(9, '0')},${id},${iso(e.t)},${e.type},${e.ip},${e.device},` +
        `${Number.isNaN(e.amount) ? '' : e.amount.toFixed(2)},${e.result},${e.taskId},` +
        `${e.type === 'task_submit' ? e.duration : ''},${e.answer},${e.instrument},${e.sanction}\n`,
    );
  }

  const ident = (kind: string, value: string, first: number, last: number): void => {
    out.identifiers.line(`${id},${kind},${csvField(value)},${iso(first)},${iso(Math.max(first, last))}\n`);
  };
  ident('email', p.email, created, lastT);
  ident('phone', p.phone, created, lastT);
  ident('address', p.address, created, lastT);
  for (const s of p.devices) {
    const r = seen.get(s.value);
    ident('device', s.value, r?.[0] ?? created, r?.[1] ?? created);
  }
  for (const s of p.ips) {
    const r = seen.get(s.value);
    ident('ip', s.value, r?.[0] ?? created, r?.[1] ?? created);
  }
  for (const x of tl.extraIdentifiers) {
    const r = seen.get(x.value);
    ident(x.kind, x.value, r?.[0] ?? created, r?.[1] ?? created);
  }
  const written = new Set<string>();
  for (const inst of p.instruments) {
    if (written.has(inst.ref.value)) continue;
    written.add(inst.ref.value);
    ident(inst.ref.kind, inst.ref.value, inst.from, seen.get(inst.ref.value)?.[1] ?? inst.from);
  }

  writeRelations(ctx, i, id, rng);

  for (const d of decisions) {
    seq.decision++;
    out.decisions.line(
      `dec_${String(seq.decision).padStart(7, '0')},${d.caseRef?.id ?? ''},${id},${d.policy},${d.tier},${d.sanction},` +
        `${iso(d.decidedAt)},${d.decidedBy},${csvField(d.rationale)},${d.appealOutcome}\n`,
    );
  }
}

function relation(ctx: WriteContext, src: number, dst: number, kind: string, t: number, amount: string): void {
  ctx.seq.relation++;
  ctx.out.relations.line(
    `rel_${String(ctx.seq.relation).padStart(8, '0')},${accountId(ctx.plan, src)},${accountId(ctx.plan, dst)},${kind},${iso(Math.floor(t))},${amount}\n`,
  );
}

/**
 * The referral that brought account `i` in, and the interactions it originates: ring members
 * talk and pay only among themselves (so relations never tie a ring to outsiders); everyone
 * else messages, reviews and pays other non-ring accounts now and then.
 */
function writeRelations(ctx: WriteContext, i: number, id: string, rng: Rng): void {
  const { plan } = ctx;
  void id;
  const ci = plan.createdAt[i] as number;
  const referrer = plan.referrerOf[i] as number;
  if (referrer >= 0) relation(ctx, referrer, i, 'referral', ci, rng.pick(['5.00', '10.00', '20.00']));

  const endI = activityEnd(plan, i);
  const interact = (j: number, kind: string, amount: string): void => {
    const from = Math.max(ci, plan.createdAt[j] as number) + 10 * MINUTE;
    const to = Math.min(endI, activityEnd(plan, j)) - HOUR;
    if (to > from) relation(ctx, i, j, kind, rng.range(from, to), amount);
  };

  const ringIndex = plan.ringOf[i] as number;
  if (ringIndex >= 0) {
    const ring = plan.rings[ringIndex];
    if (!ring || ring.members.length < 2) return;
    const pos = plan.ringPos[i] as number;
    const count = rng.int(1, 3);
    for (let k = 0; k < count; k++) {
      const j = ring.members[(pos + 1 + rng.int(0, ring.members.length - 2)) % ring.members.length] as number;
      interact(j, 'message', '');
    }
    if (ring.kind === 'shared_payout' && pos > 0 && rng.chance(0.5)) {
      interact(ring.members[0] as number, 'payment', rng.range(20, 400).toFixed(2));
    }
    return;
  }

  let count = 0;
  while (count < 4 && rng.chance(0.35)) count++;
  for (let k = 0; k < count; k++) {
    for (let tries = 0; tries < 4; tries++) {
      const j = rng.int(0, plan.accounts - 1);
      if (j === i || plan.ringOf[j] !== -1) continue;
      const roll = rng.float();
      if (roll < 0.5) interact(j, 'message', '');
      else if (roll < 0.85) interact(j, 'review', '');
      else interact(j, 'payment', rng.range(5, 200).toFixed(2));
      break;
    }
  }
}
