import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '../../src/events/recognize.js';
import { ROOT } from '../helpers/cli.js';
import { scan, type ScanResult } from '../helpers/scan.js';
import { assemble, chunkSizes, docSpec, type Doc } from '../helpers/hostile-input.js';

/**
 * Issue 7, part 1: the framing scanner on random logs (test/hardening/gen.ts) — every framing of
 * docs/rules.md#input-framings mixed, junk between and inside lines, broken fragments, random chunk sizes.
 * fast-check prints the seed and the shrunk counterexample when a property fails.
 */

interface Found {
  /** How often each event ID came out. */
  counts: Map<string, number>;
  nonEvents: number;
  skips: Map<string, { count: number; first: number }>;
}

function found(r: ScanResult): Found {
  const counts = new Map<string, number>();
  let nonEvents = 0;
  for (const v of r.values) {
    collectEvents(v.value, {
      event: (obj) => counts.set(String(obj['sg_event_id']), (counts.get(String(obj['sg_event_id'])) ?? 0) + 1),
      nonEvent: () => nonEvents++,
    });
  }
  const skips = new Map<string, { count: number; first: number }>();
  for (const s of r.skips) {
    const e = skips.get(s.kind);
    if (e) e.count++;
    else skips.set(s.kind, { count: 1, first: s.line });
  }
  return { counts, nonEvents, skips };
}

/** How often each event must come out: once, plus once per exact copy and per retry copy. */
function wanted(doc: Doc): Map<string, number> {
  const w = new Map<string, number>();
  for (const id of doc.expected.keys()) w.set(id, 1 + (doc.exactCopies.get(id) ?? 0));
  for (const id of doc.copies.keys()) w.set(id, 1);
  return w;
}

/** The invariants that hold for any input, fragments or not. */
function checkFound(doc: Doc, f: Found): void {
  const w = wanted(doc);
  // Every event outside a broken fragment exactly as often as it is in the input.
  for (const [id, n] of w) expect({ id, found: f.counts.get(id) ?? 0 }).toEqual({ id, found: n });
  for (const [id, n] of f.counts) {
    if (w.has(id)) continue;
    // Anything else is an event of a broken fragment, recovered at most once; never an invention.
    expect(doc.inFragments.has(id), `unexpected event ${id}`).toBe(true);
    expect({ id, found: n }).toEqual({ id, found: 1 });
  }
  const broken = f.skips.get('broken-json');
  if (doc.fragments.length === 0) {
    expect(broken).toBeUndefined();
  } else {
    // Each fragment is reported (a fragment spanning lines can be reported once per level).
    expect(broken?.count ?? 0).toBeGreaterThanOrEqual(doc.fragments.length);
    expect(broken?.first).toBe(doc.fragments[0]);
  }
  expect(f.nonEvents).toBeGreaterThanOrEqual(doc.nonEventLines.length);
  expect(f.skips.get('oversize-line')).toBeUndefined();
}

/** What holds exactly when nothing is broken: every skipped value and text line is counted once. */
function checkClean(doc: Doc, f: Found): void {
  expect(f.nonEvents).toBe(doc.nonEventLines.length);
  const text = f.skips.get('text');
  expect(text?.count ?? 0).toBe(doc.textLines.length);
  if (doc.textLines.length > 0) expect(text?.first).toBe(doc.textLines[0]);
}

describe('property: the scanner finds every event once, whatever the framing, junk and chunking', () => {
  it('clean logs: exact counts of events, values without events and text lines', () => {
    fc.assert(
      fc.property(docSpec({ fragments: false }), chunkSizes, (spec, sizes) => {
        const doc = assemble(spec);
        const r = scan(doc.bytes, sizes);
        const f = found(r);
        checkFound(doc, f);
        checkClean(doc, f);
      }),
      { numRuns: 400 },
    );
  });

  it('logs with broken fragments: a fragment costs only itself, and is reported', () => {
    fc.assert(
      fc.property(docSpec({ fragments: true, maxUnits: 16 }), chunkSizes, (spec, sizes) => {
        const doc = assemble(spec);
        const r = scan(doc.bytes, sizes);
        // The same result whatever the chunk sizes (the scanner alone knows chunk boundaries).
        expect(r).toEqual(scan(doc.bytes));
        checkFound(doc, found(r));
      }),
      { numRuns: 800 },
    );
  });
});

describe('property: a log cut at any byte', () => {
  it('finds every value that ended before the cut, once, and reports a cut inside a value', () => {
    fc.assert(
      fc.property(docSpec({ fragments: false, maxUnits: 5 }), (spec) => {
        const doc = assemble(spec);
        // Every byte of a short log (the cost grows with the square of the length).
        fc.pre(doc.bytes.length <= 2000);
        for (let cut = 0; cut <= doc.bytes.length; cut++) {
          const f = found(scan(doc.bytes.subarray(0, cut)));
          const inside = doc.values.find((v) => v.start < cut && cut < v.end);
          for (const v of doc.values) {
            if (v.end > cut) continue;
            for (const id of v.ids) expect({ cut, id, found: f.counts.has(id) }).toEqual({ cut, id, found: true });
          }
          for (const [id, n] of f.counts) {
            // Once per value that ended before the cut, plus at most once from the value it cut
            // (a pretty-printed body cut after some whole elements gives those back).
            const complete = doc.values.filter((x) => x.ids.includes(id) && x.end <= cut).length;
            const cutHere = inside?.ids.includes(id) === true ? 1 : 0;
            expect({ cut, id, ok: n >= complete && n <= complete + cutHere && n > 0 }).toEqual({ cut, id, ok: true });
          }
          // A cut inside a value leaves a broken fragment; elsewhere only a cut right after a `[`
          // or `{` does (in `[INFO]`, say: a `[` ending a line is how a log line opens a body).
          const broken = (f.skips.get('broken-json')?.count ?? 0) > 0;
          const tail = doc.bytes.subarray(0, cut).toString('latin1').replace(/[ \t\r]+$/, '');
          const opener = tail.endsWith('[') || tail.endsWith('{');
          if (inside !== undefined) expect({ cut, broken }).toEqual({ cut, broken: true });
          else if (!opener) expect({ cut, broken }).toEqual({ cut, broken: false });
        }
      }),
      { numRuns: 10 },
    );
  });

  it('samples/story.log: no exception, and no event more often than in the whole file, at any cut', () => {
    const bytes = readFileSync(join(ROOT, 'samples/story.log'));
    const whole = found(scan(bytes)).counts;
    expect(whole.size).toBeGreaterThan(0);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const f = found(scan(bytes.subarray(0, cut)));
      for (const [id, n] of f.counts) expect({ cut, id, ok: n <= (whole.get(id) ?? 0) }).toEqual({ cut, id, ok: true });
    }
  });
});
