import { isCapital } from '../common/chars.js';

/**
 * 52-bit hashes of strings (two multiply-xorshift lanes), used as compact dedupe keys: a number in
 * a typed-array set costs a fraction of the string it stands for. With a few million keys the
 * chance of any collision stays below one in a thousand million. `Hasher` feeds several parts
 * without concatenating them.
 *
 * Text goes in four characters to a 32-bit word where it can (each below 256), a step per word
 * rather than per character: the steps of a lane wait on each other, so their number is the cost.
 * A part's bytes (`bytes`, the lean path hashing a field where it lies in the line) give the same
 * hash as the string they spell. The last one to three characters of a part, and every character
 * of a block that has one from 256 up, go in one at a time, by a step of their own (other
 * multipliers in both lanes): a string is then told by its steps alone, and no text lines up with
 * another's words for free (eight characters below 256 make any two words; four from 256 up could
 * otherwise make the same two). A separator ends each part.
 */

/** Lower case of each byte, for ASCII capitals; every other byte as it is. */
const FOLDED = Uint8Array.from({ length: 256 }, (_, c) => (isCapital(c) ? c | 0x20 : c));
/** Each byte as it is. */
const AS_IS = Uint8Array.from({ length: 256 }, (_, c) => c);
/** A character's step (see Hasher): other odd multipliers than a word's, in each lane. */
const CHAR_A = 0x9e3779b1;
const CHAR_B = 0x85ebca6b;

export class Hasher {
  private a = 0x811c9dc5;
  private b = 0x5bd1e995;

  /** Starts a new hash; `domain` keeps hashes of different kinds of key apart. */
  reset(domain: number): this {
    this.a = 0x811c9dc5 ^ domain;
    this.b = 0x5bd1e995 ^ Math.imul(domain, 0x27d4eb2d);
    return this;
  }

  str(s: string): this {
    let a = this.a;
    let b = this.b;
    const n = s.length;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const c0 = s.charCodeAt(i);
      const c1 = s.charCodeAt(i + 1);
      const c2 = s.charCodeAt(i + 2);
      const c3 = s.charCodeAt(i + 3);
      if ((c0 | c1 | c2 | c3) < 0x100) {
        const w = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
        a = Math.imul(a ^ w, 0x01000193);
        a ^= a >>> 13;
        b = Math.imul(b ^ w, 0x5bd1e995);
        b ^= b >>> 15;
      } else {
        for (let k = i; k < i + 4; k++) {
          const c = s.charCodeAt(k);
          a = Math.imul(a ^ c, CHAR_A);
          b = Math.imul(b ^ c, CHAR_B);
          b ^= b >>> 15;
        }
      }
    }
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, CHAR_A);
      b = Math.imul(b ^ c, CHAR_B);
      b ^= b >>> 15;
    }
    this.end(a, b);
    return this;
  }

  /**
   * The same as `str` of the string these bytes spell, for ASCII bytes (one character each): the
   * lean path hashes a field where it lies in the line (see LineEvent). With `fold`, of that
   * string lower-cased (an address's key).
   */
  bytes(buf: Uint8Array, start: number, end: number, fold = false): this {
    const t = fold ? FOLDED : AS_IS;
    let a = this.a;
    let b = this.b;
    let i = start;
    for (; i + 3 < end; i += 4) {
      const w = (t[buf[i] as number] as number) | ((t[buf[i + 1] as number] as number) << 8) |
        ((t[buf[i + 2] as number] as number) << 16) | ((t[buf[i + 3] as number] as number) << 24);
      a = Math.imul(a ^ w, 0x01000193);
      a ^= a >>> 13;
      b = Math.imul(b ^ w, 0x5bd1e995);
      b ^= b >>> 15;
    }
    for (; i < end; i++) {
      const c = t[buf[i] as number] as number;
      a = Math.imul(a ^ c, CHAR_A);
      b = Math.imul(b ^ c, CHAR_B);
      b ^= b >>> 15;
    }
    this.end(a, b);
    return this;
  }

  /** Ends a part: a separator, so that ('ab','c') and ('a','bc') differ. */
  private end(a: number, b: number): void {
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }

  /** Whole numbers (Unix times) go in as two 32-bit words, without making a string of them. */
  num(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) return this.str(String(n));
    let a = Math.imul(this.a ^ 0x2e, 0x01000193);
    let b = Math.imul(this.b ^ 0x2e, 0x5bd1e995);
    const low = n >>> 0;
    const high = (n / 0x100000000) >>> 0;
    a = Math.imul(a ^ low, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul(b ^ low, 0x5bd1e995);
    b ^= b >>> 15;
    a = Math.imul(a ^ high, 0x01000193);
    b = Math.imul(b ^ high, 0x5bd1e995);
    b ^= b >>> 15;
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    return this;
  }

  value(): number {
    return (this.a >>> 0) * 0x100000 + ((this.b >>> 0) & 0xfffff);
  }
}

/**
 * A 32-bit hash of `s` continuing from `h` (one lane of Hasher, the same blocks): the message
 * store's index key.
 */
export function hash32Text(s: string, h: number): number {
  const n = s.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) < 0x100) {
      h = Math.imul(h ^ (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)), 0x01000193);
      h ^= h >>> 13;
    } else {
      for (let k = i; k < i + 4; k++) h = Math.imul(h ^ s.charCodeAt(k), CHAR_A);
    }
  }
  for (; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), CHAR_A);
  return Math.imul(h ^ 0x1f, 0x01000193);
}

/**
 * hash32Text of the text the ASCII bytes `b[start, end)` spell; with `fold`, of that text
 * lower-cased (an address's key; an ID keeps its capitals).
 */
export function hash32Bytes(buf: Uint8Array, start: number, end: number, h: number, fold: boolean): number {
  const t = fold ? FOLDED : AS_IS;
  let i = start;
  for (; i + 3 < end; i += 4) {
    const w = (t[buf[i] as number] as number) | ((t[buf[i + 1] as number] as number) << 8) |
      ((t[buf[i + 2] as number] as number) << 16) | ((t[buf[i + 3] as number] as number) << 24);
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 13;
  }
  for (; i < end; i++) h = Math.imul(h ^ (t[buf[i] as number] as number), CHAR_A);
  return Math.imul(h ^ 0x1f, 0x01000193);
}

const shared = new Hasher();

export function hash52(s: string, domain = 0): number {
  return shared.reset(domain).str(s).value();
}
