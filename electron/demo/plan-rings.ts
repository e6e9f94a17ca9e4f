/**
 * Ring and benign-group set-up: creation times, shared identifiers and the membership patterns
 * that make each ring one connected component of rare identifiers (and each benign group look
 * the same by "shares an identifier" yet different in time, payouts and history).
 */
import { COUNTRY_WEIGHTS } from './names.js';
import type { Rng } from './rng.js';
import {
  DAY,
  HOUR,
  WINDOW_END,
  WINDOW_START,
  type BenignGroup,
  type IdentifierRef,
  type Plan,
  type Ring,
  type RingKind,
} from './types.js';
import { countryAt, GROUP_KEY_BENIGN, groupU, type Values } from './values.js';

/** Size range per ring kind, as specified by the T&S team's typology. */
export const RING_SIZES: Readonly<Record<RingKind, readonly [number, number]>> = {
  device_farm: [5, 20],
  shared_payout: [3, 10],
  referral_ring: [4, 12],
  task_gaming: [3, 8],
};

/** Draws a ring size, skewed towards the small end (most rings are small, a few are large). */
export function ringSize(kind: RingKind, rng: Rng): number {
  const [lo, hi] = RING_SIZES[kind];
  return lo + Math.floor((hi - lo + 1) * rng.float() ** 1.6);
}

/** Activity shifts (~3 h each) from `from` to the window end: farms and gamers work in bursts. */
function burstsFrom(from: number, rng: Rng): number[] {
  const out: number[] = [];
  let t = from + rng.range(2, 30) * HOUR;
  while (t < WINDOW_END - 4 * HOUR && out.length < 80) {
    out.push(Math.floor(t));
    t += rng.range(1, 5) * DAY;
  }
  if (out.length === 0) out.push(Math.floor(Math.min(from + HOUR, WINDOW_END - 4 * HOUR)));
  return out;
}

/** Sets members' created_at to `start + offsets` and reorders `members` by creation time. */
function placeInTime(plan: Plan, ring: Ring, start: number, spreadMs: number, rng: Rng): void {
  const times = ring.members.map(() => Math.floor(start + rng.float() * spreadMs)).sort((a, b) => a - b);
  ring.members.forEach((m, k) => {
    plan.createdAt[m] = times[k] as number;
  });
}

function maxCreated(plan: Plan, members: readonly number[]): number {
  let m = 0;
  for (const a of members) m = Math.max(m, plan.createdAt[a] as number);
  return m;
}

/**
 * Fills in a ring planned with kind, members and key: creation times, shared identifiers, per
 * member device/payout assignment, referral trees, activity bursts. Connectivity is guaranteed
 * by construction (a member using every shared device, or one instrument/device for all).
 */
export function setupRing(plan: Plan, ring: Ring, rng: Rng, values: Values): void {
  const size = ring.members.length;
  ring.countryIndex = rng.weighted(COUNTRY_WEIGHTS);
  const country = countryAt(ring.countryIndex);
  const none: IdentifierRef | null = null;
  ring.memberDevices = ring.members.map(() => []);
  ring.memberPayout = ring.members.map(() => none);
  ring.payoutSwitchAt = ring.members.map(() => Number.NaN);

  switch (ring.kind) {
    case 'device_farm': {
      // Bulk signups: everyone within a few hours, from the same 1-3 handsets and a few proxies.
      placeInTime(plan, ring, rng.range(WINDOW_START + 2 * DAY, WINDOW_END - 25 * DAY), rng.range(2, 10) * HOUR, rng);
      const nDevices = Math.min(size, 1 + rng.weighted([0.4, 0.35, 0.25]));
      const devices = Array.from({ length: nDevices }, (_, s) => values.device(groupU(ring.key, s)));
      // Member 0 (the operator's first signup) touched every device, so the device graph is
      // connected whatever the others use; the rest use one or two of them.
      ring.memberDevices = ring.members.map((_, k) => {
        if (k === 0) return [...devices];
        const own = [devices[k % nDevices] as string];
        if (nDevices > 1 && rng.chance(0.3)) {
          const other = rng.pick(devices);
          if (!own.includes(other)) own.push(other);
        }
        return own;
      });
      ring.ipPool = Array.from({ length: rng.int(2, 5) }, (_, s) => values.ip(groupU(ring.key, s)));
      for (const d of devices) ring.shared.push({ kind: 'device', value: d });
      for (const ip of ring.ipPool) ring.shared.push({ kind: 'ip', value: ip });
      if (rng.chance(0.25)) {
        ring.sharedAddress = values.groupAddress(ring.key, country, `Unit ${rng.int(1, 40)}`);
        ring.shared.push({ kind: 'address', value: ring.sharedAddress });
      }
      ring.bursts = burstsFrom(maxCreated(plan, ring.members), rng);
      break;
    }
    case 'shared_payout': {
      // Accounts look independent (own devices, created days apart) but cash out to one mule
      // instrument, some from signup and some after a payout-method change.
      placeInTime(plan, ring, rng.range(WINDOW_START + 2 * DAY, WINDOW_END - 45 * DAY), rng.range(2, 30) * DAY, rng);
      const instrument: IdentifierRef = rng.chance(0.5)
        ? { kind: 'payment_instrument', value: values.paymentInstrument(groupU(ring.key, 0)) }
        : { kind: 'bank_account', value: values.bankAccount(groupU(ring.key, 0)) };
      ring.memberPayout = ring.members.map(() => instrument);
      ring.payoutSwitchAt = ring.members.map((m) => {
        if (rng.chance(0.5)) return Number.NaN;
        const at = (plan.createdAt[m] as number) + rng.range(3, 20) * DAY;
        return at < WINDOW_END - 2 * DAY ? Math.floor(at) : Number.NaN;
      });
      ring.shared.push(instrument);
      if (rng.chance(0.3)) {
        ring.sharedPhone = values.groupPhone(ring.key, country);
        ring.shared.push({ kind: 'phone', value: ring.sharedPhone });
      }
      break;
    }
    case 'referral_ring': {
      // A burst of referrals inside a few days (a chain with some branching), plus one shared
      // device or payout instrument for all members.
      placeInTime(plan, ring, rng.range(WINDOW_START + 2 * DAY, WINDOW_END - 30 * DAY), rng.range(1, 5) * DAY, rng);
      ring.members.forEach((m, k) => {
        if (k === 0) return;
        const j = rng.chance(0.6) ? k - 1 : rng.int(0, k - 1);
        plan.referrerOf[m] = ring.members[j] as number;
      });
      if (rng.chance(0.5)) {
        const dev = values.device(groupU(ring.key, 0));
        ring.memberDevices = ring.members.map(() => [dev]);
        ring.shared.push({ kind: 'device', value: dev });
      } else {
        const instrument: IdentifierRef = {
          kind: 'payment_instrument',
          value: values.paymentInstrument(groupU(ring.key, 0)),
        };
        ring.memberPayout = ring.members.map(() => instrument);
        ring.shared.push(instrument);
      }
      break;
    }
    case 'task_gaming': {
      // Colluders joined over a few weeks, share one device (a shared "answer bot" handset) and
      // submit the same answers to the same tasks, often impossibly fast.
      placeInTime(plan, ring, rng.range(WINDOW_START + 2 * DAY, WINDOW_END - 35 * DAY), rng.range(3, 30) * DAY, rng);
      const dev = values.device(groupU(ring.key, 0));
      ring.memberDevices = ring.members.map(() => [dev]);
      ring.shared.push({ kind: 'device', value: dev });
      ring.bursts = burstsFrom(maxCreated(plan, ring.members), rng);
      break;
    }
  }
}

/**
 * Families: 2-4 accounts created one to two months apart that share a household device and the
 * first member's home address, with separate payout instruments. The anchor may refer the others.
 */
export function setupFamily(plan: Plan, group: BenignGroup, rng: Rng, values: Values): void {
  let t = rng.range(WINDOW_START, WINDOW_START + 40 * DAY);
  const kept: number[] = [];
  for (const m of group.members) {
    if (t > WINDOW_END - 3 * DAY) break;
    plan.createdAt[m] = Math.floor(t);
    kept.push(m);
    t += rng.range(30, 60) * DAY;
  }
  // Members that did not fit in the window become ordinary accounts again.
  for (const m of group.members) if (!kept.includes(m)) plan.groupOf[m] = -1;
  group.members = kept;
  group.members.forEach((m, k) => {
    plan.groupPos[m] = k;
    if (k > 0 && rng.chance(0.5)) plan.referrerOf[m] = group.members[0] as number;
  });
  group.identifier = { kind: 'device', value: values.device(groupU(GROUP_KEY_BENIGN + group.index, 0)) };
}

/** Coworking spaces: unrelated accounts (creation left spread over the window) at one address. */
export function setupCoworking(group: BenignGroup, rng: Rng, values: Values): void {
  group.identifier = {
    kind: 'address',
    value: values.groupAddress(
      GROUP_KEY_BENIGN + group.index,
      countryAt(group.countryIndex),
      `Suite ${rng.int(100, 980)}`,
    ),
  };
}
