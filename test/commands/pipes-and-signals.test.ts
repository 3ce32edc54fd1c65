import { createReadStream, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSync } from '../../scripts/generate.mjs';
import { collect, exited, rssKb, sleep, spawnSgtrail, STACK_TRACE, tempDir, writeRepeated } from '../helpers/cli.js';

/**
 * Issue 7, part 4: `| head` ends quietly, a slow reader holds sgtrail back instead of filling its
 * memory, and Ctrl-C stops it with exit 130 and only whole lines on stdout.
 */

const tmp = tempDir('pipes');
let log = '';
let reasons = '';
let someEmail = '';
afterAll(() => tmp.remove());

beforeAll(() => {
  const g = generateSync({ messages: 800, seed: 11, framing: 'mixed' });
  log = tmp.file('big.log');
  writeFileSync(log, g.text);
  someEmail = g.messages[0]?.email as string;
  reasons = tmp.file('reasons.txt');
  writeFileSync(reasons, Array.from({ length: 30_000 }, (_, i) => `550 5.1.1 <user${i}@example.com>: Recipient address rejected: User unknown`).join('\n'));
});

const eventLine = (i: number) =>
  `{"email":"user${i}@example.com","event":"delivered","timestamp":${1_700_000_000 + i},"sg_event_id":"ev-${i}","response":"250 2.0.0 OK ${'x'.repeat(40)}"}\n`;

/** Writes distinct events (no duplicates to remove) until `bytes` are written or `stop()`; backpressure honoured. */
async function feedEvents(stream: NodeJS.WritableStream, bytes: number, stop: () => boolean = () => false, fed?: (n: number) => void): Promise<void> {
  let sent = 0;
  for (let i = 0; sent < bytes && !stop(); ) {
    let block = '';
    for (const end = i + 2000; i < end; i++) block += eventLine(i);
    sent += await writeRepeated(stream, Buffer.from(block), block.length);
    fed?.(sent);
  }
}

/** How the reader goes away: after the first line (`| head -1`), or before sgtrail writes anything. */
type Close = 'after-first-line' | 'at-once' | 'at-once, stderr too';

const HEAD: [string, string[], Close][] = [
  ['events', ['events'], 'after-first-line'],
  ['messages (tab-separated)', ['messages'], 'after-first-line'],
  ['messages --json', ['messages', '--json'], 'after-first-line'],
  ['timeline', ['timeline', '--email', '@EMAIL'], 'at-once'],
  ['report', ['report'], 'at-once'],
  ['report --format json, stderr closed too (2>&1 | head)', ['report', '--format', 'json'], 'at-once, stderr too'],
  ['explain (stdin lines)', ['explain'], 'after-first-line'],
];

describe('| head ends quietly', () => {
  it.concurrent.each(HEAD)('%s', async (_name, args, close) => {
    const explain = args[0] === 'explain';
    const child = spawnSgtrail([...args.map((a) => (a === '@EMAIL' ? someEmail : a)), ...(explain ? [] : [log])]);
    const err = collect(child.stderr);
    child.stdin.on('error', () => undefined);
    if (explain) {
      createReadStream(reasons).pipe(child.stdin);
    } else {
      child.stdin.end();
    }
    if (close === 'after-first-line') {
      let seen = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (c: Buffer) => {
          seen += c.toString();
          if (seen.includes('\n')) {
            child.stdout.destroy();
            resolve();
          }
        });
      });
      expect(seen.length).toBeGreaterThan(0);
    } else {
      child.stdout.destroy();
      if (close === 'at-once, stderr too') child.stderr.destroy();
    }
    const exit = await exited(child);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(err.text()).not.toMatch(STACK_TRACE);
    expect(err.text()).not.toMatch(/EPIPE/);
  });
});

describe('a slow reader', () => {
  it('events: sgtrail waits for the reader (backpressure) instead of buffering without bound', async () => {
    const child = spawnSgtrail(['events']);
    let fed = 0;
    let stop = false;
    child.stdin.on('error', () => undefined);
    // Feed as fast as sgtrail accepts: up to 60 MB.
    const feeding = feedEvents(child.stdin, 60 * 1024 * 1024, () => stop, (n) => (fed = n));
    // Read slowly: one chunk (at most 64 KiB), then a 25 ms pause.
    let consumed = 0;
    let slow = true;
    let tail = '';
    child.stdout.on('data', (c: Buffer) => {
      consumed += c.length;
      tail = c.toString('latin1').slice(-1);
      if (!slow) return;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 25);
    });
    const samples: { rss: number; fed: number; consumed: number }[] = [];
    for (let t = 0; t < 10; t++) {
      await sleep(100);
      samples.push({ rss: rssKb(child.pid as number) ?? 0, fed, consumed });
    }
    stop = true;
    slow = false;
    const maxRssMb = Math.max(...samples.map((s) => s.rss)) / 1024;
    const last = samples[samples.length - 1] as { fed: number; consumed: number };
    // Then let it finish: what it was given comes out, ending in a whole line.
    await feeding;
    child.stdin.end();
    const exit = await exited(child);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(last.consumed).toBeGreaterThan(512 * 1024);
    // Input taken in can run ahead of output read only by the pipes' and one chunk's worth.
    // (each event comes out a little longer than it went in)
    expect(last.fed - last.consumed).toBeLessThan(4 * 1024 * 1024);
    expect(fed).toBeLessThan(20 * 1024 * 1024);
    expect(maxRssMb).toBeLessThan(150);
    expect(tail).toBe('\n');
  });
});

describe('Ctrl-C (SIGINT)', () => {
  it('while events streams: exit 130 promptly, and stdout holds only whole JSON lines', async () => {
    const child = spawnSgtrail(['events']);
    const out = collect(child.stdout);
    const err = collect(child.stderr);
    child.stdin.on('error', () => undefined);
    // Plenty of input, and stdin stays open: only the signal can end this run.
    void feedEvents(child.stdin, 30 * 1024 * 1024, () => child.exitCode !== null || child.signalCode !== null);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const sent = Date.now();
    child.kill('SIGINT');
    const exit = await exited(child);
    expect(exit).toEqual({ code: 130, signal: null });
    expect(Date.now() - sent).toBeLessThan(3000);
    const text = out.text();
    expect(text.length).toBeGreaterThan(0);
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.slice(0, -1).split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(err.text()).not.toMatch(STACK_TRACE);
  });

  it.concurrent.each([
    ['events', ['events']],
    ['report', ['report']],
    ['explain', ['explain']],
  ])('%s waiting on an idle stdin: exit 130, nothing on stdout', async (_name, args) => {
    const child = spawnSgtrail(args);
    const out = collect(child.stdout);
    const err = collect(child.stderr);
    // Half a line, and no more. It is longer than a pipe holds: once it is all written, sgtrail
    // is reading, so it has started and installed its handler (before, Node's default would apply).
    await writeRepeated(child.stdin, Buffer.alloc(256 * 1024, 0x78), 256 * 1024);
    await sleep(100);
    const sent = Date.now();
    child.kill('SIGINT');
    const exit = await exited(child);
    expect(exit).toEqual({ code: 130, signal: null });
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(out.text()).toBe('');
    expect(err.text()).not.toMatch(STACK_TRACE);
  });

  it('a reader that never reads: a second Ctrl-C exits at once', async () => {
    const child = spawnSgtrail(['events']);
    child.stdout.pause();
    child.stdin.on('error', () => undefined);
    let fed = 0;
    void feedEvents(child.stdin, 30 * 1024 * 1024, () => child.exitCode !== null || child.signalCode !== null, (n) => (fed = n));
    // Reading (so started), and soon stuck behind the reader that never reads.
    while (fed === 0) await sleep(20);
    await sleep(300);
    child.kill('SIGINT');
    await sleep(300);
    if (child.exitCode === null) child.kill('SIGINT');
    const exit = await exited(child);
    expect(exit).toEqual({ code: 130, signal: null });
    child.stdout.destroy();
  });
});
