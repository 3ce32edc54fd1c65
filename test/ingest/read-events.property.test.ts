import { inEnglish } from '../../src/i18n/catalog.js';

const ENGLISH = inEnglish();
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../src/ingest/read-events.js';
import { run } from '../../src/cli/program.js';
import { Deduper } from '../../src/events/dedupe.js';
import { normalizeEvent } from '../../src/events/normalize.js';
import { collectEvents } from '../../src/events/recognize.js';
import type { JsonObject, SgEvent } from '../../src/events/types.js';
import { eventRecord } from '../../src/render/event-json.js';
import { skippedSummary } from '../../src/render/summary.js';
import { assemble, chunkSizes, docSpec, type Doc } from '../helpers/hostile-input.js';

/**
 * Issue 7, part 1, through the whole input stage (sources → scanner → recognize → normalize →
 * dedupe), as every command reads: stdin arriving in random chunks.
 *
 * Accounting, as read-events/accounting provide it, maps onto the generated log like this:
 *   events in  = distinct events outside fragments (E) + their copies (C) + events inside
 *                broken fragments (F)
 *   eventsRead = onEvent calls + onDuplicate calls        (every event found, copies included)
 *   duplicates = onDuplicate calls = C                    (exact copies and retries)
 *   events in  = onEvent + duplicates + lost, where lost ⊆ F
 * Lost events are not counted one by one: the accounting counts broken *fragments*, not the
 * events they held (it cannot know how many a cut value held). So the summary can only say that
 * something was lost: at least one `broken-json` per fragment, first at the first fragment.
 */

function chunked(bytes: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    chunks.push(bytes.subarray(pos, pos + n));
    pos += n;
  }
  return Readable.from(chunks);
}

async function read(doc: Doc, sizes: number[]) {
  const kept: SgEvent[] = [];
  const copies: SgEvent[] = [];
  const result = await readEvents(
    { files: [], stdin: chunked(doc.bytes, sizes) },
    { event: (e) => void kept.push(e), duplicate: (e) => void copies.push(e) },
  );
  return { kept, copies, result };
}

function prototypeIsClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

describe('property: the input stage accounts for every event', () => {
  it('events in = events out + duplicates + lost (lost only inside reported broken fragments)', async () => {
    await fc.assert(
      fc.asyncProperty(docSpec({ fragments: true, maxUnits: 14 }), chunkSizes, async (spec, sizes) => {
        const doc = assemble(spec);
        const { kept, copies, result } = await read(doc, sizes);
        const acc = result.accounting;
        expect(result.errors).toEqual([]);

        const out = new Map<string, SgEvent>();
        for (const e of kept) {
          const id = e.sgEventId as string;
          expect(out.has(id), `${id} came out twice`).toBe(false);
          out.set(id, e);
        }
        // Every event outside a fragment, once, with the line it starts on.
        for (const [id, line] of doc.expected) {
          expect({ id, source: out.has(id) ? `${out.get(id)?.file}:${out.get(id)?.line}` : 'lost' }).toEqual({ id, source: `stdin:${line}` });
        }
        for (const id of out.keys()) expect(doc.expected.has(id) || doc.inFragments.has(id), `invented ${id}`).toBe(true);

        // Copies: every exact copy and every retry (same content, new sg_event_id) is removed.
        const exact = [...doc.exactCopies.values()].reduce((a, b) => a + b, 0);
        expect(copies.length).toBe(exact + doc.copies.size);
        for (const c of copies) expect(doc.exactCopies.has(c.sgEventId as string) || doc.copies.has(c.sgEventId as string)).toBe(true);

        const eventsIn = doc.expected.size + exact + doc.copies.size + doc.inFragments.size;
        const lost = [...doc.inFragments].filter((id) => !out.has(id)).length;
        expect(eventsIn).toBe(kept.length + copies.length + lost);
        expect(acc.eventsRead).toBe(kept.length + copies.length);
        expect(acc.duplicates).toBe(copies.length);

        const broken = acc.skipped['broken-json'];
        if (doc.fragments.length === 0) {
          expect(broken).toBeUndefined();
        } else {
          expect(broken?.count ?? 0).toBeGreaterThanOrEqual(doc.fragments.length);
          expect(broken?.first).toBe(`stdin:${doc.fragments[0]}`);
        }
        if (lost > 0) expect(broken?.count ?? 0).toBeGreaterThan(0);
        expect(acc.skipped['no-event']?.count ?? 0).toBeGreaterThanOrEqual(doc.nonEventLines.length);
        expect(acc.skipped['oversize-line']).toBeUndefined();
        if (doc.fragments.length === 0) {
          expect(acc.skipped['no-event']?.count ?? 0).toBe(doc.nonEventLines.length);
          if (doc.nonEventLines.length > 0) expect(acc.skipped['no-event']?.first).toBe(`stdin:${doc.nonEventLines[0]}`);
          expect(acc.skipped['text']?.count ?? 0).toBe(doc.textLines.length);
          if (doc.textLines.length > 0) expect(acc.skipped['text']?.first).toBe(`stdin:${doc.textLines[0]}`);
        }

        // The summary on stderr says exactly what the accounting holds.
        const summary = skippedSummary(acc, ENGLISH);
        // One and more: "1 broken JSON fragment", "2 broken JSON fragments".
        const descriptions: Record<string, [string, string]> = {
          'broken-json': ['broken JSON fragment', 'broken JSON fragments'],
          'no-event': ['JSON value holding no SendGrid event', 'JSON values holding no SendGrid event'],
          'oversize-line': ['line longer than 64 MiB', 'lines longer than 64 MiB'],
          text: ['line with no JSON (server log text)', 'lines with no JSON (server log text)'],
        };
        const expectedSummary = ['broken-json', 'no-event', 'oversize-line', 'text'].flatMap((k) => {
          const s = acc.skipped[k as keyof typeof acc.skipped];
          return s ? [`sgtrail: skipped ${s.count} ${descriptions[k]?.[s.count === 1 ? 0 : 1]} (first at ${s.first})`] : [];
        });
        if (copies.length > 0) expectedSummary.push(`sgtrail: removed ${copies.length} duplicate event${copies.length === 1 ? '' : 's'}`);
        expect(summary).toEqual(expectedSummary);

        // What `events` prints is valid JSON whatever bytes the log held.
        for (const e of kept) {
          const line = JSON.stringify(eventRecord(e));
          expect(JSON.parse(line)['sg_event_id']).toBe(e.sgEventId);
        }
        prototypeIsClean();
      }),
      { numRuns: 250 },
    );
  });
});

// ───────────────────────────────────────────── the normalizer on wrong field types

/** Keys that name Object.prototype members: as data they must stay data. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON'];
/** Random keys, and the hostile ones on purpose. */
const safeKey = fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom(...HOSTILE_KEYS));
const safeJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1e300, -0, 1.5),
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.constantFrom('', ' ', '1700000000', '1700000000000', '2026-11-18T09:05:16Z', 'not a time', '\ud800', '\u0000'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(safeKey, tie('value')), { maxLength: 3 }).map((pairs) => ({ pairs })),
  ),
})).value;

/** JSON text of a value; `{ pairs }` becomes an object (so `__proto__` is an own key, as JSON.parse makes it). */
function jsonText(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'pairs' in (v as object)) {
    const pairs = (v as { pairs: [string, unknown][] }).pairs;
    return `{${pairs.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return JSON.stringify(v) ?? 'null';
}

const FIELDS = ['email', 'timestamp', 'category', 'sg_message_id', 'smtp-id', 'sg_event_id', 'attempt', 'tls', 'sg_machine_open', 'type', 'reason', 'response', 'status', 'url', 'ip'];

describe('property: normalizing events with fields of any type', () => {
  it('never throws, never pollutes Object.prototype, and always prints valid JSON', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.array(fc.tuple(fc.constantFrom(...FIELDS, ...HOSTILE_KEYS), safeJson), { maxLength: 10 }),
        fc.boolean(),
        (event, fields, withEmail) => {
          const pairs = fields.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
          // A string `event` and one ID field make it an event (docs/rules.md#input-framings).
          const text = `{${[`"event":${JSON.stringify(event)}`, withEmail ? '"email":"a@example.com"' : '"sg_event_id":"x"', ...pairs].join(',')}}`;
          const value = JSON.parse(text) as unknown;
          const seen: JsonObject[] = [];
          collectEvents(value, { event: (o) => seen.push(o), nonEvent: () => undefined });
          const dedupe = new Deduper();
          for (const obj of seen) {
            const e = normalizeEvent(obj, { file: 'stdin', line: 1, seq: 0, contextTime: undefined });
            dedupe.isCopy(e);
            expect(typeof e.event).toBe('string');
            expect(e.timestamp === null || (Number.isFinite(e.timestamp) && e.timestamp >= 0)).toBe(true);
            const category = e.fields['category'];
            if (Array.isArray(category)) for (const c of category) expect(typeof c).toBe('string');
            expect(e.fields['sg_message_id']).not.toBe('');
            const printed = JSON.parse(JSON.stringify(eventRecord(e))) as Record<string, unknown>;
            expect(printed['source']).toBe('stdin:1');
            // Hostile keys are kept as data, like any custom field.
            for (const k of HOSTILE_KEYS) expect(Object.hasOwn(printed, k)).toBe(Object.hasOwn(obj, k));
          }
          prototypeIsClean();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every command gets through events with fields of any type (in-process)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgtrail-types-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              event: fc.constantFrom('processed', 'delivered', 'deferred', 'bounce', 'dropped', 'open', 'click', 'spamreport', 'x', ...HOSTILE_KEYS),
              fields: fc.array(fc.tuple(fc.constantFrom(...FIELDS.filter((f) => f !== 'email'), ...HOSTILE_KEYS), safeJson), { maxLength: 6 }),
            }),
            { minLength: 1, maxLength: 6 },
          ),
          async (events) => {
            const path = join(dir, 'log.ndjson');
            const lines = events.map((e) => {
              const pairs = e.fields.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
              return `{${[`"event":${JSON.stringify(e.event)}`, '"email":"a@example.com"', ...pairs].join(',')}}`;
            });
            writeFileSync(path, `${lines.join('\n')}\n`);
            for (const args of [
              ['messages', path],
              ['messages', '--json', path],
              ['timeline', '--email', 'a@example.com', path],
              ['timeline', '--json', '--email', 'a@example.com', path],
              ['report', path],
              ['report', '--format', 'json', path],
            ]) {
              const out = new PassThrough();
              const err = new PassThrough();
              let text = '';
              out.on('data', (c: Buffer) => (text += c.toString()));
              err.resume();
              const code = await run(['node', 'sgtrail', ...args], { stdin: new PassThrough(), stdout: out, stderr: err, env: { TZ: 'UTC' }, now: () => 1_800_000_000_000 });
              expect({ args: args.slice(0, -1), code }).toEqual({ args: args.slice(0, -1), code: 0 });
              if (args.includes('--json')) for (const l of text.trim().split('\n')) JSON.parse(l);
            }
            prototypeIsClean();
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
