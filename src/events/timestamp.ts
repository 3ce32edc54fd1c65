/**
 * Event times (docs/rules.md#timestamps): Unix seconds, numeric strings, milliseconds (> 1e12) and ISO 8601
 * strings all become Unix seconds. Anything else is no time at all (null).
 */
export const NUMERIC = /^-?\d+(?:\.\d+)?$/;

export function toUnixSeconds(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string') {
    const s = value.trim();
    if (s.length === 0) return null;
    if (NUMERIC.test(s)) {
      n = Number(s);
    } else {
      const ms = Date.parse(s);
      return Number.isNaN(ms) ? null : ms / 1000;
    }
  } else {
    return null;
  }
  if (!Number.isFinite(n) || n < 0) return null;
  const seconds = n > MILLISECONDS_ABOVE ? n / 1000 : n;
  // Beyond what a Date can hold (±8.64e15 ms) a time cannot be shown or compared: no time.
  return seconds > MAX_SECONDS ? null : seconds;
}

/** A number above this is milliseconds (1e12 s is the year 33658). */
export const MILLISECONDS_ABOVE = 1e12;
export const MAX_SECONDS = 8.64e12;
