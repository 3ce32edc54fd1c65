/**
 * A set of 52-bit numbers (see hash52) in two typed arrays with open addressing: a few bytes per
 * key and no per-key objects, where a JavaScript Set of such numbers (heap numbers, not small
 * integers) costs far more time and memory per key. Grows by doubling at three quarters full.
 */
export class HashSet52 {
  /**
   * Slot i is words 2i (high part plus one; 0: empty) and 2i + 1 (low part): both halves of a
   * key share a cache line, so a probe of a table larger than the caches costs one miss, not two.
   */
  private words: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let n = 1 << 4;
    while (n < capacity * 2) n <<= 1;
    this.words = new Uint32Array(n * 2);
    this.mask = n - 1;
  }

  /** Adds `key`; returns false when it was already there. */
  add(key: number): boolean {
    // Stored high part is offset by one, so that 0 marks an empty slot.
    const h = Math.floor(key / 0x100000000) + 1;
    const l = key >>> 0;
    const words = this.words;
    let i = (Math.imul(l, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const slot = words[2 * i] as number;
      if (slot === 0) break;
      if (slot === h && words[2 * i + 1] === l) return false;
      i = (i + 1) & this.mask;
    }
    words[2 * i] = h;
    words[2 * i + 1] = l;
    this.size++;
    // Grows at three quarters full: linear probing stays short there, and the table (the largest
    // single allocation of a whole-input run) is half the size it would be at half full.
    if (this.size * 4 > this.mask * 3) this.grow();
    return true;
  }

  has(key: number): boolean {
    const h = Math.floor(key / 0x100000000) + 1;
    const l = key >>> 0;
    const words = this.words;
    let i = (Math.imul(l, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const slot = words[2 * i] as number;
      if (slot === 0) return false;
      if (slot === h && words[2 * i + 1] === l) return true;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.words;
    this.words = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i] as number;
      if (h !== 0) this.add((h - 1) * 0x100000000 + (old[i + 1] as number));
    }
  }
}
