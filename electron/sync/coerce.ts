/**
 * Value coercion for the row mapper: each function takes what a reader produced (CSV text, a JSON
 * value, a Parquet value) and returns the value to store, or a `Bad` carrying the reason the row
 * goes to quarantine. Returning (not throwing) keeps the per-row hot path free of exceptions.
 */
import { parseTimestamp, UTC_ZONE, type TimestampMode, type Zone } from './timestamps.js';
import { MAX_FIELD_BYTES } from './types.js';

/** Why a value cannot be stored; the row carrying it goes to quarantine with this reason. */
export class Bad {
  constructor(readonly reason: string) {}
}

/** Turns a reader's value into the value to store, or a Bad. */
export type Coercer = (value: unknown) => unknown;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Below this many UTF-16 units a string cannot exceed MAX_FIELD_BYTES of UTF-8. */
export const SAFE_CHARS = Math.floor(MAX_FIELD_BYTES / 3);

/** Whether a string exceeds MAX_FIELD_BYTES of UTF-8 (cheap unless it is long). */
export function tooBig(s: string): boolean {
  return s.length > MAX_FIELD_BYTES || (s.length > SAFE_CHARS && Buffer.byteLength(s, 'utf8') > MAX_FIELD_BYTES);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'binary data';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** The quarantine reason for an oversized field. */
export const OVERSIZED = `field larger than ${MAX_FIELD_BYTES >> 20} MiB`;

/** Text: strings as is, numbers/booleans/bigints as text, Dates as ISO; objects are a Bad. */
export function textCoercer(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > SAFE_CHARS && tooBig(value) ? new Bad(OVERSIZED) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return new Bad(`expected text, got ${describe(value)}`);
}

/** Numbers from JSON numbers, bigints or decimal text (spaces ignored); NaN/Infinity are a Bad. */
export function numberCoercer(integer: boolean): Coercer {
  const kind = integer ? 'an integer' : 'a number';
  return (value) => {
    if (value === null || value === undefined) return null;
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'bigint') n = Number(value);
    else if (typeof value === 'string') {
      const text = value.trim();
      if (text === '') return null;
      if (!DECIMAL.test(text)) return new Bad(`not ${kind}: "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`);
      n = Number(text);
    } else return new Bad(`expected ${kind}, got ${describe(value)}`);
    if (!Number.isFinite(n)) return new Bad(`not a finite number: ${String(value)}`);
    if (integer && !Number.isSafeInteger(n)) return new Bad(`not ${kind}: ${String(value)}`);
    return n;
  };
}

/** Timestamps per parseTimestamp in `mode`; a time without a zone is read in `zone` (UTC if null). */
export function timestampCoercer(mode: TimestampMode, zone: Zone | null): Coercer {
  const z = zone ?? UTC_ZONE;
  return (value) => {
    const parsed = parseTimestamp(value, mode, z);
    return parsed !== null && typeof parsed === 'object' ? new Bad(parsed.error) : parsed;
  };
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f']);

/** Tombstone flag: 1/true/yes/y/t delete, 0/false/no/n/f/empty keep; anything else is a Bad. */
export function tombstoneValue(value: unknown): boolean | Bad {
  if (value === null || value === undefined || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  if (typeof value === 'bigint')
    return value === 0n ? false : value === 1n ? true : new Bad(`not a tombstone flag: ${value}`);
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === '' || FALSE.has(text)) return false;
    if (TRUE.has(text)) return true;
  }
  return new Bad(`not a tombstone flag (expected 1/0, true/false): ${JSON.stringify(value)}`);
}

/** Makes a value JSON-serialisable for attrs (Parquet gives bigint, Date and bytes). Used as a replacer. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}
