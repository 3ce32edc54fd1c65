import { describe, expect, it } from 'vitest';
import { scan } from '../helpers/scan.js';

const ev = (email: string, extra = '') => `{"email":"${email}","event":"delivered","timestamp":1700000000${extra}}`;

/** [name, input, expected emails (in order, with their lines), expected skips] */
const FRAMINGS: [string, string, [string, number][], [string, number][]][] = [
  ['NDJSON', `${ev('a@x')}\n${ev('b@x')}\n`, [['a@x', 1], ['b@x', 2]], []],
  ['one array per line', `[${ev('a@x')},${ev('b@x')}]\n[${ev('c@x')}]\n`, [['a@x', 1], ['b@x', 1], ['c@x', 2]], []],
  [
    'prefixed line with trailing text',
    `2026-11-18T09:05:16Z INFO body=[${ev('a@x')}] status=200 (3ms)\n`,
    [['a@x', 1]],
    [],
  ],
  [
    'bracketed prefix that is not JSON',
    `[2026-11-18 09:05:16] [INFO] webhook: ${ev('a@x')}\n`,
    [['a@x', 1]],
    [],
  ],
  [
    'pretty-printed array after a prefix line',
    `2026-11-18T09:05:16Z INFO body=\n[\n  {\n    "email": "a@x",\n    "event": "open"\n  },\n  {\n    "email": "b@x",\n    "event": "click"\n  }\n]\n`,
    [['a@x', 2], ['b@x', 2]],
    [],
  ],
  [
    'pretty-printed array opened on the prefix line',
    `2026-11-18T09:05:16Z INFO body=[\n  {"email": "a@x", "event": "open"},\n  {"email": "b@x", "event": "open"}\n]\n`,
    [['a@x', 1], ['b@x', 1]],
    [],
  ],
  ['pretty-printed object', `{\n  "email": "a@x",\n  "event": "open"\n}\n`, [['a@x', 1]], []],
  ['several values on one line', `${ev('a@x')} ${ev('b@x')}${ev('c@x')}\n`, [['a@x', 1], ['b@x', 1], ['c@x', 1]], []],
  ['CRLF line ends', `${ev('a@x')}\r\n[${ev('b@x')}]\r\n`, [['a@x', 1], ['b@x', 2]], []],
  ['UTF-8 BOM', `\uFEFF${ev('a@x')}\n`, [['a@x', 1]], []],
  ['\\u003c escapes', `{"email":"a@x","event":"processed","smtp-id":"\\u003cid@host\\u003e"}\n`, [['a@x', 1]], []],
  ['no newline at the end', ev('a@x'), [['a@x', 1]], []],
  ['junk lines between', `server starting\n${ev('a@x')}\n\nGET /healthz 200\n${ev('b@x')}\n`, [['a@x', 2], ['b@x', 5]], [['text', 1], ['text', 4]]],
];

const BROKEN: [string, string, [string, number][], [string, number][]][] = [
  ['truncated object, next line valid', `{"email":"a@x","event":"deliv\n${ev('b@x')}\n`, [['b@x', 2]], [['broken-json', 1]]],
  [
    'truncated object ending in a comma',
    `{"email":"a@x","event":"delivered",\n${ev('b@x')}\n${ev('c@x')}\n`,
    [['b@x', 2], ['c@x', 3]],
    [['broken-json', 1]],
  ],
  [
    'unclosed [ at the end of a prefixed line',
    `2026-11-18T09:05:16Z INFO body=[\n2026-11-18T09:05:17Z INFO body=[${ev('b@x')}]\n`,
    [['b@x', 2]],
    [['broken-json', 1]],
  ],
  [
    'pretty array cut off, then a new record',
    `2026-11-18T09:05:16Z INFO body=\n[\n  {\n    "email": "a@x",\n    "event": "open"\n  },\n  {\n    "email": "lost@x",\n2026-11-18T09:06:00Z INFO body=[${ev('b@x')}]\n`,
    // The complete first element is still read; the cut second one is the broken fragment.
    [['a@x', 3], ['b@x', 9]],
    [['broken-json', 2], ['broken-json', 7]],
  ],
  [
    'unclosed [ followed by NDJSON lines',
    `[\n${ev('a@x')}\n${ev('b@x')}\n`,
    [['a@x', 2], ['b@x', 3]],
    [['broken-json', 1]],
  ],
  ['broken value before a good one on the same line', `{"a":[1} ${ev('b@x')}\n`, [['b@x', 1]], [['broken-json', 1]]],
  ['trailing comma (closes but does not parse)', `{"email":"a@x","event":"open",} ${ev('b@x')}\n`, [['b@x', 1]], [['broken-json', 1]]],
  ['unclosed at end of input', `${ev('a@x')}\n{"email":"b@x",\n`, [['a@x', 1]], [['broken-json', 2]]],
];

function emailsOf(r: ReturnType<typeof scan>): [string, number][] {
  const out: [string, number][] = [];
  for (const { value, line } of r.values) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) out.push([(item as { email: string }).email, line]);
  }
  return out;
}

describe('framing scanner: every framing of docs/rules.md#input-framings', () => {
  it.each(FRAMINGS)('%s', (_name, input, emails, skips) => {
    const r = scan(input);
    expect(emailsOf(r)).toEqual(emails);
    expect(r.skips.map((s) => [s.kind, s.line])).toEqual(skips);
  });
});

describe('framing scanner: a broken fragment costs only itself', () => {
  it.each(BROKEN)('%s', (_name, input, emails, skips) => {
    const r = scan(input);
    expect(emailsOf(r)).toEqual(emails);
    expect(r.skips.map((s) => [s.kind, s.line])).toEqual(skips);
  });
});

describe('framing scanner: chunk boundaries', () => {
  const all = [...FRAMINGS, ...BROKEN];
  it.each(all)('%s gives the same result in 1-byte chunks', (_name, input) => {
    expect(scan(input, [1])).toEqual(scan(input));
  });
  it('splits inside a multi-byte UTF-8 character', () => {
    const input = `{"email":"ü@x","event":"open","reason":"日本語"}\n`;
    const r = scan(input, [1, 2, 3]);
    expect(r.values[0]?.value).toEqual({ email: 'ü@x', event: 'open', reason: '日本語' });
  });
});

describe('framing scanner: limits', () => {
  it('skips a line longer than the limit without losing the next one', () => {
    const long = `{"email":"a@x","event":"open","pad":"${'x'.repeat(5000)}"}`;
    const r = scan(`${long}\n${ev('b@x')}\n`, [100], { maxLine: 1000 });
    expect(emailsOf(r)).toEqual([['b@x', 2]]);
    expect(r.skips).toEqual([{ kind: 'oversize-line', line: 1 }]);
  });
  it('gives up on nesting deeper than the limit and reads on', () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const r = scan(`${deep.slice(0, 3000)}\n${ev('b@x')}\n`, [], { maxDepth: 64 });
    expect(emailsOf(r)).toEqual([['b@x', 2]]);
    expect(r.skips.map((s) => s.kind)).toEqual(['broken-json']);
  });
  it('takes the time of a prefix line that introduces a value on the next line', () => {
    const r = scan(`2026-11-18T09:05:16Z INFO body=\n[{"email":"a@x","event":"open"}]\n`);
    expect(r.values[0]?.lineTime).toBe(Date.UTC(2026, 10, 18, 9, 5, 16) / 1000);
    expect(r.skips).toEqual([]);
  });
  it('reads the time at the start of a prefixed line', () => {
    const r = scan(`2026-11-18T09:05:16Z INFO body=[{"email":"a@x","event":"open"}]\n`);
    expect(r.values[0]?.lineTime).toBe(Date.UTC(2026, 10, 18, 9, 5, 16) / 1000);
  });
});
