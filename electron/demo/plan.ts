/**
 * The cross-account plan: creation times, ring / benign-group membership, hubs, referrals,
 * takeovers, past decisions and open cases. Built once, up front, in typed arrays (a few bytes
 * per account), so the writer can stream account by account afterwards.
 */
import { COUNTRY_WEIGHTS } from './names.js';
import { Rng } from './rng.js';
import { planLabels } from './plan-labels.js';
import { ringSize, setupCoworking, setupFamily, setupRing } from './plan-rings.js';
import { ordinaryExtraMean } from './timeline.js';
import {
  DAY,
  FLAG_REFERRER,
  FLAG_SOLO_GAMER,
  FLAG_TAKEOVER,
  WINDOW_DAYS,
  WINDOW_END,
  WINDOW_START,
  type BenignGroup,
  type Plan,
  type Ring,
  type RingKind,
} from './types.js';
import { GROUP_KEY_HUB, groupU, type Values } from './values.js';

/** Kind pattern for successive rings: every kind appears among the first four, then ~3:3:2:2. */
const KIND_PATTERN: readonly RingKind[] = [
  'device_farm',
  'shared_payout',
  'referral_ring',
  'task_gaming',
  'device_farm',
  'shared_payout',
  'referral_ring',
  'device_farm',
  'shared_payout',
  'task_gaming',
];

const idOf = (prefix: string, n: number, total: number): string =>
  `${prefix}_${String(n).padStart(Math.max(3, String(total).length), '0')}`;

/**
 * Builds the whole plan from the seed. Contract: deterministic in (seed, accounts,
 * eventsPerAccount); ring member sets are disjoint and never overlap families, coworking
 * groups, takeover victims or solo gamers. Memory is O(accounts) typed arrays plus O(groups).
 */
export function buildPlan(seed: number, accounts: number, eventsPerAccount: number, values: Values, linkDensity = 0): Plan {
  const n = accounts;
  const rng = new Rng(seed, 0x91a2);
  const plan: Plan = {
    seed,
    accounts: n,
    eventsPerAccount,
    accountIdWidth: Math.max(7, String(n).length),
    createdAt: new Float64Array(n),
    ringOf: new Int32Array(n).fill(-1),
    ringPos: new Uint8Array(n),
    hubOf: new Int32Array(n).fill(-1),
    groupOf: new Int32Array(n).fill(-1),
    groupPos: new Uint8Array(n),
    referrerOf: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
    rings: [],
    hubs: [],
    groups: [],
    households: [],
    householdOf: new Int32Array(n).fill(-1),
    takeoverAt: new Map(),
    decisions: new Map(),
    cases: [],
    ordinaryExtraMean: Math.max(0, eventsPerAccount - 2),
    taskPool: Math.max(500, Math.floor(n / 2)),
  };

  // Sign-ups grow over the window (more recent accounts), and stop 3 days before its end so
  // every account has some history.
  const span = (WINDOW_DAYS - 3) * DAY;
  for (let i = 0; i < n; i++) plan.createdAt[i] = Math.floor(WINDOW_START + span * rng.float() ** 0.8);

  // Special roles are taken from a shuffled order so they are scattered over the id space
  // (ids say nothing about ring membership).
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  let cursor = 0;
  const take = (k: number): number[] => {
    const out = Array.from(order.subarray(cursor, cursor + k));
    cursor += out.length;
    return out;
  };

  // Rings: ~1 per 60 accounts, at most a quarter of all accounts.
  const ringTarget = Math.round(n / 60);
  const ringBudget = Math.floor(n * 0.25);
  for (let r = 0; r < ringTarget; r++) {
    const kind = KIND_PATTERN[r % KIND_PATTERN.length] as RingKind;
    const size = ringSize(kind, rng);
    if (cursor + size > ringBudget) break;
    const members = take(size);
    const ring: Ring = {
      index: r,
      id: '',
      kind,
      members,
      key: r,
      countryIndex: 0,
      shared: [],
      memberDevices: [],
      ipPool: [],
      memberPayout: [],
      payoutSwitchAt: [],
      sharedPhone: null,
      sharedAddress: null,
      bursts: [],
    };
    setupRing(plan, ring, rng, values);
    ring.members.forEach((m, k) => {
      plan.ringOf[m] = r;
      plan.ringPos[m] = k;
    });
    plan.rings.push(ring);
  }
  for (const ring of plan.rings) ring.id = idOf('ring', ring.index + 1, plan.rings.length);

  // Families and coworking spaces (benign look-alikes sharing a device / an address).
  const nFamilies = n >= 50 ? Math.max(1, Math.round(n / 120)) : 0;
  const nCoworking = n >= 200 ? Math.max(1, Math.round(n / 1000)) : 0;
  for (let g = 0; g < nFamilies + nCoworking; g++) {
    const family = g < nFamilies;
    const size = family ? rng.int(2, 4) : rng.int(6, Math.max(6, Math.min(25, Math.floor(n / 20))));
    if (cursor + size > n * 0.45) break;
    const group: BenignGroup = {
      index: plan.groups.length,
      id: '',
      kind: family ? 'family_device' : 'coworking_address',
      members: take(size),
      identifier: { kind: 'device', value: '' },
      countryIndex: rng.weighted(COUNTRY_WEIGHTS),
    };
    for (const m of group.members) plan.groupOf[m] = group.index;
    if (family) setupFamily(plan, group, rng, values);
    else {
      group.members.forEach((m, k) => (plan.groupPos[m] = k));
      setupCoworking(group, rng, values);
    }
    plan.groups.push(group);
  }

  // Takeover victims: established ordinary accounts (created early enough to have a history).
  const nTakeovers = n >= 50 ? Math.max(1, Math.round(n / 250)) : 0;
  for (const v of take(Math.min(nTakeovers, Math.max(0, n - cursor)))) {
    plan.flags[v] = (plan.flags[v] as number) | FLAG_TAKEOVER;
    plan.createdAt[v] = Math.floor(WINDOW_START + rng.range(0, 80) * DAY);
    const recent = rng.chance(0.6);
    const at = recent
      ? rng.range(WINDOW_END - 40 * DAY, WINDOW_END - DAY)
      : rng.range((plan.createdAt[v] as number) + 30 * DAY, WINDOW_END - 45 * DAY);
    plan.takeoverAt.set(v, Math.floor(at));
  }
  for (const s of take(Math.min(Math.round(n / 200), Math.max(0, n - cursor))))
    plan.flags[s] = (plan.flags[s] as number) | FLAG_SOLO_GAMER;

  if (linkDensity > 0) planHouseholds(plan, take, n - cursor, new Rng(seed, 0x4855), linkDensity);

  // Hubs: office NAT and VPN exit IPs behind which 30-200 unrelated accounts appear (ring
  // members included: hub IPs are the only thing a ring may share with outsiders).
  const hubCap = Math.min(200, Math.floor(n / 4));
  const nHubs = hubCap >= 30 ? Math.max(1, Math.round(n / 700)) : 0;
  for (let h = 0; h < nHubs; h++) {
    const size = Math.min(hubCap, 30 + Math.floor(170 * rng.float() ** 2));
    const hub: BenignGroup = {
      index: h,
      id: '',
      kind: h % 2 === 0 ? 'office_ip' : 'vpn_exit',
      members: [],
      identifier: { kind: 'ip', value: values.ip(groupU(GROUP_KEY_HUB + h, 0)) },
      countryIndex: rng.weighted(COUNTRY_WEIGHTS),
    };
    for (let tries = 0; hub.members.length < size && tries < size * 20; tries++) {
      const a = rng.int(0, n - 1);
      if (plan.hubOf[a] !== -1) continue;
      plan.hubOf[a] = h;
      hub.members.push(a);
    }
    plan.hubs.push(hub);
  }
  const benignTotal = plan.hubs.length + plan.groups.length;
  [...plan.hubs, ...plan.groups].forEach((g, k) => (g.id = idOf('benign', k + 1, benignTotal)));

  planReferrals(plan, rng);
  planLabels(plan, rng);
  plan.ordinaryExtraMean = ordinaryExtraMean(plan);
  return plan;
}

/**
 * The link-density option: benign households of 3-8 ordinary accounts (never ring members, family
 * or coworking members, takeover victims or solo gamers: they come from what is left of the
 * shuffled order) sharing a home address and a household tablet, so each household adds
 * s(s-1) account-to-account links (one clique per shared value), until the extra links reach
 * `density` per account or the ordinary accounts run out. Below every hub threshold (address
 * K = 8), so they are links, and benign (spread sign-ups, separate payouts). Draws from its own
 * RNG stream: the rest of the plan is the same with or without it.
 */
function planHouseholds(plan: Plan, take: (k: number) => number[], available: number, rng: Rng, density: number): void {
  const target = density * plan.accounts;
  let links = 0;
  let left = available;
  while (links < target && left >= 3) {
    const size = Math.min(left, rng.int(3, 8));
    const members = take(size);
    left -= members.length;
    const index = plan.households.length;
    for (const m of members) plan.householdOf[m] = index;
    plan.households.push({ members, countryIndex: rng.weighted(COUNTRY_WEIGHTS) });
    links += size * (size - 1);
  }
}

/**
 * Benign referrals: ~8% of non-ring accounts are referrers; ~18% of non-ring accounts were
 * referred by one of them (who signed up at least a day earlier). One referrer thus brings a
 * few referees spread over months, unlike a referral ring's burst. Ring members never take
 * part, so referral edges never tie a ring to an outsider.
 */
function planReferrals(plan: Plan, rng: Rng): void {
  const pool: number[] = [];
  for (let i = 0; i < plan.accounts; i++) {
    if (plan.ringOf[i] === -1 && rng.chance(0.08)) {
      plan.flags[i] = (plan.flags[i] as number) | FLAG_REFERRER;
      pool.push(i);
    }
  }
  if (pool.length === 0) return;
  for (let i = 0; i < plan.accounts; i++) {
    if (plan.ringOf[i] !== -1 || plan.referrerOf[i] !== -1 || !rng.chance(0.18)) continue;
    for (let tries = 0; tries < 6; tries++) {
      const r = rng.pick(pool);
      if (r !== i && (plan.createdAt[r] as number) < (plan.createdAt[i] as number) - DAY) {
        plan.referrerOf[i] = r;
        break;
      }
    }
  }
}
