import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { lifecycleRank } from '../../src/messages/lifecycle.js';
import { sgtrailInProcess, STACK_TRACE, tempDir } from '../helpers/cli.js';

/**
 * Defects found by issue 7's hostile-input tests in files outside that issue's scope, fixed
 * since: each test states the wanted behaviour (they were `it.fails` until the fixes landed).
 */

const tmp = tempDir('known-defects');
afterAll(() => tmp.remove());
const ev = (extra: string) => `{"email":"a@example.com","event":"bounce","timestamp":1700000000,"reason":"550 no"${extra}}\n`;

/** In-process: a throw anywhere in the pipeline rejects `run` and fails the test as a crash would. */
async function readsCleanly(args: string[], input: string): Promise<void> {
  const r = await sgtrailInProcess(args, { input });
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.status).toBe(0);
}

describe('defects found by the hostile-input tests (outside issue 7\'s files)', () => {
  // src/events/normalize.ts: `category.map((c) => String(c))` throws for an object whose own
  // `toString`/`valueOf` is not a function (JSON can make such objects). Fix: JSON.stringify
  // anything that is not a string.
  it('category [{"toString":1}] does not crash events (normalize.ts)', async () => {
    await readsCleanly(['events'], ev(',"category":[{"toString":1}]'));
  });

  // src/render/time.ts (and src/events/timestamp.ts): a timestamp beyond Date's range (1e300,
  // 9e15 ms) becomes a number of seconds that `new Date(...).toISOString()` rejects with a
  // RangeError in every command that prints times. Fix: toUnixSeconds returns null beyond
  // ±8.64e12 s.
  it.each([['messages'], ['report'], ['timeline', '--email', 'a@example.com']])(
    'a timestamp of 1e300 does not crash %s (time.ts / timestamp.ts)',
    async (...args) => {
      await readsCleanly(args, ev(',"timestamp":1e300'));
    },
  );

  // src/render/style.ts: `byEvent[name] ?? chalk.white` looks the event name up on a plain object,
  // so `hasOwnProperty`, `valueOf` and `__proto__` find Object.prototype members: the human
  // timeline throws (or prints "[object Undefined]" for `toString`). Fix: Object.hasOwn, or a Map.
  it.each([['hasOwnProperty'], ['__proto__'], ['toString']])(
    'an event named %s is shown by timeline (style.ts)',
    async (name) => {
      const r = await sgtrailInProcess(['timeline', '--email', 'a@example.com'], {
        input: `{"email":"a@example.com","event":"delivered","timestamp":1700000000}\n{"email":"a@example.com","event":"${name}","timestamp":1700000100}\n`,
      });
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.status).toBe(0);
      // Event names are read case-insensitively (docs/rules.md#normalization): shown lower-cased.
      expect(r.stdout.toString()).toContain(` ${name.toLowerCase()} `);
    },
  );

  // src/messages/lifecycle.ts: the same lookup; `constructor` ranks as a function, and sorting
  // with NaN comparisons orders events arbitrarily. Fix: Object.hasOwn(RANK, event).
  it('the lifecycle rank of an event named constructor is a number (lifecycle.ts)', () => {
    expect(typeof lifecycleRank('constructor')).toBe('number');
  });

  // src/app/read-events.ts: when the reader goes away (`| head`), reading stops mid-chunk and
  // `sink.end()` still runs, so the cut last line counts as a broken fragment: a false
  // "skipped 1 broken JSON fragment" on stderr, and exit 4 under --strict. Fix: after
  // `stopped()`, do not end the scanner (drop what it holds).
  it('events --strict | head -1 exits 0 (read-events.ts)', async () => {
    const path = tmp.file('many.ndjson');
    writeFileSync(path, Array.from({ length: 60_000 }, (_, i) => `{"email":"u${i}@example.com","event":"open","timestamp":${1_700_000_000 + i}}`).join('\n'));
    const { spawnSgtrail, exited, collect } = await import('../helpers/cli.js');
    const child = spawnSgtrail(['events', '--strict', path]);
    const err = collect(child.stderr);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const exit = await exited(child);
    expect(err.text()).not.toContain('broken JSON');
    expect(exit.code).toBe(0);
  });
});

describe('texts holding the characters a key could be joined with (found in review of the column store)', () => {
  it('messages --category b lists the send categorised [a, b], not the one categorised ["a\\u0000b"]', async () => {
    const input = [
      '{"email":"one@x.com","event":"processed","timestamp":1794992716,"sg_message_id":"AAAAAAAAAAAAAAAAAAAAA1.f1","category":["a","b"]}',
      '{"email":"two@x.com","event":"processed","timestamp":1794992717,"sg_message_id":"AAAAAAAAAAAAAAAAAAAAA2.f1","category":["a\\u0000b"]}',
    ].join('\n');
    const r = await sgtrailInProcess(['messages', '--json', '--category', 'b'], { input });
    expect(r.status).toBe(0);
    expect(r.stdout.toString().trim().split('\n').map((l) => (JSON.parse(l) as { email: string }).email)).toEqual(['one@x.com']);
  });
});
