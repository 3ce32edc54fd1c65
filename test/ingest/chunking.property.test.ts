import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { scan } from '../helpers/scan.js';

const SAMPLES = ['samples/story.log', 'samples/day.log'].filter((p) => existsSync(join(ROOT, p)));

describe('property: the same values whatever chunk sizes the input arrives in', () => {
  it.each(SAMPLES)('%s', (path) => {
    const bytes = readFileSync(join(ROOT, path));
    const whole = scan(bytes);
    expect(whole.values.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 16 }), (sizes) => {
        expect(scan(bytes, sizes)).toEqual(whole);
      }),
      { numRuns: path.endsWith('story.log') ? 300 : 40 },
    );
  });
});
