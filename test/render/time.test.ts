import { describe, expect, it } from 'vitest';
import { isoUtc, timeFormatter } from '../../src/render/time.js';
import { englishDuration as formatDuration } from '../../src/i18n/durations.js';

describe('isoUtc', () => {
  it.each<[number | null, string | null]>([
    [0, '1970-01-01T00:00:00Z'],
    [1794992716, '2026-11-18T09:05:16Z'],
    [1794992716.5, '2026-11-18T09:05:16.500Z'],
    [86399, '1970-01-01T23:59:59Z'],
    [86400, '1970-01-02T00:00:00Z'],
    [-1, '1969-12-31T23:59:59Z'],
    [253402300799, '9999-12-31T23:59:59Z'],
    [null, null],
    [Number.NaN, null],
  ])('%s → %s', (seconds, expected) => {
    expect(isoUtc(seconds)).toBe(expected);
  });
  it('agrees with Date for a day of seconds across a day change', () => {
    for (let t = 1794960000 - 5000; t < 1794960000 + 5000; t += 7) {
      expect(isoUtc(t)).toBe(`${new Date(t * 1000).toISOString().slice(0, 19)}Z`);
    }
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [276, '4m36s'],
    [3600, '1h'],
    [4320, '1h12m'],
    [86400, '1d'],
    [273600, '3d4h'],
  ])('%i s → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('timeFormatter', () => {
  it.each<[string, string]>([
    ['UTC', '2026-11-18 09:05:16 +00:00'],
    ['Asia/Tokyo', '2026-11-18 18:05:16 +09:00'],
    ['America/New_York', '2026-11-18 04:05:16 -05:00'],
  ])('%s', (zone, expected) => {
    expect(timeFormatter(zone).dateTime(1794992716)).toBe(expected);
  });
});

describe('UTC without Intl', () => {
  it('formats exactly as Intl does for the same instants (Etc/UTC goes through Intl)', () => {
    const fast = timeFormatter('UTC');
    const intl = timeFormatter('Etc/UTC');
    const instants = [0, 1, 59.999, 86399.5, 1794992716, 1794992716.25, 951782400, 4102444799, 253402300799];
    for (let i = 0; i < 500; i++) instants.push(Math.floor(((i * 7919) % 1000) * 4102444.8) + (i % 3) * 0.5);
    for (const t of instants) {
      expect(fast.dateTime(t), String(t)).toBe(intl.dateTime(t));
      expect(fast.time(t), String(t)).toBe(intl.time(t));
    }
  });
});
