import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress, progressLine } from '../../src/output/progress.js';
import { sgtrail } from '../helpers/golden.js';

function harness(opts: { minBytes?: number } = {}) {
  let now = 0;
  let written = '';
  const stream = new PassThrough();
  stream.on('data', (d: Buffer) => {
    written += d.toString();
  });
  const p = new Progress({ stream, now: () => now, ...opts });
  return {
    p,
    tick: (ms: number) => {
      now += ms;
    },
    out: () => written,
  };
}

const BIG = 100_000_000;

describe('Progress', () => {
  it('nothing during the first second', () => {
    const h = harness();
    h.tick(900);
    h.p.update({ bytes: 1, total: BIG, events: 10 });
    h.p.done();
    expect(h.out()).toBe('');
  });

  it('nothing for a small input, however long it takes', () => {
    const h = harness();
    h.tick(5000);
    h.p.update({ bytes: 1000, total: 19_000_000, events: 10 });
    h.p.done();
    expect(h.out()).toBe('');
  });

  it('draws after a second, at most ten times a second, and clears at the end', () => {
    const h = harness();
    h.tick(1000);
    h.p.update({ bytes: 25_000_000, total: BIG, events: 50_000 });
    expect(h.out()).toBe('\rsgtrail: reading 25.0 MB of 100.0 MB (25%), 50,000 events/s\u001b[K');
    for (let i = 0; i < 20; i++) {
      h.tick(10);
      h.p.update({ bytes: 25_000_000 + i, total: BIG, events: 50_000 + i });
    }
    expect(h.out().split('\r').length - 1).toBe(3); // 1 + two more in 200 ms
    h.p.done();
    expect(h.out().endsWith('\r\u001b[K')).toBe(true);
  });

  it('stdin (unknown size) counts as large', () => {
    const h = harness();
    h.tick(2000);
    h.p.update({ bytes: 3_000_000, total: null, events: 4000 });
    expect(h.out()).toBe('\rsgtrail: reading 3.0 MB, 2,000 events/s\u001b[K');
  });

  it('progressLine', () => {
    expect(progressLine({ bytes: 0, total: 0, events: 0 }, 0)).toBe('sgtrail: reading 0 B of 0 B (100%), 0 events/s');
  });

  it('the CLI writes no progress when stderr is not a terminal', () => {
    const r = sgtrail(['report', 'test/fixtures/report/mixed.log']);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('reading');
  });
});
