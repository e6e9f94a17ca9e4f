/**
 * Per-account profile: who the account is (name, contact details, country) and which devices,
 * IPs and payout instruments it uses. Everything here is derived from the plan and the
 * account's own seeded stream, so it is small (a few dozen strings) and discarded after the
 * account is written.
 */
import { COUNTRY_WEIGHTS, FIRST_NAMES, LAST_NAMES, type Country } from './names.js';
import type { Rng } from './rng.js';
import { FLAG_SOLO_GAMER, FLAG_TAKEOVER, type IdentifierRef, type Plan, type Ring } from './types.js';
import { countryAt, groupU, GROUP_KEY_HOUSEHOLD, ownU, type Values } from './values.js';

/** A device or IP the account uses; `required` ones are written even if no event used them. */
export interface Slot {
  value: string;
  weight: number;
  required: boolean;
}

export interface Instrument {
  ref: IdentifierRef;
  /** From when payouts go to it. */
  from: number;
}

export type TaskStyle = 'normal' | 'farm' | 'solo_gamer' | 'colluder';

export interface Profile {
  displayName: string;
  email: string;
  phone: string;
  address: string;
  country: Country;
  devices: Slot[];
  ips: Slot[];
  /** Ordered by `from`. */
  instruments: Instrument[];
  style: TaskStyle;
  ring: Ring | null;
  /** Coordinated work shifts (farms, colluders) or null for free-running activity. */
  bursts: number[] | null;
  /** Piece rate in USD per accepted task. */
  pieceRate: number;
  /** Chance that the first KYC check passes (failed ones mostly retry and pass days later). */
  kycPassRate: number;
  takeover: boolean;
}

function ownInstrument(values: Values, account: number, slot: number, rng: Rng): IdentifierRef {
  return rng.chance(0.55)
    ? { kind: 'payment_instrument', value: values.paymentInstrument(ownU(account, slot)) }
    : { kind: 'bank_account', value: values.bankAccount(ownU(account, slot)) };
}

/** An account's own devices (1-3, mostly one phone) and IPs (home, mobile, travel). */
function ownDevices(values: Values, account: number, rng: Rng, max = 3): Slot[] {
  const count = Math.min(max, 1 + rng.weighted([55, 30, 15]));
  const weights = [0.7, 0.2, 0.1];
  return Array.from({ length: count }, (_, s) => ({
    value: values.device(ownU(account, s)),
    weight: weights[s] as number,
    required: false,
  }));
}

function ownIps(values: Values, account: number, rng: Rng): Slot[] {
  const count = 1 + rng.weighted([35, 35, 20, 10]);
  const weights = [0.6, 0.25, 0.1, 0.05];
  return Array.from({ length: count }, (_, s) => ({
    value: values.ip(ownU(account, s)),
    weight: weights[s] as number,
    required: false,
  }));
}

/**
 * Builds the profile of account `i`. Contract: identifier values it returns are either owned by
 * this account (unique) or the deliberate shared values of its ring / family / coworking space /
 * hub, so the only links to other accounts are the planned ones.
 */
export function buildProfile(plan: Plan, values: Values, i: number, rng: Rng): Profile {
  const created = plan.createdAt[i] as number;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const ringIndex = plan.ringOf[i] as number;
  const ring = ringIndex >= 0 ? (plan.rings[ringIndex] as Ring) : null;
  const pos = plan.ringPos[i] as number;
  const groupIndex = plan.groupOf[i] as number;
  const group = groupIndex >= 0 ? plan.groups[groupIndex] : undefined;
  const flags = plan.flags[i] as number;

  let country = countryAt(rng.weighted(COUNTRY_WEIGHTS));
  if (group || (ring && (ring.kind === 'device_farm' || ring.kind === 'referral_ring'))) {
    country = countryAt((group ?? ring)?.countryIndex ?? 0);
  }
  const householdIndex = plan.householdOf[i] as number;
  const household = householdIndex >= 0 ? plan.households[householdIndex] : undefined;
  if (household) country = countryAt(household.countryIndex);

  const p: Profile = {
    displayName: `${first} ${last}`,
    email: values.email(i, first, last),
    phone: values.phone(i, country),
    address: values.address(i, country),
    country,
    devices: ownDevices(values, i, rng),
    ips: ownIps(values, i, rng),
    instruments: [{ ref: ownInstrument(values, i, 0, rng), from: created }],
    style: flags & FLAG_SOLO_GAMER ? 'solo_gamer' : 'normal',
    ring,
    bursts: null,
    pieceRate: Math.round(rng.range(4, 25) * 100) / 100,
    // Takeover victims are established, verified accounts.
    kycPassRate: flags & FLAG_TAKEOVER ? 1 : 0.95,
    takeover: (flags & FLAG_TAKEOVER) !== 0,
  };

  if (group?.kind === 'family_device') {
    // Own phone first (sign-up device), then the household tablet; the anchor's home address.
    p.devices = ownDevices(values, i, rng, 2);
    p.devices.push({ value: group.identifier.value, weight: 0.35, required: true });
    p.address = values.address(group.members[0] as number, country);
  } else if (group?.kind === 'coworking_address') {
    p.address = group.identifier.value;
  }
  if (household) {
    // The first member's home address and the household tablet (no extra draws from `rng`).
    p.address = values.address(household.members[0] as number, country);
    p.devices.push({ value: values.device(groupU(GROUP_KEY_HOUSEHOLD + householdIndex, 0)), weight: 0.3, required: true });
  }

  if (ring) {
    p.kycPassRate = 0.9;
    const shared = ring.memberDevices[pos] ?? [];
    switch (ring.kind) {
      case 'device_farm': {
        // Farm accounts live entirely on the farm's handsets and proxy pool.
        p.devices = shared.map((value, s) => ({ value, weight: s === 0 ? 0.6 : 0.4, required: true }));
        const pool = ring.ipPool;
        p.ips = [{ value: pool[pos % pool.length] as string, weight: 0.6, required: true }];
        if (pool.length > 1 && rng.chance(0.6)) {
          const other = pool[(pos + 1 + rng.int(0, pool.length - 2)) % pool.length] as string;
          p.ips.push({ value: other, weight: 0.4, required: true });
        }
        p.email = values.farmEmail(ring.key * 32 + pos, first, last);
        p.style = 'farm';
        p.bursts = ring.bursts;
        break;
      }
      case 'referral_ring':
        // The shared device (if any) is the one everyone signed up on.
        if (shared.length > 0)
          p.devices = [{ value: shared[0] as string, weight: 0.5, required: true }, ...ownDevices(values, i, rng, 1)];
        break;
      case 'task_gaming':
        p.devices = [...ownDevices(values, i, rng, 2), { value: shared[0] as string, weight: 0.6, required: true }];
        p.style = 'colluder';
        p.bursts = ring.bursts;
        break;
      case 'shared_payout':
        break;
    }
    const payout = ring.memberPayout[pos];
    if (payout) {
      const switchAt = ring.payoutSwitchAt[pos] as number;
      p.instruments = Number.isNaN(switchAt)
        ? [{ ref: payout, from: created }]
        : [p.instruments[0] as Instrument, { ref: payout, from: switchAt }];
    }
    if (ring.sharedPhone) p.phone = ring.sharedPhone;
    if (ring.sharedAddress) p.address = ring.sharedAddress;
  }

  const hubIndex = plan.hubOf[i] as number;
  if (hubIndex >= 0) {
    const hub = plan.hubs[hubIndex];
    if (hub) p.ips.push({ value: hub.identifier.value, weight: hub.kind === 'office_ip' ? 0.8 : 0.5, required: true });
  }
  return p;
}
