import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, FlatObject } from '../../src/events/flat-object.js';
import type { SgEvent } from '../../src/events/types.js';
import { readEvents } from '../../src/ingest/read-events.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../../src/messages/collector.js';
import { cachedClassifier } from '../../src/reasons/cache.js';
import { findForwardTarget } from '../../src/reasons/forward-target.js';
import { messageRecord } from '../../src/render/message-json.js';
import { HourlyCounter } from '../../src/report/hourly.js';
import { decide } from '../../src/verdict/decide.js';
import { assemble, docSpec } from '../helpers/hostile-input.js';
import { arrayLine, eventLine, line, mutated } from '../helpers/json-lines.js';

/**
 * Issue 14: the lean path (FlatObject + LineEvent) must give what the general path (the framing
 * scanner, JSON.parse, normalizeEvent) gives, for every input: the same events with the same
 * fields, the same copies removed, the same accounting, the same messages and hourly counts. The
 * same bytes are read both ways, in the same random chunks.
 */

const log = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: eventLine }, { weight: 2, arbitrary: line }, { weight: 1, arbitrary: mutated }, { weight: 1, arbitrary: arrayLine }), {
      maxLength: 40,
    }),
    fc.boolean(),
  ).map(([lines, crlf]) => lines.join(crlf ? '\r\n' : '\n'));

function chunked(bytes: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = [];
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    chunks.push(bytes.subarray(pos, pos + n));
    pos += n;
  }
  return Readable.from(chunks);
}

/** What an event is to everything after the input stage. */
function snapshot(e: SgEvent): unknown {
  const fields: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) fields[name] = e.fields[name];
  return [e.event, e.email, e.emailKey, e.timestamp, e.messageId, e.sgMessageId, e.sgEventId, e.idless, e.file, e.line, e.seq, fields];
}

/**
 * Reads `bytes` one way; every event is looked at during its call, as the lean path requires.
 * `perMessage`: copies are found by the collector, each against its own message's events (a
 * whole-input grouping run), not by the input-wide Deduper.
 */
async function readBoth(bytes: Buffer, sizes: number[], lean: boolean, perMessage = false) {
  const events: unknown[] = [];
  const copies: unknown[] = [];
  const collector = new MessageCollector({ attachWindow: DEFAULT_ATTACH_WINDOW });
  const hourly = new HourlyCounter();
  const result = await readEvents(
    { files: [], stdin: chunked(bytes, sizes), lean, copies: perMessage ? collector : undefined },
    {
      event(e) {
        events.push(snapshot(e));
        collector.add(e);
        hourly.add(e);
      },
      duplicate(e) {
        copies.push(snapshot(e));
        if (!perMessage) collector.addDuplicate(e);
      },
    },
  );
  const decideWith = { newestAt: Number.isFinite(collector.newestAt) ? collector.newestAt : 0, classify: cachedClassifier(), forwardTarget: findForwardTarget };
  const messages = [...collector.finish()].map((state) => messageRecord({ state, decision: decide(state, decideWith) }, (s) => s));
  return { events, copies, accounting: result.accounting, errors: result.errors.length, messages, hourly: hourly.result() };
}

const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 });

describe('the lean path reads what the general path reads', () => {
  it('on flat event lines with every kind of value, broken lines among them', async () => {
    await fc.assert(
      fc.asyncProperty(log, sizes, async (text, chunks) => {
        const bytes = Buffer.from(text, 'utf8');
        const general = await readBoth(bytes, chunks, false);
        expect(await readBoth(bytes, chunks, true)).toEqual(general);
        // And copies found per message, the way a report finds them, on either path.
        expect(await readBoth(bytes, chunks, true, true)).toEqual(general);
        expect(await readBoth(bytes, chunks, false, true)).toEqual(general);
      }),
      { numRuns: 400 },
    );
  });

  it('on the hostile logs of the framing tests (every framing, junk, broken fragments)', async () => {
    await fc.assert(
      fc.asyncProperty(docSpec({ fragments: true }), sizes, async (spec, chunks) => {
        const { bytes } = assemble(spec);
        const general = await readBoth(bytes, chunks, false);
        expect(await readBoth(bytes, chunks, true)).toEqual(general);
        expect(await readBoth(bytes, chunks, true, true)).toEqual(general);
      }),
      { numRuns: 150 },
    );
  });

  it('while it rests after declining many lines in a row, and after', async () => {
    // Logger records whose field holds the events: declined one after another, then plain lines.
    const record = (i: number) =>
      JSON.stringify({ level: 30, time: 1794694000000 + i, msg: 'webhook', body: JSON.stringify([{ email: `r${i % 7}@example.com`, event: 'delivered', timestamp: 1794694000 + i, sg_message_id: `Zq1vUs8mR9Kw2LxYp4NbT${i % 7}.filter1`, sg_event_id: `p${i}` }]) });
    const plain = (i: number) => `{"email":"r${i % 7}@example.com","event":"open","timestamp":${1794694100 + i},"sg_message_id":"Zq1vUs8mR9Kw2LxYp4NbT${i % 7}.filter1","sg_event_id":"o${i}"}`;
    const lines = [...Array.from({ length: 1200 }, (_, i) => (i % 400 < 300 ? record(i) : plain(i))), ...Array.from({ length: 50 }, (_, i) => plain(i))];
    const bytes = Buffer.from(lines.join('\n'));
    const lean = await readBoth(bytes, [4096], true);
    expect(lean).toEqual(await readBoth(bytes, [4096], false));
    expect(lean.events).toHaveLength(1250);
  });

  it('takes the common line itself (the comparison above is not between two general paths)', () => {
    const flat = new FlatObject();
    for (const taken of [
      '{"email":"a@b.example","event":"delivered","timestamp":1794694000,"sg_message_id":"x.filter1","category":["a","b"],"tls":1}',
      '{"email":"a@b","pool":{"name":"p","id":1,"x":[true,null,{"y":"\\u0041"}]}}',
      `{"a":${'['.repeat(16)}${']'.repeat(16)}}`,
      '[{"email":"a@b"}]',
      ' [ {"email":"a@b"} , {"event":"open"},{} ]\r',
    ]) {
      const b = Buffer.from(taken);
      expect(flat.read(b, 0, b.length), taken).toBe(true);
    }
    const tooDeep = `{"a":${'['.repeat(17)}${']'.repeat(17)}}`;
    for (const other of ['{"em\\u0061il":"a@b"}', '[]', '[{"a":1},2]', '[{"a":1}', '[{"a":1}]]', '{"a":01}', '{"a":1,}', '{"a":{"b":1,}}', '{"a":[1 2]}', '\ufeff{"a":1}', tooDeep]) {
      const b = Buffer.from(other);
      expect(flat.read(b, 0, b.length), other).toBe(false);
    }
  });
});

describe('FlatObject accepts only JSON', () => {
  it('whatever it reads, JSON.parse reads as one object or an array of objects', () => {
    const flat = new FlatObject();
    fc.assert(
      fc.property(fc.oneof(line, eventLine, mutated, arrayLine, fc.string({ maxLength: 40 }).map((s) => `{"email":${s}}`)), (text) => {
        const b = Buffer.from(text, 'utf8');
        if (!flat.read(b, 0, b.length)) return;
        const parsed: unknown = JSON.parse(text);
        const objects = Array.isArray(parsed) ? parsed : [parsed];
        expect(objects.length).toBe(flat.count);
        for (const o of objects) expect(typeof o === 'object' && o !== null && !Array.isArray(o)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('a lean event lives as long as its call', () => {
  // Found in review: in a lookup the reading buffer is refilled while no line reaches the lean
  // reader (the prefilter skips them), so a kept event would read other text without a word.
  it('reading a kept event after its call throws, even when its buffer was refilled under it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgtrail-lean-'));
    try {
      const file = join(dir, 'log.ndjson');
      const event = '{"event":"delivered","email":"zz@x.example","timestamp":1794694000,"sg_message_id":"T8mFhLcxQe2nRk4VwP3aZg.filter1"}\n';
      writeFileSync(file, event + 'plain server text without the address, padding padding padding padding\n'.repeat(40000));
      const kept: SgEvent[] = [];
      await readEvents({ files: [file], stdin: Readable.from([]), lean: true, needles: ['zz@x.example'] }, { event: (e) => void kept.push(e) });
      expect(kept).toHaveLength(1);
      expect(() => (kept[0] as SgEvent).sgMessageId).toThrow(/after its line/);
      expect(() => (kept[0] as SgEvent).fields['type']).toThrow(/after its line/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
