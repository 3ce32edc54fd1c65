import { WALL_CLOCK } from '../common/zone.js';
/** The one place times and durations become text. JSON is UTC ISO 8601 with `Z`. */

/** The date part of the last day formatted: millions of times fall on a few days. */
let cachedDay = Number.NaN;
let cachedDate = '';

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z. Before, Intl writes an era year (year 0 is
 * "1 BC", shown as 2): such times are shown as ISO 8601 in UTC; after, ISO writes a signed
 * six-digit year.
 */
const FOUR_DIGIT_YEARS = [-62135596800, 253402300800] as const;

export function isoUtc(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return null;
  if (seconds < FOUR_DIGIT_YEARS[0] || seconds >= FOUR_DIGIT_YEARS[1]) return date.toISOString().replace('.000Z', 'Z');
  if (!Number.isInteger(seconds)) return date.toISOString();
  const day = Math.floor(seconds / 86400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86400000).toISOString().slice(0, 11);
  }
  const rest = seconds - day * 86400;
  return `${cachedDate}${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}Z`;
}

/**
 * How a time names its zone: `offset` (`+09:00`, English output) or `abbreviation` (`JST`,
 * `UTC`; Japanese output), the offset where the zone has no letters of its own.
 */
export type ZoneStyle = 'offset' | 'abbreviation';

export interface TimeFormatter {
  /** `2026-11-18 09:05:16 +00:00` in the zone. */
  dateTime(seconds: number): string;
  /** `09:05:16` in the zone. */
  time(seconds: number): string;
  zone: string;
}

/** Human times in UTC without Intl (whose first use loads ICU): the same text as below. */
function utcFormatter(style: ZoneStyle): TimeFormatter {
  const suffix = style === 'abbreviation' ? 'UTC' : '+00:00';
  const clock = (seconds: number) => {
    const d = new Date(Math.floor(seconds) * 1000);
    return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  };
  return {
    zone: 'UTC',
    dateTime(seconds) {
      if (seconds < FOUR_DIGIT_YEARS[0] || seconds >= FOUR_DIGIT_YEARS[1]) {
        return `${(isoUtc(seconds) ?? '-').replace('T', ' ').replace('Z', '')} ${suffix}`;
      }
      const d = new Date(Math.floor(seconds) * 1000);
      return `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${clock(seconds)} ${suffix}`;
    },
    time: clock,
  };
}

/** Human times in an IANA zone, with the UTC offset (or abbreviation) shown. Throws RangeError for unknown zones. */
export function timeFormatter(zone: string, style: ZoneStyle = 'offset'): TimeFormatter {
  if (zone === 'UTC') return utcFormatter(style);
  const fmt = new Intl.DateTimeFormat('en-CA', { ...WALL_CLOCK, timeZone: zone, timeZoneName: 'longOffset' });
  // Japanese readers know JST; ICU's Japanese short names are letters only for such zones.
  const short = style === 'abbreviation' ? new Intl.DateTimeFormat('ja-JP', { timeZone: zone, timeZoneName: 'short' }) : null;
  const abbreviation = (seconds: number): string | null => {
    const name = short?.formatToParts(new Date(seconds * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    return /^[A-Z]{2,5}$/.test(name) ? name : null;
  };
  const parts = (seconds: number) => {
    const out: Record<string, string> = {};
    for (const p of fmt.formatToParts(new Date(seconds * 1000))) out[p.type] = p.value;
    return out;
  };
  return {
    zone,
    dateTime(seconds) {
      // Years a calendar in Intl writes with an era (2 BC) or that ISO writes signed: shown in UTC.
      if (seconds < FOUR_DIGIT_YEARS[0] || seconds >= FOUR_DIGIT_YEARS[1]) {
        return `${(isoUtc(seconds) ?? '-').replace('T', ' ').replace('Z', '')} +00:00`;
      }
      const p = parts(seconds);
      const offset = (p['timeZoneName'] ?? 'GMT').replace('GMT', '') || '+00:00';
      const zoneText = (short !== null ? abbreviation(seconds) : null) ?? offset;
      return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${zoneText}`;
    },
    time(seconds) {
      const p = parts(seconds);
      return `${p['hour']}:${p['minute']}:${p['second']}`;
    },
  };
}

/** A TimeFormatter made on first use: the zone (and ICU) are looked up only if a time is shown. */
export function lazyTimeFormatter(zone: () => string, style: ZoneStyle = 'offset'): TimeFormatter {
  let made: TimeFormatter | null = null;
  const get = (): TimeFormatter => (made ??= timeFormatter(zone(), style));
  return {
    get zone() {
      return get().zone;
    },
    dateTime: (seconds) => get().dateTime(seconds),
    time: (seconds) => get().time(seconds),
  };
}
