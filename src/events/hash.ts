import { isCapital } from '../common/chars.js';

/**
 * 52-bit hashes of strings (two FNV-1a style lanes), used as compact dedupe keys: a number in a
 * typed-array set costs a fraction of the string it stands for. With a few million keys the
 * chance of any collision stays below one in a thousand million. `Hasher` feeds several parts
 * without concatenating them.
 */
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
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // A separator, so that ('ab','c') and ('a','bc') differ.
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    return this;
  }

  /**
   * The same as `str` of the string these bytes spell, for ASCII bytes (one character each): the
   * lean path hashes a field where it lies in the line (see LineEvent). With `fold`, of that
   * string lower-cased (an address's key).
   */
  bytes(buf: Uint8Array, start: number, end: number, fold = false): this {
    let a = this.a;
    let b = this.b;
    for (let i = start; i < end; i++) {
      let c = buf[i] as number;
      if (fold && isCapital(c)) c |= 0x20;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    return this;
  }

  /** Whole numbers (Unix times) go in as two 32-bit words, without making a string of them. */
  num(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) return this.str(String(n));
    let a = Math.imul(this.a ^ 0x2e, 0x01000193);
    let b = Math.imul(this.b ^ 0x2e, 0x5bd1e995);
    const low = n >>> 0;
    const high = (n / 0x100000000) >>> 0;
    a = Math.imul(a ^ low, 0x01000193);
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

const shared = new Hasher();

export function hash52(s: string, domain = 0): number {
  return shared.reset(domain).str(s).value();
}
