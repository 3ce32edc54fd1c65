import { durationSeconds } from '../common/durations.js';
import { WALL_CLOCK } from '../common/zone.js';
import { UsageError } from '../commands/exit-codes.js';

/**
 * `--since` / `--until` values (README.md#commands): ISO 8601 (a time without a zone is wall time in
 * `--tz`), `today` and `yesterday` (midnight in `--tz`), or relative `-24h`, `-7d`, `-30m`.
 * Returns Unix seconds.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/** Offset of `zone` from UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(zone: string, utcMs: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', { ...WALL_CLOCK, timeZone: zone });
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p['year'] ?? 0, (p['month'] ?? 1) - 1, p['day'] ?? 1, p['hour'] ?? 0, p['minute'] ?? 0, p['second'] ?? 0);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a wall-clock time in `zone` names. */
export function wallTimeToUtcMs(zone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - zoneOffsetMs(zone, guess);
  return guess - zoneOffsetMs(zone, first);
}

function midnight(zone: string, nowMs: number, daysBack: number): number {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const [y, m, d] = fmt.format(new Date(nowMs)).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d - daysBack));
  return wallTimeToUtcMs(zone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** The largest |time| a Date holds, in seconds (±100,000,000 days around 1970). */
const MAX_SECONDS = 8.64e12;

/** Days in a month of the proleptic Gregorian calendar. */
function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A calendar date and wall time that exist: no month 13, no 30 February, no 25:99. */
function validWallTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 59;
}

const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

export function parseTimeArg(value: string, nowMs: number, zone: () => string, flag: string): number {
  const seconds = timeArgSeconds(value, nowMs, zone, flag);
  if (!Number.isFinite(seconds) || Math.abs(seconds) > MAX_SECONDS) {
    throw new UsageError((u) => u.timeRange(flag, value));
  }
  return seconds;
}

function timeArgSeconds(value: string, nowMs: number, zone: () => string, flag: string): number {
  const v = value.trim();
  const parts = ISO_PARTS.exec(v);
  if (parts) {
    const [, y, mo, d, h, mi, s] = parts.map(Number) as number[];
    if (!validWallTime(y as number, mo as number, d as number, h || 0, mi || 0, s || 0)) {
      throw new UsageError((u) => u.noSuchTime(flag, value));
    }
  }
  if (v === 'today') return midnight(zone(), nowMs, 0) / 1000;
  if (v === 'yesterday') return midnight(zone(), nowMs, 1) / 1000;
  if (v === 'now') return nowMs / 1000;
  // `-24h` and `24h` alike mean 24 hours ago: a time to look back from.
  const back = durationSeconds(v.startsWith('-') ? v.slice(1) : v);
  if (back !== null) return nowMs / 1000 - back;
  // Epoch seconds or milliseconds, as found in the JSON (`1794992716`, `1794992716000`).
  if (/^\d{9,13}(?:\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n > 1e12 ? n / 1000 : n;
  }
  const wall = WALL.exec(v);
  if (wall) {
    const [, y, mo, d, h, mi, s] = wall;
    return wallTimeToUtcMs(zone(), Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)) / 1000;
  }
  const ms = Date.parse(v);
  if (!Number.isNaN(ms) && /(?:Z|[+-]\d{2}:?\d{2})$/i.test(v)) return ms / 1000;
  throw new UsageError((u) => u.timeShape(flag, value));
}

/** Validates an IANA zone name. */
export function checkZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError((u) => u.zone(zone));
  }
}
