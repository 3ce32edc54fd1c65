import { describe, expect, it } from 'vitest';
import { EventKeys } from '../../src/messages/event-keys.js';

/** The keys of each message's kept events: what one message holds never answers for another. */
describe('EventKeys', () => {
  it.each([1, 16, 17, 200])('with %i events on one message: finds each ID and content key, on that message only', (events) => {
    const keys = new EventKeys();
    for (let i = 0; i < events; i++) keys.add(5, 1000 + i, i % 3 === 0 ? -1 : 5000 + i);
    keys.add(6, 7, 8);
    for (let i = 0; i < events; i++) {
      expect(keys.has(5, 1000 + i, -1)).toBe(true);
      if (i % 3 !== 0) expect(keys.has(5, -1, 5000 + i)).toBe(true);
      expect(keys.has(6, 1000 + i, 5000 + i)).toBe(false);
    }
    // An ID key is not a content key, nor the reverse.
    expect(keys.has(5, 5001, 1001)).toBe(false);
    expect(keys.has(5, -1, -1)).toBe(false);
    expect(keys.has(5, 999, 4999)).toBe(false);
    expect(keys.has(6, 7, -1)).toBe(true);
    expect(keys.has(6, -1, 8)).toBe(true);
  });

  it('lets a message go: its number starts empty again, and the others keep theirs', () => {
    const keys = new EventKeys();
    for (let i = 0; i < 40; i++) keys.add(1, i, 100 + i);
    for (let i = 0; i < 3; i++) keys.add(2, 200 + i, 300 + i);
    keys.add(3, 9, 9);
    keys.drop(1);
    keys.drop(2);
    expect(keys.has(1, 0, 100)).toBe(false);
    expect(keys.has(2, 200, 300)).toBe(false);
    expect(keys.has(3, 9, 9)).toBe(true);
    // Reused numbers: entries given back are taken again, and nothing of before shows.
    for (let i = 0; i < 5; i++) keys.add(2, 400 + i, -1);
    keys.add(1, 0, -1);
    expect(keys.has(1, 0, -1)).toBe(true);
    expect(keys.has(1, 1, 101)).toBe(false);
    expect(keys.has(2, 404, -1)).toBe(true);
    expect(keys.has(2, 201, 301)).toBe(false);
    expect(keys.has(3, 9, -1)).toBe(true);
  });

  it('holds nothing for an event with neither key, and answers for numbers it never saw', () => {
    const keys = new EventKeys();
    keys.add(0, -1, -1);
    expect(keys.has(0, -1, -1)).toBe(false);
    expect(keys.has(1_000_000, 1, 1)).toBe(false);
    keys.reserve(10);
    expect(keys.has(9, 1, 1)).toBe(false);
  });

  it('tells 52-bit keys apart exactly, also those alike in their low bits', () => {
    const keys = new EventKeys();
    // Keys as dedupe makes them (up to 2^52), some alike in their low 20 bits.
    const base = 2 ** 51 + 123_456_789;
    const held = [base, base + 2 ** 20, 2 ** 52 - 1, 0x5bd1e995 * 4096 + 17, 1];
    for (const k of held) keys.add(4, k, -1);
    for (const k of held) {
      expect(keys.has(4, k, -1)).toBe(true);
      expect(keys.has(4, -1, k)).toBe(false);
    }
    // Alike in the low 20 bits of a held key, another key.
    expect(keys.has(4, base + 2 ** 21, -1)).toBe(false);
    expect(keys.has(4, base + 2 ** 40, base + 2 ** 30)).toBe(false);
    // Many random keys on one message: each found, none that was not added.
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 0) * 0x100000 + (Math.imul(seed, 0x27d4eb2d) >>> 12);
    };
    const added: number[] = [];
    for (let i = 0; i < 12; i++) {
      const k = next();
      added.push(k);
      keys.add(8, -1, k);
    }
    for (const k of added) expect(keys.has(8, -1, k)).toBe(true);
    for (let i = 0; i < 2000; i++) {
      const k = next();
      if (!added.includes(k)) expect(keys.has(8, k, k)).toBe(false);
    }
  });
});
