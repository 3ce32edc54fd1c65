import fc from 'fast-check';
import { describe, it } from 'vitest';
import { LineBuffer } from '../../src/ingest/line-buffer.js';
import { NeedleFilter } from '../../src/ingest/needle-filter.js';
import { FramingScanner } from '../../src/ingest/scanner.js';

/**
 * Every scanner path is linear in its input: a line made of a random unit repeated 4× as often
 * takes about 4× the time, never about 16×. Times are compared within one run (best of three),
 * never against a clock budget.
 */
function best(fn: () => void): number {
  let t = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fn();
    t = Math.min(t, performance.now() - start);
  }
  return t;
}

const sink = { value: () => undefined, skip: () => undefined };

/** Pieces that exercise the scanner's paths: openers that open nothing, values, strings, blanks, times. */
const piece = fc.constantFrom('{', '[', '}', ']', '{}', '[]', '{"a":1}', '["x"]', ' ', '  ', 'text', '"', '\\"', ':', ',', '=', '2026-11-18 09:00:00 ', '{"event":"open","email":"a@b.co"}', 'a@b.co');
const unit = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

function scanLine(line: Buffer, needles: string[] | null): void {
  const scanner = new FramingScanner(sink);
  const lines = new LineBuffer(needles ? new NeedleFilter(scanner, needles) : scanner);
  lines.push(line);
  lines.end();
}

/**
 * The time ratio of 4× the input, the smallest of up to three measurements: a busy machine can
 * slow one measurement down, while quadratic work gives about 16 every time.
 */
function stableRatio(measure: () => number): number {
  let r = measure();
  for (let i = 0; i < 2 && r >= 9; i++) r = Math.min(r, measure());
  return r;
}

function ratio(u: string, needles: string[] | null): number {
  const reps = Math.max(1, Math.floor(150_000 / u.length));
  const small = Buffer.from(`${u.repeat(reps)}\n`);
  const large = Buffer.from(`${u.repeat(reps * 4)}\n`);
  scanLine(small, needles); // warm up the JIT on this shape
  return stableRatio(() => best(() => scanLine(large, needles)) / Math.max(best(() => scanLine(small, needles)), 0.05));
}

describe('linear time on one long line', () => {
  it('the framing scanner', () => {
    fc.assert(fc.property(unit, (u) => ratio(u, null) < 9), { numRuns: 25 });
  });

  it('the needle filter, with a needle that occurs and one that never does', () => {
    fc.assert(fc.property(unit, (u) => ratio(u, ['a@b.co', 'never@nowhere.example']) < 9), { numRuns: 25 });
  });

  it('many lines of the unit (the filter and scanner per line)', () => {
    fc.assert(
      fc.property(unit, (u) => {
        const line = `${u}\n`;
        const reps = Math.max(1, Math.floor(150_000 / line.length));
        const small = Buffer.from(line.repeat(reps));
        const large = Buffer.from(line.repeat(reps * 4));
        const run = (b: Buffer) => () => scanLine(b, ['a@b.co', 'never@nowhere.example']);
        run(small)();
        return stableRatio(() => best(run(large)) / Math.max(best(run(small)), 0.05)) < 9;
      }),
      { numRuns: 15 },
    );
  });
});
