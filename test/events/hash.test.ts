import { describe, expect, it } from 'vitest';
import { Hasher } from '../../src/events/hash.js';

/**
 * The dedupe keys hash a field two ways: as a string (the general path) and where its bytes lie in
 * the line (the lean path). A copy may come by either path, so the two must agree on every text,
 * and still tell apart the texts that differ.
 */

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const twoLanes = (parts: readonly string[]): number => {
  const h = new Hasher().reset(2);
  for (const p of parts) h.str(p);
  return h.value();
};

// Short texts of every length, and texts of the kinds that are hashed.
const TEXTS = [
  '',
  'a',
  'ab',
  'abc',
  'abcd',
  'abcde',
  'abcdefg',
  'abcdefgh',
  'abcdefghi',
  'delivered',
  'kazuki.tanaka@icloud.com',
  '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  '250 2.0.0 OK  1700000000 d2si123456qkb.45 - gsmtp',
  '~!@#$%^&*()_+`-=[]{}|;:,./<>?',
];

describe('a field hashed as a string and as its bytes', () => {
  it.each(TEXTS)('gives the same hash for %j', (text) => {
    const b = ascii(`xx${text}yy`);
    expect(new Hasher().reset(1).bytes(b, 2, 2 + text.length).value()).toBe(new Hasher().reset(1).str(text).value());
  });

  it.each(TEXTS)('folds capitals of %j to the lower-cased string', (text) => {
    const upper = ascii(text.toUpperCase());
    expect(new Hasher().reset(1).bytes(upper, 0, upper.length, true).value()).toBe(new Hasher().reset(1).str(text.toLowerCase()).value());
  });

  it('keeps capitals without folding', () => {
    const upper = ascii('ABCDE');
    expect(new Hasher().bytes(upper, 0, 5).value()).not.toBe(new Hasher().str('abcde').value());
  });
});

describe('texts that differ', () => {
  it.each([
    [['ab', 'c'], ['a', 'bc']],
    [['abcd', ''], ['', 'abcd']],
    [['ab'], ['ab\u0000']],
    [['abc'], ['abc\u0000']],
    [['abcd'], ['abcd\u0000\u0000\u0000\u0000']],
    [[''], ['\u0000']],
    [['abcd'], ['abdc']],
    [['Āb'], ['\u0000b']],
    [['ĀĀĀĀ'], ['\u0000\u0001\u0000\u0001']],
    [['ĀĀĀĀ'], ['\u0000\u0001\u0000\u0001\u0000\u0001\u0000\u0001']],
    [['ab\u0000\u0000e'], ['\u6261e']],
    // Texts that a hash taking four characters a step would line up (found in review of one).
    [['abcdefgh'], ['\u6261\u6463\u3fba\u3750']],
    [['https://ex.test/abcdefgh'], ['https://ex.test/\u6261\u6463\u3fba\u3750']],
    [['a\u0100bc'], ['a\u0000bc']],
    [['café'], ['cafe']],
  ])('%j and %j give different hashes', (one, other) => {
    expect(twoLanes(one)).not.toBe(twoLanes(other));
  });

  it('spreads 100,000 similar keys without a collision', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(twoLanes([`14c5d75ce93.dfd.64b469.filter0001.${i}.5515E0B88.0`, 'delivered']));
    expect(seen.size).toBe(100_000);
  });
});

describe('times', () => {
  it.each([
    [0, 1],
    [1700000000, 1700000001],
    [2 ** 32, 0],
    [2 ** 40 + 5, 5],
  ])('%d and %d give different hashes', (one, other) => {
    expect(new Hasher().num(one).value()).not.toBe(new Hasher().num(other).value());
  });

  it('gives a time that is not a whole number its text', () => {
    expect(new Hasher().num(1.5).value()).toBe(new Hasher().str('1.5').value());
  });
});
