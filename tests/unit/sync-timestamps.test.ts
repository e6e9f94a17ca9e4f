import { describe, expect, it } from 'vitest';
import { parseTimestamp, resolveZone, UTC_ZONE } from '../../electron/sync/timestamps.js';

const utc = (s: string) => Date.parse(s);

describe('timestamps', () => {
  it('reads ISO 8601 with Z, offsets in three spellings, and fractions', () => {
    expect(parseTimestamp('2026-03-01T12:00:00.000Z', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00.000Z'));
    expect(parseTimestamp('2026-03-01T12:00:00Z', 'iso8601', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00Z'));
    expect(parseTimestamp('2026-03-01T14:00:00+02:00', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00Z'));
    expect(parseTimestamp('2026-03-01T14:00:00+0200', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00Z'));
    expect(parseTimestamp('2026-03-01T07:00-05', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00Z'));
    expect(parseTimestamp('2026-03-01 12:00:00.123456Z', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00.123Z'));
    expect(parseTimestamp('2024-02-29T00:00:00.000Z', 'auto', UTC_ZONE)).toBe(utc('2024-02-29T00:00:00Z'));
    expect(parseTimestamp('1969-12-31T23:59:59.999Z', 'auto', UTC_ZONE)).toBe(-1);
  });

  it('reads a time without zone in the default zone: UTC, a fixed offset, or an IANA zone with DST', () => {
    expect(parseTimestamp('2026-03-01T12:00:00', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T12:00:00Z'));
    expect(parseTimestamp('2026-03-01', 'auto', UTC_ZONE)).toBe(utc('2026-03-01T00:00:00Z'));
    const plus2 = resolveZone('+02:00');
    expect(plus2).not.toBeNull();
    expect(parseTimestamp('2026-03-01T12:00:00', 'auto', plus2 ?? UTC_ZONE)).toBe(utc('2026-03-01T10:00:00Z'));
    const paris = resolveZone('Europe/Paris') ?? UTC_ZONE;
    expect(parseTimestamp('2026-01-15T12:00:00', 'auto', paris)).toBe(utc('2026-01-15T11:00:00Z'));
    expect(parseTimestamp('2026-07-15T12:00:00', 'auto', paris)).toBe(utc('2026-07-15T10:00:00Z'));
    // An explicit zone wins over the default.
    expect(parseTimestamp('2026-07-15T12:00:00Z', 'auto', paris)).toBe(utc('2026-07-15T12:00:00Z'));
  });

  it('reads epoch seconds and milliseconds as declared, and integers as epoch ms in auto mode', () => {
    expect(parseTimestamp('1772366400', 'epoch_s', UTC_ZONE)).toBe(1772366400000);
    expect(parseTimestamp('1772366400.5', 'epoch_s', UTC_ZONE)).toBe(1772366400500);
    expect(parseTimestamp(1772366400000, 'epoch_ms', UTC_ZONE)).toBe(1772366400000);
    expect(parseTimestamp('1772366400000', 'auto', UTC_ZONE)).toBe(1772366400000);
    expect(parseTimestamp(1772366400000n, 'auto', UTC_ZONE)).toBe(1772366400000);
    expect(parseTimestamp(new Date(5), 'auto', UTC_ZONE)).toBe(5);
  });

  it('treats empty as NULL and rejects what is not a time, with a reason', () => {
    expect(parseTimestamp('', 'auto', UTC_ZONE)).toBeNull();
    expect(parseTimestamp('  ', 'auto', UTC_ZONE)).toBeNull();
    expect(parseTimestamp(null, 'auto', UTC_ZONE)).toBeNull();
    for (const bad of [
      'yesterday',
      '2026-02-30T00:00:00Z',
      '2026-13-01',
      '2026-03-01T25:00:00Z',
      '2026-03-01T12:00:00+25:00',
    ]) {
      expect(parseTimestamp(bad, 'auto', UTC_ZONE)).toEqual({
        error: expect.stringMatching(/not (an ISO 8601 time|a valid)/),
      });
    }
    expect(parseTimestamp('1772366400', 'iso8601', UTC_ZONE)).toEqual({
      error: expect.stringMatching(/not an ISO 8601 time/),
    });
    expect(parseTimestamp('2026-03-01', 'epoch_s', UTC_ZONE)).toEqual({
      error: expect.stringMatching(/not a number of seconds/),
    });
    expect(parseTimestamp({}, 'auto', UTC_ZONE)).toEqual({ error: 'expected a timestamp, got object' });
  });

  it('resolves only real zones', () => {
    expect(resolveZone('UTC')?.name).toBe('UTC');
    expect(resolveZone('America/New_York')).not.toBeNull();
    expect(resolveZone('Mars/Olympus')).toBeNull();
    expect(resolveZone('+25:00')).toBeNull();
  });
});
