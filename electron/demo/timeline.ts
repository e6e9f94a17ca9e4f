/**
 * One account's event timeline: signup, KYC, then a heavy-tailed number of sessions (logins,
 * task submissions), payouts, the odd password reset, and the scripted sequences of the
 * account's role (takeover, switch to a shared payout instrument, enforcement). Events are
 * built in memory per account only (hundreds at most), then sorted and written.
 */
import type { EventType } from '../../shared/domain/model.js';
import { hash32, type Rng } from './rng.js';
import type { Profile, Slot } from './profile.js';
import { DAY, FLAG_SOLO_GAMER, FLAG_TAKEOVER, HOUR, MINUTE, type Plan, type PlannedDecision } from './types.js';
import { GROUP_BASE, ownU, pad, type Values } from './values.js';

export interface Ev {
  t: number;
  type: EventType;
  device: string;
  ip: string;
  /** NaN when the event carries no amount. */
  amount: number;
  result: string;
  taskId: string;
  duration: number;
  answer: string;
  instrument: string;
  sanction: string;
  /** Scripted session whose device/IP must not be rebalanced (signup, takeover steps). */
  fixed: boolean;
}

export interface Timeline {
  events: Ev[];
  kycPassed: boolean;
  /** Attacker identifiers added to the victim's identifiers (takeovers only). */
  extraIdentifiers: { kind: 'device' | 'ip'; value: string }[];
}

const SESSION: ReadonlySet<EventType> = new Set([
  'signup',
  'kyc_check',
  'login',
  'password_reset',
  'payout_method_change',
  'task_submit',
]);

function ev(t: number, type: EventType): Ev {
  return {
    t: Math.floor(t),
    type,
    device: '',
    ip: '',
    amount: Number.NaN,
    result: '',
    taskId: '',
    duration: 0,
    answer: '',
    instrument: '',
    sanction: '',
    fixed: false,
  };
}

function drawSlot(slots: readonly Slot[], rng: Rng): string {
  if (slots.length === 1) return (slots[0] as Slot).value;
  return (slots[rng.weighted(slots.map((s) => s.weight))] as Slot).value;
}

/** Number of events beyond signup + KYC: log-normal (heavy tail) with mean `mean`, capped. */
export function extraEventCount(mean: number, rng: Rng): number {
  if (mean <= 0) return 0;
  const sigma = 1.1;
  const w = Math.min(40, Math.exp(sigma * rng.normal() - (sigma * sigma) / 2));
  return rng.roundStochastic(mean * w);
}

/**
 * Minimum number of events beyond signup + KYC: ring members and solo gamers need enough
 * activity to show their pattern (and touch their shared identifiers), takeover victims need
 * some history before the scripted takeover. 0 for everyone else.
 */
export function minExtraFor(plan: Plan, i: number): number {
  const flags = plan.flags[i] as number;
  if (plan.ringOf[i] !== -1 || flags & FLAG_SOLO_GAMER)
    return Math.min(6, Math.max(3, Math.round(plan.eventsPerAccount)));
  return flags & FLAG_TAKEOVER ? 5 : 0;
}

/** E[max(0, m - mean * w)] for the log-normal weight w of extraEventCount (numeric quadrature). */
function expectedShortfall(mean: number, m: number): number {
  const sigma = 1.1;
  let sum = 0;
  for (let z = -6; z <= 6; z += 0.01) {
    const w = Math.min(40, Math.exp(sigma * z - (sigma * sigma) / 2));
    const gap = m - mean * w;
    if (gap > 0) sum += gap * Math.exp(-(z * z) / 2) * 0.01;
  }
  return sum / Math.sqrt(2 * Math.PI);
}

/**
 * The mean extra-event count for ordinary accounts, lowered so that the minimums of special
 * accounts and the enforcement events do not push the overall average above eventsPerAccount
 * (which matters at small averages such as 3 events per account).
 */
export function ordinaryExtraMean(plan: Plan): number {
  const mean = Math.max(0, plan.eventsPerAccount - 2);
  let surplus = 0;
  let ordinary = 0;
  const cache = new Map<number, number>();
  for (let i = 0; i < plan.accounts; i++) {
    const m = minExtraFor(plan, i);
    if (m === 0) {
      ordinary++;
      continue;
    }
    let s = cache.get(m);
    if (s === undefined) cache.set(m, (s = expectedShortfall(mean, m)));
    surplus += s;
  }
  for (const list of plan.decisions.values()) for (const d of list) if (d.sanction !== 'no_action') surplus++;
  return ordinary > 0 ? Math.max(0, mean - surplus / ordinary) : mean;
}

/** Sorted times in [t0, t1]: uniform, or inside the given ~3 h work shifts when there are any. */
function times(count: number, t0: number, t1: number, bursts: readonly number[] | null, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  const usable = bursts ? bursts.filter((b) => b >= t0 && b + 3 * HOUR <= t1) : [];
  for (let k = 0; k < count; k++) {
    out[k] = usable.length > 0 && rng.chance(0.85) ? rng.pick(usable) + rng.range(0, 3 * HOUR) : rng.range(t0, t1);
  }
  return out.sort();
}

/** Task details by style: duration, task id, answer hash (duplicates and impossible speeds for gamers). */
function fillTask(
  e: Ev,
  p: Profile,
  plan: Plan,
  values: Values,
  account: number,
  n: number,
  recent: string[],
  rng: Rng,
): void {
  const ring = p.ring;
  if (p.style === 'colluder' && ring && rng.chance(0.7)) {
    const slot = rng.int(0, 39);
    e.taskId = `task_${pad(1 + (hash32(plan.seed, ring.key, slot) % plan.taskPool), 7)}`;
    e.answer = values.answerHash(GROUP_BASE + ring.key, slot);
    e.duration = rng.chance(0.6) ? rng.int(1, 3) : Math.round(Math.min(200, Math.max(5, rng.logNormal(40, 0.5))));
    return;
  }
  e.taskId = `task_${pad(rng.int(1, plan.taskPool), 7)}`;
  let dupRate = 0.005;
  let fast = 0;
  let median = 420;
  if (p.style === 'farm') [dupRate, fast, median] = [0.2, 0.05, 70];
  else if (p.style === 'solo_gamer') [dupRate, fast, median] = [0.3, 0.35, 150];
  else if (p.style === 'colluder') [dupRate, fast, median] = [0.2, 0.3, 60];
  e.duration = rng.chance(fast) ? rng.int(1, 3) : Math.round(Math.min(5400, Math.max(8, rng.logNormal(median, 0.6))));
  if (recent.length > 0 && rng.chance(dupRate)) e.answer = rng.pick(recent);
  else {
    e.answer = values.answerHash(account, n);
    recent.push(e.answer);
    if (recent.length > 8) recent.shift();
  }
}

/**
 * Builds the timeline of account `i`. Contract: the first event is the signup at created_at,
 * every other event is strictly later, there is at least one kyc_check, and activity ends at
 * the first decision that stops it (then an enforcement event). Takeovers get the scripted
 * new-device login -> password_reset -> payout_method_change -> payout within hours.
 */
export function buildTimeline(
  plan: Plan,
  values: Values,
  i: number,
  p: Profile,
  decisions: readonly PlannedDecision[],
  rng: Rng,
  windowEnd: number,
): Timeline {
  const created = plan.createdAt[i] as number;
  const events: Ev[] = [];
  const signup = ev(created, 'signup');
  signup.fixed = true;
  events.push(signup);
  const kyc = ev(created + rng.range(2 * MINUTE, 3 * HOUR), 'kyc_check');
  kyc.fixed = true;
  let kycPassed = rng.chance(p.kycPassRate);
  kyc.result = kycPassed ? 'pass' : 'fail';
  events.push(kyc);

  let end = windowEnd - rng.range(0, 2 * HOUR);
  for (const d of decisions) if (d.stopsActivity) end = Math.min(end, d.decidedAt - MINUTE);
  const takeoverAt = plan.takeoverAt.get(i);
  const ring = p.ring;
  // Ring members get enough activity to show their pattern (and touch their shared identifiers).
  const minExtra = minExtraFor(plan, i);
  const mean = minExtra > 0 ? plan.eventsPerAccount - 2 : plan.ordinaryExtraMean;
  let extra = Math.max(minExtra, extraEventCount(mean, rng));
  let start = kyc.t + MINUTE;

  if (!kycPassed && extra > 0 && rng.chance(0.7) && kyc.t + 4 * DAY < end) {
    const retry = ev(kyc.t + rng.range(DAY, 4 * DAY), 'kyc_check');
    retry.result = 'pass';
    events.push(retry);
    kycPassed = true;
    extra--;
    start = retry.t + MINUTE;
  }

  const extraIdentifiers: Timeline['extraIdentifiers'] = [];
  let regularEnd = end;
  if (takeoverAt !== undefined) {
    // Attacker: unseen device and IP, reset, redirect payouts, cash out, all within hours.
    const dev = values.device(ownU(i, 7));
    const ip = values.ip(ownU(i, 7));
    extraIdentifiers.push({ kind: 'device', value: dev }, { kind: 'ip', value: ip });
    const steps: [EventType, number][] = [
      ['login', 0],
      ['password_reset', rng.range(5, 45) * MINUTE],
      ['payout_method_change', rng.range(50, 180) * MINUTE],
      ['payout', rng.range(3.5, 12) * HOUR],
    ];
    const attackerPi = { kind: 'payment_instrument' as const, value: values.paymentInstrument(ownU(i, 7)) };
    for (const [type, offset] of steps) {
      const e = ev(takeoverAt + offset, type);
      e.fixed = true;
      if (type !== 'payout') [e.device, e.ip] = [dev, ip];
      if (type === 'payout_method_change') p.instruments.push({ ref: attackerPi, from: e.t });
      if (type === 'payout') e.amount = -1; // filled with the drained balance below
      events.push(e);
    }
    extra = Math.max(1, extra - steps.length);
    regularEnd = Math.min(end, takeoverAt - HOUR);
  }

  if (regularEnd < start + MINUTE) regularEnd = start + MINUTE;
  const switched = p.instruments[1];
  if (takeoverAt === undefined && switched) {
    // Moving payouts to the ring's shared instrument, from the member's usual device. The
    // switch must fall inside the member's activity, or the member would not be linked.
    if (!(switched.from > start && switched.from < regularEnd))
      switched.from = Math.floor(rng.range(start, regularEnd));
    events.push(ev(switched.from, 'payout_method_change'));
    extra = Math.max(0, extra - 1);
  }

  const ts = times(extra, start, regularEnd, p.bursts, rng);
  let changedOwn = false;
  for (let k = 0; k < extra; k++) {
    const roll = rng.float() * 100;
    let type: EventType;
    if (!kycPassed) type = 'login';
    else if (p.style === 'normal') {
      type =
        roll < 60
          ? 'task_submit'
          : roll < 87
            ? 'login'
            : roll < 97.6
              ? 'payout'
              : roll < 98.4
                ? 'password_reset'
                : 'login';
      if (roll >= 99.6 && !ring && !p.takeover && !changedOwn) type = 'payout_method_change';
    } else type = roll < 72 ? 'task_submit' : roll < 90 ? 'login' : 'payout';
    const e = ev(ts[k] as number, type);
    if (type === 'payout_method_change') {
      changedOwn = true;
      p.instruments.push({
        ref: { kind: 'payment_instrument', value: values.paymentInstrument(ownU(i, 1)) },
        from: e.t,
      });
    }
    events.push(e);
  }

  for (const d of decisions) {
    if (d.sanction === 'no_action') continue;
    const e = ev(d.decidedAt, 'enforcement');
    e.sanction = d.sanction;
    events.push(e);
  }
  events.sort((a, b) => a.t - b.t);
  finishEvents(plan, values, i, p, events, rng);
  return { events, kycPassed, extraIdentifiers };
}

/** Devices/IPs for sessions, task details, payout amounts and instruments, in time order. */
function finishEvents(plan: Plan, values: Values, i: number, p: Profile, events: Ev[], rng: Rng): void {
  p.instruments.sort((a, b) => a.from - b.from);
  let balance = 0;
  let n = 0;
  const recent: string[] = [];
  for (const e of events) {
    if (SESSION.has(e.type) && !e.fixed) {
      e.device = drawSlot(p.devices, rng);
      e.ip = drawSlot(p.ips, rng);
    } else if (e.type === 'signup' || e.type === 'kyc_check') {
      e.device = (p.devices[0] as Slot).value;
      e.ip = (p.ips[0] as Slot).value;
    }
    if (e.type === 'task_submit') {
      fillTask(e, p, plan, values, i, n++, recent, rng);
      balance += p.pieceRate;
    } else if (e.type === 'payout' || e.type === 'payout_method_change') {
      let inst = p.instruments[0];
      for (const x of p.instruments) if (x.from <= e.t) inst = x;
      e.instrument = inst?.ref.value ?? '';
      if (e.type === 'payout') {
        if (e.amount === -1) e.amount = Math.max(balance, rng.range(80, 400));
        else if (balance >= 25) e.amount = balance;
        else {
          // Nothing to pay out yet: the user just looked at their balance.
          e.type = 'login';
          e.instrument = '';
          e.device = drawSlot(p.devices, rng);
          e.ip = drawSlot(p.ips, rng);
        }
        if (e.type === 'payout') {
          e.amount = Math.round(e.amount * 100) / 100;
          balance = 0;
        }
      }
    }
  }
  coverSlots(events, p.devices, 'device');
  coverSlots(events, p.ips, 'ip');
}

/**
 * Makes every required device/IP appear in at least one session (reassigning a non-scripted
 * session whose value is used more than once), so a ring member's shared device is visible in
 * its events too, and drops optional slots nobody used (so identifiers match the events).
 */
function coverSlots(events: Ev[], slots: Slot[], field: 'device' | 'ip'): void {
  const uses = new Map<string, number>();
  for (const e of events) if (e[field]) uses.set(e[field], (uses.get(e[field]) ?? 0) + 1);
  for (const s of slots) {
    if (uses.has(s.value)) continue;
    const donor = events.find((e) => !e.fixed && e[field] !== '' && (uses.get(e[field]) ?? 0) > 1);
    if (!donor) continue;
    uses.set(donor[field], (uses.get(donor[field]) ?? 0) - 1);
    donor[field] = s.value;
    uses.set(s.value, 1);
  }
  for (let k = slots.length - 1; k >= 0; k--) {
    const s = slots[k] as Slot;
    if (!s.required && !uses.has(s.value)) slots.splice(k, 1);
  }
}
