import { isDigit, OPEN_BRACKET, SPACE, TAB, UPPER_A, UPPER_Z } from '../common/chars.js';

/**
 * The time a server wrote at the start of a log line, used when an event carries no timestamp of
 * its own (docs/rules.md#timestamps). Accepts ISO 8601 and `YYYY-MM-DD HH:MM:SS`, optionally in brackets;
 * a time without a zone is taken as UTC, which is what webhook receivers log by default.
 */
const LEADING_TIME =
  /^\s*\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2})?/;

/** Unix seconds of the time at the start of `prefix`, or null when it starts with none. */
export function leadingTime(prefix: string): number | null {
  const c = prefix.charCodeAt(0);
  // Cheap gate: only digits, '[' or blanks can start a timestamp.
  if (!isDigit(c) && c !== OPEN_BRACKET && c !== SPACE && c !== TAB) return null;
  const m = LEADING_TIME.exec(prefix);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  let seconds = ms / 1000 + (frac ? Number(`0.${frac}`) : 0);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  return seconds;
}

const LOG_PREFIX = /^\s*\[?(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2})/;

/** True when a line starts like a new log record (a timestamp), which ends any open JSON value. */
export function startsLogRecord(line: string): boolean {
  const c = line.charCodeAt(0);
  if (!isDigit(c) && c !== OPEN_BRACKET && c !== SPACE && c !== TAB && !(c >= UPPER_A && c <= UPPER_Z)) return false;
  return LOG_PREFIX.test(line);
}
