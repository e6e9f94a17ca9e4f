/**
 * Identifier values (devices, IPs, payout instruments, e-mails, phones, addresses, answer hashes).
 *
 * Why uniqueness is by construction: a shared identifier value is what links two accounts, so an
 * accidental collision between a ring member and an ordinary account would blur a ring. Every
 * value is therefore a keyed *bijection* of an owner number `u`:
 *   - account-owned values use u = accountIndex * 8 + slot  (slot 0..7, per kind)
 *   - group-owned values (a ring's shared device, a hub IP, a family device...) use
 *     u = GROUP_BASE + groupKey * 8 + slot
 * so two values are equal only if they were deliberately given the same owner and slot.
 */
import { hash32, mixBits, permute } from './rng.js';
import {
  CITIES_PER_COUNTRY,
  COUNTRIES,
  EMAIL_DOMAINS,
  HOUSE_NUMBERS,
  PUBLIC_FIRST_OCTETS,
  STREETS,
  STREET_SUFFIXES,
  type Country,
} from './names.js';

export const GROUP_BASE = 2 ** 31;
/**
 * Group keys: rings use their index (< 1M), families / coworking spaces 1M + index, hubs
 * 2M + index; disjoint ranges so group-owned values of different groups never coincide.
 */
export const GROUP_KEY_BENIGN = 1_000_000;
export const GROUP_KEY_HUB = 2_000_000;
/** Households of the link-density option: 3M + index (after hubs, still far below 2^32 / 8). */
export const GROUP_KEY_HOUSEHOLD = 3_000_000;
const IP_SPACE = PUBLIC_FIRST_OCTETS.length * 2 ** 24;
const PHONE_SPACE = 100_000_000;
export const ADDRESS_SPACE = HOUSE_NUMBERS * STREETS.length * STREET_SUFFIXES.length * CITIES_PER_COUNTRY;

/** Owner number of an account's own identifier (slot 0..7 within one kind). */
export function ownU(account: number, slot: number): number {
  return account * 8 + slot;
}

/** Owner number of a group's shared identifier (slot 0..7 within one kind). */
export function groupU(groupKey: number, slot: number): number {
  return GROUP_BASE + groupKey * 8 + slot;
}

const hex8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
const hex4 = (x: number): string => (x & 0xffff).toString(16).padStart(4, '0');

/** Zero-pads a non-negative integer to `width` digits (longer numbers are kept whole). */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export class Values {
  private readonly k: Record<
    'device' | 'ip' | 'pi' | 'ba' | 'email' | 'phone' | 'address' | 'answer1' | 'answer2' | 'prefix',
    number
  >;

  constructor(seed: number) {
    const key = (tag: number): number => hash32(seed, 0x5eed, tag);
    this.k = {
      device: key(1),
      ip: key(2),
      pi: key(3),
      ba: key(4),
      email: key(5),
      phone: key(6),
      address: key(7),
      answer1: key(8),
      answer2: key(9),
      prefix: key(10),
    };
  }

  /** 12 hex digits: a cosmetic 4-digit hash prefix plus an 8-digit bijection of u (u < 2^32). */
  private hex12(u: number, key: number): string {
    return hex4(hash32(u, this.k.prefix, key)) + hex8(mixBits(u, 32, key));
  }

  /** `dev_` + 12 hex digits; unique per u. The same for paymentInstrument (`pi_`) and bankAccount (`ba_`). */
  device(u: number): string {
    return `dev_${this.hex12(u, this.k.device)}`;
  }

  paymentInstrument(u: number): string {
    return `pi_${this.hex12(u, this.k.pi)}`;
  }

  bankAccount(u: number): string {
    return `ba_${this.hex12(u, this.k.ba)}`;
  }

  /** A public-looking IPv4 address, unique per u (u < ~3.3e9, which both u spaces respect). */
  ip(u: number): string {
    const x = permute(u, IP_SPACE, this.k.ip);
    const first = PUBLIC_FIRST_OCTETS[Math.floor(x / 2 ** 24)] as number;
    const rest = x % 2 ** 24;
    return `${first}.${(rest >>> 16) & 255}.${(rest >>> 8) & 255}.${rest & 255}`;
  }

  /** `first.last.<tag>@domain`: the base-36 tag is a bijection of the account index, so unique. */
  email(account: number, first: string, last: string): string {
    const tag = mixBits(account, 32, this.k.email);
    const domain = EMAIL_DOMAINS[tag % EMAIL_DOMAINS.length] as string;
    return `${first.toLowerCase()}.${last.toLowerCase()}.${tag.toString(36)}@${domain}`;
  }

  /**
   * Device-farm e-mails: `firstlast<serial>@example.net` with a serial unique per farm member.
   * No dots in the local part, so it can never equal an ordinary `first.last.tag` address.
   */
  farmEmail(serial: number, first: string, last: string): string {
    return `${first.toLowerCase()}${last.toLowerCase()}${serial}@example.net`;
  }

  /** `+<dial>-555-dddd-dddd`; accounts use u = index, groups u = 1e8 - 1 - key (disjoint). */
  phone(u: number, country: Country): string {
    const d = String(permute(u, PHONE_SPACE, this.k.phone)).padStart(8, '0');
    return `+${country.dial}-555-${d.slice(0, 4)}-${d.slice(4)}`;
  }

  groupPhone(groupKey: number, country: Country): string {
    return this.phone(PHONE_SPACE - 1 - groupKey, country);
  }

  /**
   * A street address unique per u in [0, ADDRESS_SPACE): the (number, street, suffix, city slot)
   * tuple is a permutation of u; the country only picks the city's name. `label` prefixes
   * non-residential addresses ("Suite 210", "Unit 4"), which keeps them visibly different.
   */
  address(u: number, country: Country, label = ''): string {
    let x = permute(u, ADDRESS_SPACE, this.k.address);
    const num = (x % HOUSE_NUMBERS) + 1;
    x = Math.floor(x / HOUSE_NUMBERS);
    const street = STREETS[x % STREETS.length] as string;
    x = Math.floor(x / STREETS.length);
    const suffix = STREET_SUFFIXES[x % STREET_SUFFIXES.length] as string;
    x = Math.floor(x / STREET_SUFFIXES.length);
    const city = country.cities[x % CITIES_PER_COUNTRY] as string;
    return `${label ? `${label}, ` : ''}${num} ${street} ${suffix}, ${city}, ${country.code}`;
  }

  /** Group-owned addresses count down from the top of the space, accounts up from 0. */
  groupAddress(groupKey: number, country: Country, label: string): string {
    return this.address(ADDRESS_SPACE - 1 - groupKey, country, label);
  }

  /**
   * 16 hex digits, unique per (owner, n): owner is an account index or GROUP_BASE + ring key,
   * n a per-owner counter. A three-round Feistel network over the pair (owner, n) is a
   * bijection, so hashes never collide by accident yet look random (no per-owner prefix that
   * would give an account's answers away). Colluding ring members share ring-owned hashes.
   */
  answerHash(owner: number, n: number): string {
    let l = owner >>> 0;
    let r = n >>> 0;
    l = (l ^ hash32(r, this.k.answer1)) >>> 0;
    r = (r ^ hash32(l, this.k.answer2)) >>> 0;
    l = (l ^ hash32(r, this.k.answer1, 3)) >>> 0;
    return hex8(l) + hex8(r);
  }
}

/** Looks a country up by index (callers draw indices from COUNTRY_WEIGHTS). */
export function countryAt(index: number): Country {
  return COUNTRIES[index] as Country;
}
