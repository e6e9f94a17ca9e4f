/**
 * Timestamps in extracts, to UTC epoch milliseconds (what the cache stores).
 *  - `iso8601`: `2026-03-01`, `2026-03-01T12:00`, `2026-03-01 12:00:00.123456`, with an optional
 *    zone `Z`, `+02:00`, `+0200` or `+02`. A time written without a zone is read in the file's
 *    default zone (the manifest's `defaultZone`: `UTC`, a fixed offset like `+02:00`, or an IANA
 *    name like `Europe/Paris`, daylight saving included). Fractions beyond milliseconds are cut.
 *  - `epoch_s` / `epoch_ms`: a number of seconds / milliseconds since 1970-01-01T00:00:00Z.
 *  - `auto` (canonical files and manifest fields without a declared format): ISO 8601, or an
 *    integer taken as epoch milliseconds, as shared/domain/extract.ts specifies.
 * Invalid dates (2026-02-30, 25:00) are rejected rather than rolled over.
 */
import type { TimestampFormat } from './types.js';

export type TimestampMode = TimestampFormat | 'auto';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The range of a JavaScript Date, the same as SQLite's date functions handle comfortably. */
const MAX_MS = 8.64e15;

/** A zone resolved once per file: UTC, a fixed offset, or an IANA zone. */
export interface Zone {
  readonly name: string;
  /** Offset (ms, local minus UTC) in force at local wall-clock time `localMs`. */
  offsetAt(localMs: number): number;
}

const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Resolves `UTC`/`Z`, `+HH:MM`/`-HHMM`, or an IANA name. Returns null for anything else (the
 * manifest validator turns that into an error naming `defaultZone`).
 */
export function resolveZone(name: string): Zone | null {
  if (name === 'UTC' || name === 'Z' || name === 'utc') return { name: 'UTC', offsetAt: () => 0 };
  const fixed = FIXED.exec(name);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 23 || minutes > 59) return null;
    const offset = (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return { name, offsetAt: () => offset };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  // Offset of the zone at a UTC instant: render the instant as wall-clock time there.
  const offsetAtUtc = (utcMs: number): number => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(utcMs))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts['year'] ?? 1970,
      (parts['month'] ?? 1) - 1,
      parts['day'] ?? 1,
      parts['hour'] ?? 0,
      parts['minute'] ?? 0,
      parts['second'] ?? 0,
    );
    return wall - Math.floor(utcMs / 1000) * 1000;
  };
  return {
    name,
    offsetAt(localMs) {
      // Two passes settle the offset around DST changes (a gap resolves forward, like most tools).
      const first = offsetAtUtc(localMs);
      const second = offsetAtUtc(localMs - first);
      return second;
    },
  };
}

/** The zone of canonical files and the fallback default. */
export const UTC_ZONE: Zone = { name: 'UTC', offsetAt: () => 0 };

/**
 * Parses `value` (string, number, bigint or Date) into UTC epoch ms. Returns a string naming what
 * is wrong when it cannot (the caller sends the row to quarantine), or null for an empty value.
 */
export function parseTimestamp(value: unknown, mode: TimestampMode, zone: Zone): number | null | { error: string } {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? ms : { error: 'not a valid date' };
  }
  if (typeof value === 'bigint') return numericTimestamp(Number(value), mode, String(value));
  if (typeof value === 'number') return numericTimestamp(value, mode, String(value));
  if (typeof value !== 'string') return { error: `expected a timestamp, got ${typeof value}` };
  const text = value.trim();
  if (text === '') return null;
  if (mode === 'epoch_s' || mode === 'epoch_ms') {
    if (!DECIMAL.test(text))
      return { error: `not a number of ${mode === 'epoch_s' ? 'seconds' : 'milliseconds'}: "${clip(text)}"` };
    return numericTimestamp(Number(text), mode, text);
  }
  if (mode === 'auto' && INTEGER.test(text)) return numericTimestamp(Number(text), 'epoch_ms', text);
  return parseIso(text, zone);
}

function numericTimestamp(n: number, mode: TimestampMode, text: string): number | { error: string } {
  if (mode === 'iso8601') return { error: `not an ISO 8601 time: "${clip(text)}"` };
  if (!Number.isFinite(n)) return { error: `not a finite number: "${clip(text)}"` };
  const ms = mode === 'epoch_s' ? Math.round(n * 1000) : Math.round(n);
  if (Math.abs(ms) > MAX_MS) return { error: `out of range: "${clip(text)}"` };
  return ms;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The shape nearly every export writes, `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, read with character
 * arithmetic: a million rows spend ~1 s in the general regex, ~0.1 s here. NaN means "not this
 * exact shape" (the general parser then decides), never "invalid".
 */
function fastIsoUtc(s: string): number {
  const len = s.length;
  if ((len !== 24 && len !== 20) || s.charCodeAt(len - 1) !== 90) return NaN;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return NaN;
  }
  let ms = 0;
  if (len === 24) {
    if (s.charCodeAt(19) !== 46) return NaN;
    ms = digits(s, 20, 3);
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (!(ms >= 0 && year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59))
    return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (day > (DAYS_IN_MONTH[month - 1] as number) + leap || year < 100) return NaN;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date object). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Decimal value of `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function parseIso(text: string, zone: Zone): number | { error: string } {
  const fast = fastIsoUtc(text);
  if (!Number.isNaN(fast)) return fast;
  const m = ISO.exec(text);
  if (!m) return { error: `not an ISO 8601 time: "${clip(text)}"` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return { error: `not a valid date or time: "${clip(text)}"` };
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year); // Date.UTC would read years 0-99 as 1900-1999
  const local = date.getTime();
  // Date.UTC rolls 2026-02-30 over to March; refuse instead.
  if (new Date(local).getUTCDate() !== day) return { error: `not a valid date: "${clip(text)}"` };
  const zoneText = m[8];
  if (zoneText === undefined) return local - zone.offsetAt(local);
  if (zoneText === 'Z' || zoneText === 'z') return local;
  const sign = zoneText.startsWith('-') ? -1 : 1;
  const digits = zoneText.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 23 || om > 59) return { error: `not a valid zone offset: "${clip(text)}"` };
  return local - sign * (oh * 60 + om) * 60_000;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
