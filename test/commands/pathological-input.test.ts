import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/ingest/line-buffer.js';
import { NeedleFilter } from '../../src/ingest/needle-filter.js';
import { FramingScanner } from '../../src/ingest/scanner.js';
import { ndjson } from '../helpers/cli.js';
import { collect, exited, sgtrailInProcess, sgtrailRaw, spawnSgtrail, STACK_TRACE, tempDir, writeRepeated } from '../helpers/cli.js';

/** Issue 7, part 2: pathological input, each read without a crash and accounted for. */

const ev = (email: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ email, event: 'delivered', timestamp: 1_700_000_000, ...extra });
const tmp = tempDir('pathological');
afterAll(() => tmp.remove());

function emails(stdout: Buffer | string): string[] {
  return ndjson(stdout.toString()).map((e) => String(e['email']));
}

/** Every stdout line is JSON, and stdout is valid UTF-8. */
function validJsonLines(stdout: Buffer): Record<string, unknown>[] {
  expect(Buffer.from(stdout.toString('utf8'), 'utf8').equals(stdout)).toBe(true);
  return ndjson(stdout.toString('utf8'));
}

describe('a 200 MB (and a 300 MB) line without a newline', () => {
  // Peak memory allowed: the scanner holds at most 64 MiB of a line; the timeline prefilter holds
  // as much again before it hands the line over. Holding the line would take more than its size,
  // so the timeline case uses a 300 MB line to stay above its larger allowance.
  it.each([
    ['events (the scanner)', ['events'], 200, 200],
    ['timeline --email (the raw-byte prefilter, then the scanner)', ['timeline', '--json', '--email', 'after@example.com'], 300, 270],
  ])('%s: skipped with a warning, in bounded memory, and the events after it are found', async (_name, args, lineMb, maxMb) => {
    const rssFile = tmp.file(`rss-${args[0]}`);
    const child = spawnSgtrail(args, { rssFile });
    const out = collect(child.stdout);
    const err = collect(child.stderr);
    // The line looks like a giant POST body: it is JSON until it is too long to hold.
    const block = Buffer.from(`${ev('in-the-huge-line@example.com')},`.repeat(16_000));
    child.stdin.write(`${ev('before@example.com')}\n[`);
    const sent = await writeRepeated(child.stdin, block, lineMb * 1024 * 1024);
    child.stdin.end(`${ev('last-in-line@example.com')}]\n${ev('after@example.com')}\n`);
    const exit = await exited(child);
    expect(sent).toBeGreaterThanOrEqual(lineMb * 1024 * 1024);
    expect(exit).toEqual({ code: 0, signal: null });
    if (args[0] === 'events') expect(emails(out.bytes())).toEqual(['before@example.com', 'after@example.com']);
    else expect(emails(out.bytes())).toEqual(['after@example.com']);
    expect(err.text()).toContain('sgtrail: skipped 1 line longer than 64 MiB (first at stdin:2)');
    const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    expect(peakMb).toBeLessThan(maxMb);
  });

  it('the timeline prefilter copies a long line a bounded number of times (not once per chunk)', () => {
    const scanner = new FramingScanner({ value: () => undefined, skip: () => undefined });
    const filter = new LineBuffer(new NeedleFilter(scanner, ['zed@example.com']), { maxLine: 64 * 1024 * 1024 });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const concat = Buffer.concat;
    let copied = 0;
    Buffer.concat = ((list: readonly Uint8Array[], total?: number) => {
      const out = concat(list, total);
      copied += out.length;
      return out;
    }) as typeof Buffer.concat;
    try {
      for (let i = 0; i < 96; i++) filter.push(chunk); // a 6 MiB line, no newline yet
      filter.push(Buffer.from('\n'));
    } finally {
      Buffer.concat = concat;
    }
    filter.end();
    expect(copied).toBeLessThan(4 * 96 * chunk.length);
  });

  it('timeline --email: the raw-byte prefilter hands an overlong line over, and the next line is still read', () => {
    // The prefilter's path, with a small line limit: the end of the overlong line must not run
    // into the next line the prefilter hands over.
    const values: unknown[] = [];
    const skips: string[] = [];
    const scanner = new FramingScanner(
      { value: (v) => values.push(v), skip: (kind, line) => skips.push(`${kind}:${line}`) },
      { maxLine: 1000 },
    );
    const filter = new LineBuffer(new NeedleFilter(scanner, ['zed@example.com']), { maxLine: 1000 });
    filter.push(Buffer.from(`${ev('other@example.com')}\n`));
    for (let i = 0; i < 40; i++) filter.push(Buffer.alloc(100, 0x61));
    filter.push(Buffer.from(`\n${ev('zed@example.com')}\n`));
    filter.end();
    expect(values).toEqual([JSON.parse(ev('zed@example.com'))]);
    expect(skips).toEqual(['oversize-line:2']);
  });
});

describe('deep nesting', () => {
  const n = 100_000;
  let path = '';
  beforeAll(() => {
    path = tmp.file('deep.log');
    writeFileSync(
      path,
      [
        ev('first@example.com'),
        `${'['.repeat(n)}${']'.repeat(n)}`,
        '['.repeat(n),
        `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
        ev('deep-field@example.com', { x: 0 }).replace('"x":0', `"x":${'['.repeat(n)}${']'.repeat(n)}`),
        JSON.stringify({ level: 30, msg: 'hook', body: `[${ev('deep-in-string@example.com', { x: 0 }).replace('"x":0', `"x":${'['.repeat(n)}${']'.repeat(n)}`)}]` }),
        `2026-11-18T09:05:16Z INFO body=${'['.repeat(n)}`,
        ev('last@example.com'),
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['events', ['events']],
    ['messages --json', ['messages', '--json']],
    ['report --format json', ['report', '--format', 'json']],
  ])('%s: no crash; too deep is skipped, the events around it are read', async (_name, args) => {
    // events through the bin (a crash there is a process dying), the others in-process
    const r = args[0] === 'events' ? sgtrailRaw([...args, path]) : await sgtrailInProcess([...args, path]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/skipped [4-9] broken JSON fragments \(first at .*deep\.log:2\)/);
    if (args[0] === 'report') {
      expect(JSON.parse(r.stdout.toString()).messages).toBe(2);
    } else {
      expect(emails(r.stdout).sort()).toEqual(['first@example.com', 'last@example.com']);
    }
  });
});

describe('bytes that are not text', () => {
  it('invalid UTF-8 inside events and junk lines: events read, output valid UTF-8 JSON', async () => {
    const bad = [
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xc0, 0x80]), // overlong NUL
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
      Buffer.from([0xe2, 0x82]), // cut short
    ];
    const input = Buffer.concat([
      Buffer.from('{"email":"a@example.com","event":"bounce","timestamp":1700000000,"reason":"550 '),
      ...bad,
      Buffer.from(' no"}\n'),
      ...bad.flatMap((b) => [b, Buffer.from(' junk\n')]),
      Buffer.from([0xe2, 0x82, 0x0a]), // a sequence cut by the newline
      Buffer.from(`${ev('b@example.com')}\n`),
      Buffer.from([0xc3]), // the last byte of the input is a lead byte
    ]);
    for (const args of [['events'], ['messages', '--json']]) {
      const r = args[0] === 'events' ? sgtrailRaw(args, { input }) : await sgtrailInProcess(args, { input });
      expect(r.status).toBe(0);
      const lines = validJsonLines(r.stdout);
      if (args[0] === 'events') {
        expect(lines.map((l) => l['email'])).toEqual(['a@example.com', 'b@example.com']);
        expect(lines[0]?.['reason']).toContain('\ufffd');
        expect(r.stderr).toContain('skipped 7 lines with no JSON (server log text) (first at stdin:2)');
      }
    }
  });

  it('NUL bytes: raw in a string is broken JSON, escaped is data, in text is text', () => {
    const input = Buffer.concat([
      Buffer.from('{"email":"raw@example.com","event":"open","timestamp":1700000000,"x":"a'),
      Buffer.from([0]),
      Buffer.from('b"}\n'),
      Buffer.from(`${ev('escaped@example.com', { x: 'a\u0000b' })}\n`),
      Buffer.alloc(4096, 0),
      Buffer.from('\n'),
      Buffer.from([0, 0x7b, 0]), // NUL { NUL
      Buffer.from(`\n${ev('after@example.com')}\n`),
    ]);
    const r = sgtrailRaw(['events'], { input });
    expect(r.status).toBe(0);
    const lines = validJsonLines(r.stdout);
    expect(lines.map((l) => l['email'])).toEqual(['escaped@example.com', 'after@example.com']);
    expect(lines[0]?.['x']).toBe('a\u0000b');
    expect(r.stdout.includes(0)).toBe(false);
    expect(r.stderr).toContain('skipped 1 broken JSON fragment (first at stdin:1)');
    expect(r.stderr).toContain('skipped 2 lines with no JSON (server log text) (first at stdin:3)');
  });

  it('a whole file of NUL bytes (a corrupt or sparse log) is text, not a crash', () => {
    const path = tmp.file('zeros.log');
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024, 0));
    // Under --strict, an input from which nothing was read is an error (issue 13, item 9).
    const r = sgtrailRaw(['events', '--strict', path]);
    expect(r.status).toBe(4);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('skipped 1 line with no JSON');
  });
});

describe('__proto__, constructor and prototype keys', () => {
  const lines = [
    '{"email":"proto@example.com","event":"delivered","timestamp":1700000000,"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
    '{"email":"p2@__proto__","event":"bounce","timestamp":1700000100,"reason":"550 <x@constructor>: no","sg_message_id":"__proto__","__proto__":[1,2]}',
    '{"email":"p3@constructor","event":"deferred","timestamp":1700000200,"category":{"__proto__":{"polluted":"yes"}},"sg_event_id":"constructor"}',
    '{"level":30,"__proto__":{"polluted":"yes"},"body":[{"email":"p4@example.com","event":"open","timestamp":1700000300,"__proto__":null}]}',
  ];
  const input = `${lines.join('\n')}\n`;

  it('the events are read and their keys printed as data', () => {
    const r = sgtrailRaw(['events'], { input });
    expect(r.status).toBe(0);
    const out = validJsonLines(r.stdout);
    expect(out.map((e) => e['email'])).toEqual(['proto@example.com', 'p2@__proto__', 'p3@constructor', 'p4@example.com']);
    expect(Object.hasOwn(out[0] as object, '__proto__')).toBe(true);
    expect(JSON.stringify(out[0])).toContain('"__proto__":{"polluted":"yes","isAdmin":true}');
    const report = sgtrailRaw(['report', '--format', 'json'], { input });
    expect(report.stderr).not.toMatch(STACK_TRACE);
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout.toString()).messages).toBe(4);
  });

  it('nothing reaches Object.prototype in the process (every command, in-process)', async () => {
    const path = tmp.file('proto.ndjson');
    writeFileSync(path, input);
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const args of [
      ['events', path],
      ['messages', path],
      ['timeline', '--json', '--email', 'p2@__proto__', path],
      ['timeline', '--email', 'proto@example.com', path],
      ['report', '--format', 'html', path],
    ]) {
      const r = await sgtrailInProcess(args);
      expect({ args, code: r.status }).toEqual({ args, code: 0 });
      const probe = {} as Record<string, unknown>;
      expect(probe['polluted']).toBeUndefined();
      expect(probe['isAdmin']).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    }
  });
});

describe('fields of the wrong type', () => {
  const input = [
    '{"email":12345,"event":"delivered","timestamp":1700000000,"sg_event_id":"num-email"}',
    '{"email":"ts-object@example.com","event":"delivered","timestamp":{"$date":1700000000},"sg_event_id":"ts-object"}',
    '{"email":"ev-number@example.com","event":5,"timestamp":1700000000}',
    '{"email":"cat-object@example.com","event":"open","timestamp":1700000001,"category":{"a":1}}',
    '{"email":"mid-number@example.com","event":"bounce","timestamp":1700000002,"sg_message_id":12345,"type":["blocked"],"reason":{"code":550},"status":5.1,"attempt":{"n":1},"url":[1],"sg_machine_open":"yes","tls":"x"}',
    '{"email":["arr@example.com"],"event":"processed","timestamp":"yesterday","sg_event_id":{"x":1}}',
    '{"email":null,"event":"delivered","sg_message_id":"","smtp-id":"","timestamp":-5}',
    '{"email":"","event":"","timestamp":"","sg_event_id":"empty"}',
    '{"email":"huge-ts@example.com","event":"delivered","timestamp":1e300,"sg_event_id":"huge-seconds"}',
    '{"email":"mid-number@example.com","event":"deferred","timestamp":9e15,"sg_event_id":"huge-ms"}',
    '',
  ].join('\n');

  it.each([
    ['events', ['events']],
    ['messages --json', ['messages', '--json']],
    ['timeline', ['timeline', '--email', 'mid-number@example.com']],
    ['report', ['report']],
  ])('%s: read without a crash, `event` a number is no event', async (_name, args) => {
    const r = args[0] === 'events' ? sgtrailRaw(args, { input }) : await sgtrailInProcess(args, { input });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    // (timeline's prefilter never parses lines that do not name what it looks for)
    if (args[0] !== 'timeline') expect(r.stderr).toContain('skipped 1 JSON value holding no SendGrid event (first at stdin:3)');
    if (args[0] === 'events') {
      const out = validJsonLines(r.stdout);
      expect(out.map((e) => e['sg_event_id'] ?? e['email'])).toEqual([
        'num-email',
        'ts-object',
        'cat-object@example.com',
        'mid-number@example.com',
        { x: 1 },
        null,
        'empty',
        'huge-seconds',
        'huge-ms',
      ]);
      // No time at all, rather than one no Date can hold.
      for (const i of [1, 7, 8]) expect(out[i]?.['timestamp']).toBeNull();
      expect(out[2]?.['category']).toEqual({ a: 1 });
    }
    if (args.includes('--json') || args.includes('json')) {
      const text = r.stdout.toString();
      if (args[0] === 'report') JSON.parse(text);
      else validJsonLines(r.stdout);
    }
  });
});

describe('inputs that are empty, broken or not files', () => {
  it('a gzip file cut short: the events before the cut are printed, then exit 3 naming the file', () => {
    const plain = Array.from({ length: 2000 }, (_, i) => ev(`u${i}@example.com`, { sg_event_id: `e${i}` })).join('\n');
    const gz = gzipSync(plain);
    const path = tmp.file('cut.log.gz');
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
    const r = sgtrailRaw(['events', path]);
    expect(r.status).toBe(3);
    const out = validJsonLines(r.stdout);
    expect(out.length).toBeGreaterThan(100);
    expect(out.length).toBeLessThan(2000);
    // In input order, without a gap: exactly the events before the cut.
    expect(out.map((e) => e['email'])).toEqual(Array.from({ length: out.length }, (_, i) => `u${i}@example.com`));
    expect(r.stderr).toContain(`sgtrail: cannot read ${path}: corrupt gzip data (unexpected end of file)`);
    // report also uses what was read, and exits 3.
    for (const args of [['report', '--format', 'json']]) {
      const m = sgtrailRaw([...args, path]);
      expect(m.status).toBe(3);
      expect(m.stdout.length).toBeGreaterThan(0);
      expect(m.stderr).toContain(`cannot read ${path}`);
    }
  });

  it('gzip magic followed by garbage: exit 3 naming the file', () => {
    const path = tmp.file('garbage.gz');
    writeFileSync(path, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not deflate data at all\n'.repeat(50))]));
    const r = sgtrailRaw(['events', path]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`cannot read ${path}: corrupt gzip data`);
  });

  it('an empty file, and empty stdin: nothing, exit 0, no summary', () => {
    const path = tmp.file('empty.log');
    writeFileSync(path, '');
    for (const r of [sgtrailRaw(['events', path]), sgtrailRaw(['messages'], { input: '' })]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
    // Under --strict, nothing read is an error (issue 13, item 9).
    for (const r of [sgtrailRaw(['events', '--strict', path]), sgtrailRaw(['messages', '--strict'], { input: '' })]) {
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/--strict: nothing was read/);
    }
  });

  it('a directory given as FILE: exit 3, and the other files are still read', () => {
    const dir = tmp.file('a-dir.log');
    mkdirSync(dir);
    const good = tmp.file('good.log');
    writeFileSync(good, `${ev('good@example.com')}\n`);
    const r = sgtrailRaw(['events', dir, good]);
    expect(r.status).toBe(3);
    expect(emails(r.stdout)).toEqual(['good@example.com']);
    expect(r.stderr).toContain(`sgtrail: cannot read ${dir}: is a directory, not a log file`);
  });

  it('a file of only blank lines: nothing to report; under --strict, that nothing was read', () => {
    const r = sgtrailRaw(['events'], { input: '\n\r\n   \n\t\n \r\n'.repeat(1000) });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toBe('');
    expect(sgtrailRaw(['events', '--strict'], { input: '\n\n' }).status).toBe(4);
  });

  it('a huge number of tiny lines is read in linear time, each counted', () => {
    const lines: string[] = [];
    for (let i = 0; i < 150_000; i++) lines.push(i % 3 === 0 ? `{"event":"o","email":"${i % 1000}"}` : i % 3 === 1 ? 'x' : '');
    const started = Date.now();
    const r = sgtrailRaw(['events'], { input: `${lines.join('\n')}\n` });
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    // 50,000 tiny events (no timestamp and no sg_event_id: nothing to tell copies by, so all are kept)
    expect(ndjson(r.stdout.toString())).toHaveLength(50_000);
    expect(r.stderr).toContain('skipped 50000 lines with no JSON (server log text) (first at stdin:2)');
  });
});
