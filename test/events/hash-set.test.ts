import { describe, expect, it } from 'vitest';
import { Hasher, hash52 } from '../../src/events/hash.js';
import { HashSet52 } from '../../src/events/hash-set.js';

describe('HashSet52', () => {
  it('behaves like a Set of 52-bit numbers through many growths', () => {
    const set = new HashSet52(4);
    const ref = new Set<number>();
    for (let i = 0; i < 20000; i++) {
      const key = hash52(`key-${i % 15000}`);
      expect(set.add(key)).toBe(!ref.has(key));
      ref.add(key);
    }
    expect(set.size).toBe(ref.size);
    for (let i = 0; i < 16000; i++) expect(set.has(hash52(`key-${i}`))).toBe(i < 15000);
  });
  it('keeps 0 and the largest 52-bit key apart from empty slots', () => {
    const set = new HashSet52();
    expect(set.has(0)).toBe(false);
    set.add(0);
    set.add(2 ** 52 - 1);
    expect(set.has(0)).toBe(true);
    expect(set.has(2 ** 52 - 1)).toBe(true);
    expect(set.has(1)).toBe(false);
  });
  it('hash52 stays within 52 bits and differs for near strings', () => {
    const a = hash52('delivered\u0001abc\u00011700000000');
    const b = hash52('delivered\u0001abc\u00011700000001');
    expect(hash52('x', 1)).not.toBe(hash52('x', 2));
    expect(a).not.toBe(b);
    expect(Number.isSafeInteger(a) && a >= 0 && a < 2 ** 52).toBe(true);
  });
});

describe('Hasher.num', () => {
  const h = (n: number): number => new Hasher().reset(7).num(n).str('tail').value();
  it.each([
    [1794694675, 1794694676],
    [1794694675, 1794694675 + 2 ** 32],
    [0, 2 ** 32],
    [1794694675, 1794694675.5],
    [-1, 1],
    [12, 12.000001],
  ])('%s and %s hash apart', (a, b) => {
    expect(h(a)).not.toBe(h(b));
  });
  it('gives one hash for one number, whole or not', () => {
    expect(h(1794694675)).toBe(h(1794694675));
    expect(h(1794694675.25)).toBe(h(1794694675.25));
  });
});
