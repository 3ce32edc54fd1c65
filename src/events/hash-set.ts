/**
 * A set of 52-bit numbers (see hash52) in two typed arrays with open addressing: a few bytes per
 * key and no per-key objects, where a JavaScript Set of such numbers (heap numbers, not small
 * integers) costs far more time and memory per key. Grows by doubling at three quarters full.
 */
export class HashSet52 {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let n = 1 << 4;
    while (n < capacity * 2) n <<= 1;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.mask = n - 1;
  }

  /** Adds `key`; returns false when it was already there. */
  add(key: number): boolean {
    // Stored high part is offset by one, so that 0 marks an empty slot.
    const h = Math.floor(key / 0x100000000) + 1;
    const l = key >>> 0;
    let i = (Math.imul(l, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const slot = this.hi[i] as number;
      if (slot === 0) break;
      if (slot === h && this.lo[i] === l) return false;
      i = (i + 1) & this.mask;
    }
    this.hi[i] = h;
    this.lo[i] = l;
    this.size++;
    // Grows at three quarters full: linear probing stays short there, and the table (the largest
    // single allocation of a whole-input run) is half the size it would be at half full.
    if (this.size * 4 > this.mask * 3) this.grow();
    return true;
  }

  has(key: number): boolean {
    const h = Math.floor(key / 0x100000000) + 1;
    const l = key >>> 0;
    let i = (Math.imul(l, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const slot = this.hi[i] as number;
      if (slot === 0) return false;
      if (slot === h && this.lo[i] === l) return true;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    const n = hi.length * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < hi.length; i++) {
      const h = hi[i] as number;
      if (h !== 0) this.add((h - 1) * 0x100000000 + (lo[i] as number));
    }
  }
}
