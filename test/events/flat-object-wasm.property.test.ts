import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSENT, FIELDS, FlatObject, lendFlatReadBuffer } from '../../src/events/flat-object.js';
import { WASM_MAX_OBJECTS } from '../../src/events/flat-object-wasm-reader.js';
import { LineEvent } from '../../src/events/line-event.js';
import { arrayLine, eventLine, line, mutated } from '../helpers/json-lines.js';

/**
 * Issue 14: the lean reader in WebAssembly (flat-object.wat) must answer exactly as FlatObject's
 * JavaScript reader for every line: the same lines taken or refused, and for a line taken the same
 * objects, kinds and positions of every field grouping reads. Each line is read both ways — once
 * where the WebAssembly reader reads it (a lent read buffer, with other bytes after the line, as a
 * read leaves them), once in a buffer of its own.
 */

let lent: { buffer: Buffer; release(): void };

beforeAll(() => {
  const buffer = lendFlatReadBuffer(128 * 1024);
  if (buffer === undefined) throw new Error('no WebAssembly read buffer (is WebAssembly SIMD available?)');
  lent = buffer;
});
afterAll(() => lent.release());

interface Reading {
  taken: boolean;
  /** Read by the WebAssembly reader (its slots lie in the module's memory). */
  wasm: boolean;
  count?: number;
  isArray?: boolean;
  objects?: [number, number][];
  slots?: (number[] | null)[];
}

/** What `flat` made of the line it read last (`taken`: its answer). */
function reading(flat: FlatObject, taken: boolean): Reading {
  const wasm = flat.kind.buffer === lent.buffer.buffer;
  if (!taken) return { taken, wasm };
  const slots: (number[] | null)[] = [];
  const objects: [number, number][] = [];
  for (let o = 0; o < flat.count; o++) {
    objects.push([flat.objectStart[o] as number, flat.objectEnd[o] as number]);
    for (let k = 0; k < FIELDS; k++) {
      const s = o * FIELDS + k;
      slots.push(flat.kind[s] === ABSENT ? null : [flat.kind[s] as number, flat.start[s] as number, flat.end[s] as number]);
    }
  }
  return { taken, wasm, count: flat.count, isArray: flat.isArray, objects, slots };
}

/**
 * The line read both ways: in the lent buffer at `offset`, followed by `after`; and alone. The
 * JavaScript reader's answer for a line alone is the reference (it is the one the lean path has
 * always had, checked against JSON.parse in lean-path.property.test.ts).
 */
function bothWays(text: string, offset = 0, after = '\n'): { wasm: Reading; js: Reading } {
  const bytes = Buffer.from(text, 'utf8');
  const flat = new FlatObject();
  const js = reading(flat, flat.read(bytes, 0, bytes.length));
  expect(js.wasm).toBe(false);
  const region = lent.buffer;
  region.fill(0x41);
  bytes.copy(region, offset);
  region.write(after, offset + bytes.length, 'latin1');
  const view = region.subarray(offset);
  const wasm = reading(flat, flat.read(view, 0, bytes.length));
  // Only an array of more objects than it has slots for is left to the JavaScript reader.
  expect(wasm.wasm).toBe(!(wasm.count !== undefined && wasm.count > WASM_MAX_OBJECTS));
  return { wasm: { ...wasm, wasm: js.wasm }, js };
}

describe('the WebAssembly lean reader (flat-object.wat)', () => {
  it('reads lines where they lie in its memory (the comparisons below are not of one reader with itself)', () => {
    const flat = new FlatObject();
    const text = '{"email":"a@b.example","event":"open"}';
    lent.buffer.write(`${text}\n`, 0, 'latin1');
    expect(flat.read(lent.buffer, 0, text.length)).toBe(true);
    // The WebAssembly reader's slots lie in its memory, the JavaScript reader's do not.
    expect(flat.kind.buffer).toBe(lent.buffer.buffer);
    const own = Buffer.from(text);
    expect(flat.read(own, 0, own.length)).toBe(true);
    expect(flat.kind.buffer).not.toBe(lent.buffer.buffer);
  });

  it.each([
    ['a plain object', '{"email":"a@b.example","event":"delivered","timestamp":1794694000,"category":["a","b"],"tls":1}'],
    ['every kind of value', '{"event":"open","type":null,"reason":true,"response":false,"url":-1.5e+3,"attempt":"2","category":"c","ip":{"a":[1,{"b":null}]},"useragent":"caf\\u00e9 \\"x\\""}'],
    ['a list that is not of plain strings', '{"category":["a",1],"email":"x"}'],
    ['a list with an escape', '{"category":["a\\nb"],"email":"x"}'],
    ['a list outside ASCII', '{"category":["日本"],"email":"x"}'],
    ['an empty list and an empty object', '{"category":[],"asm_group_id":{}}'],
    ['a key given twice', '{"email":"a","email":"b"}'],
    ['a key with an escape', '{"em\\u0061il":"a"}'],
    ['a key outside ASCII', '{"émail":"a"}'],
    ['an empty key', '{"":"a","email":"b"}'],
    ['keys near the field names', '{"emai":"a","emails":"b","Email":"c","event_":"d","e":"x","sg_event_idx":1}'],
    // The same length, first and last byte as a field's name: found in the same slot, then told apart.
    ['keys that share a name\'s slot', '{"evxnt":"open","emxil":"a","tyqe":"x","sg_message_ix":"m"}'],
    ['blanks everywhere', ' \t{ "email" :\t"a" , "event"\r: "open" }\r '],
    ['an array of objects', '[{"email":"a"},{"event":"open"},{}]'],
    ['an empty array', '[]'],
    ['an array with another value', '[{"email":"a"},2]'],
    ['an array not closed', '[{"email":"a"}'],
    ['an array closed twice', '[{"email":"a"}]]'],
    ['a trailing comma', '{"a":1,}'],
    ['a missing comma', '{"a":1 "b":2}'],
    ['a leading zero', '{"a":01}'],
    ['a bare minus', '{"a":-}'],
    ['a bare dot', '{"a":1.}'],
    ['an exponent without digits', '{"a":1e}'],
    ['an exponent sign without digits', '{"a":1e+}'],
    ['a literal cut short', '{"a":fals}'],
    ['a literal run on', '{"a":truex}'],
    ['a literal with a wrong last letter', '{"a":falsy}'],
    ['a literal in any case', '{"a":True}'],
    ['a bad escape', '{"a":"\\x"}'],
    ['a short unicode escape', '{"a":"\\u12"}'],
    ['a unicode escape with a non-hex digit', '{"a":"\\u12g4"}'],
    ['a raw tab in a string', '{"a":"x\ty"}'],
    ['a raw delete in a string', '{"a":"x\u007fy"}'],
    ['trailing text', '{"a":1} x'],
    ['a byte-order mark', '\ufeff{"a":1}'],
    ['nested 16 deep', `{"a":${'['.repeat(16)}${']'.repeat(16)}}`],
    ['nested 17 deep', `{"a":${'['.repeat(17)}${']'.repeat(17)}}`],
    ['objects nested 16 deep', `{"a":${'{"b":'.repeat(15)}{}${'}'.repeat(15)}}`],
    ['a string that is not closed', '{"a":"xyz'],
    ['nothing', ''],
    ['blanks only', '  \t'],
    ['not JSON', '2026-11-18T09:05:16Z INFO body='],
  ])('%s', (_name, text) => {
    const { wasm, js } = bothWays(text);
    expect(wasm).toEqual(js);
  });

  it('a string whose quote, backslash or control character falls at every place of a 16-byte block', () => {
    for (let pad = 0; pad < 40; pad++) {
      for (const tail of ['"', '\\"x"', '\\u0041"', '\u00e9"', '\t"', '\\']) {
        for (const offset of [0, 1, 7, 15]) {
          const text = `{"email":"${'x'.repeat(pad)}${tail},"event":"open"}`;
          const { wasm, js } = bothWays(text, offset);
          expect(wasm, `${pad} ${JSON.stringify(tail)} at ${offset}`).toEqual(js);
        }
      }
    }
  });

  it('a line that ends where the bytes after it would close a string (the last line of a read, without a newline)', () => {
    for (const text of ['{"email":"abc', '{"email":"abc\\', '{"email":"abc\\u00', '{"email":"a","category":["x', '{"a":tru', '{"a":1.5e', '[{"a":1},']) {
      for (const after of ['"}\n', '"]}\n', 'e}\n', '0}\n', '1]\n', '{"b":2}]\n', '']) {
        const { wasm, js } = bothWays(text, 3, after);
        expect(wasm, `${text} + ${JSON.stringify(after)}`).toEqual(js);
        expect(wasm.taken).toBe(false);
      }
    }
  });

  it('a line at the very end of the reads, with nothing after it and blocks of openers or quotes beyond', () => {
    const size = lent.buffer.length;
    for (const text of ['{"email":"a@b","event":"open"}', '{"email":"abc', '{"a":[[[[', '{"category":["x","y', '[{"a":1},{"b":"\\u00']) {
      for (const beyond of [0x5b, 0x22, 0x41, 0x00]) {
        const region = Buffer.from(lent.buffer.buffer, lent.buffer.byteOffset, size + 16);
        region.fill(beyond, size);
        const bytes = Buffer.from(text);
        const flat = new FlatObject();
        const alone = reading(flat, flat.read(bytes, 0, bytes.length));
        bytes.copy(lent.buffer, size - bytes.length);
        const view = lent.buffer.subarray(size - bytes.length);
        const there = reading(flat, flat.read(view, 0, bytes.length));
        expect(there.wasm).toBe(true);
        expect({ ...there, wasm: false }).toEqual(alone);
      }
    }
  });

  it('one reader\'s events throw once another reader has used the slots they read from', () => {
    const text = '{"email":"a@b.example","event":"open","sg_message_id":"Zq1vUs8mR9Kw2LxYp4NbTg.filter1"}';
    lent.buffer.write(`${text}\n${text.replace('a@b', 'c@d')}\n`, 0, 'latin1');
    const first = new FlatObject();
    const second = new FlatObject();
    expect(first.read(lent.buffer, 0, text.length)).toBe(true);
    const e = LineEvent.of(first, 0, 'f', 1, 0);
    expect(e?.sgMessageId).toBe('Zq1vUs8mR9Kw2LxYp4NbTg.filter1');
    const kept = LineEvent.of(first, 0, 'f', 1, 0) as LineEvent;
    expect(second.read(lent.buffer, text.length + 1, 2 * text.length + 1)).toBe(true);
    expect(() => kept.email).toThrow(/after its line/);
  });

  it('an array of as many objects as it has room for, and one more (left to the JavaScript reader)', () => {
    for (const n of [WASM_MAX_OBJECTS - 1, WASM_MAX_OBJECTS, WASM_MAX_OBJECTS + 1, 3 * WASM_MAX_OBJECTS]) {
      const text = `[${Array.from({ length: n }, (_, i) => `{"email":"r${i}@x.example","event":"open"}`).join(',')}]`;
      const { wasm, js } = bothWays(text);
      expect(wasm, String(n)).toEqual(js);
      expect(wasm.count).toBe(n);
    }
  });

  it('on random event lines, broken ones, arrays of them, and any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(line, eventLine, mutated, arrayLine, fc.string({ maxLength: 60 }), fc.string({ maxLength: 40 }).map((s) => `{"email":${s}}`)),
        fc.integer({ min: 0, max: 31 }),
        fc.constantFrom('\n', '', '"}', '\\', ' ]}'),
        (text, offset, after) => {
          const { wasm, js } = bothWays(text, offset, after);
          expect(wasm).toEqual(js);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
