import { isCapital } from './chars.js';

/**
 * Comparisons of bytes where they lie, with each other and with strings: loops, not Buffer's
 * calls, which cost more than the work on the short words and IDs these compare.
 */

/** Does `b` hold `word` at `at`? */
export function sameBytes(b: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/** The first place of `word` in `b[start, end)`, or -1. */
export function indexOfBytes(b: Uint8Array, start: number, end: number, word: Uint8Array): number {
  for (let i = start; i + word.length <= end; i++) if (sameBytes(b, i, word)) return i;
  return -1;
}

/**
 * Are the first `length` characters of `s` (all of it by default) the text of the ASCII bytes
 * `b[start, end)` (with `fold`, those lower-cased)?
 */
export function sameText(s: string, b: Uint8Array, start: number, end: number, fold = false, length = s.length): boolean {
  if (length !== end - start || length > s.length) return false;
  for (let i = 0; i < length; i++) {
    let c = b[start + i] as number;
    if (fold && isCapital(c)) c |= 0x20;
    if (s.charCodeAt(i) !== c) return false;
  }
  return true;
}
