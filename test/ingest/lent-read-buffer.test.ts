import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lendFlatReadBuffer } from '../../src/events/flat-object.js';
import type { SgEvent } from '../../src/events/types.js';
import { readEvents } from '../../src/ingest/read-events.js';

/**
 * A grouping run's reads go into the WebAssembly reader's memory, a buffer lent to one input at a
 * time (openSource): it must be given back however the reading ends — or every later input is read
 * the slow way, without a word. Chunks from elsewhere (gzip, stdin) are copied in, in pieces when
 * larger than the buffer; the events are the same as from the plain file.
 */

let dir: string;
const XMID = 'Zq1vUs8mR9Kw2LxYp4NbTg';

/** Event lines of `n` messages, long enough that a few hundred fill more than one read. */
function log(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${XMID.slice(0, 16)}${String(i).padStart(6, '0')}`;
    const common = `"email":"r${i}@x.example","sg_message_id":"${id}.filterdrecv-1.0","smtp-id":"<${id}@ismtpd-1>","category":["news","nov"]`;
    lines.push(`{${common},"event":"processed","timestamp":${1794694000 + i},"sg_event_id":"p${i}"}`);
    lines.push(`{${common},"event":"delivered","timestamp":${1794694010 + i},"sg_event_id":"d${i}","ip":"149.72.1.2","response":"250 2.0.0 OK ${'x'.repeat(i % 97)}"}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sgtrail-lent-'));
  writeFileSync(join(dir, 'plain.ndjson'), log(3000));
  writeFileSync(join(dir, 'log.ndjson.gz'), gzipSync(log(3000)));
  writeFileSync(join(dir, 'bad.ndjson.gz'), Buffer.concat([gzipSync(log(50)), Buffer.from('junk after the member')]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The buffer is free again: lent now, then given back. */
function bufferIsFree(): boolean {
  const lent = lendFlatReadBuffer(1024);
  lent?.release();
  return lent !== undefined;
}

async function read(files: string[], stdin: NodeJS.ReadableStream = Readable.from([]), stopAfter = Infinity) {
  const events: string[] = [];
  const result = await readEvents({ files, stdin, lean: true }, {
    event(e: SgEvent) {
      events.push(`${e.line} ${e.event} ${e.email} ${e.timestamp} ${e.sgMessageId}`);
      return events.length < stopAfter;
    },
  });
  return { events, errors: result.errors.map((err) => err.message) };
}

describe('the read buffer lent to a grouping run', () => {
  it('is free before the first run (the checks below are not of a buffer that is never lent)', () => {
    const lent = lendFlatReadBuffer(1024);
    expect(lent).toBeDefined();
    expect(lendFlatReadBuffer(1024)).toBeUndefined();
    lent?.release();
    expect(bufferIsFree()).toBe(true);
  });

  it('is given back after a file, a gzip file and stdin, which all give the same events', async () => {
    const plain = await read([join(dir, 'plain.ndjson')]);
    expect(bufferIsFree()).toBe(true);
    expect(plain.events).toHaveLength(6000);
    const gzip = await read([join(dir, 'log.ndjson.gz')]);
    expect(bufferIsFree()).toBe(true);
    expect(gzip.events).toEqual(plain.events);
    // A pipe in chunks larger than the buffer, cut anywhere.
    const text = Buffer.from(log(3000));
    const chunks = [text.subarray(0, 300_001), text.subarray(300_001, 300_002), text.subarray(300_002)];
    const stdin = await read([], Readable.from(chunks));
    expect(bufferIsFree()).toBe(true);
    expect(stdin.events).toEqual(plain.events);
  });

  it('is given back when the reader stops early, and when an input cannot be read or is damaged', async () => {
    expect((await read([join(dir, 'plain.ndjson')], undefined, 10)).events).toHaveLength(10);
    expect(bufferIsFree()).toBe(true);
    expect((await read([join(dir, 'missing.ndjson')])).errors).toHaveLength(1);
    expect(bufferIsFree()).toBe(true);
    expect((await read([dir])).errors).toHaveLength(1);
    expect(bufferIsFree()).toBe(true);
    const damaged = await read([join(dir, 'bad.ndjson.gz')]);
    expect(damaged.errors).toHaveLength(1);
    expect(damaged.events).toHaveLength(100);
    expect(bufferIsFree()).toBe(true);
  });

  it('while lent to one input, another read at the same time reads its own way and gives the same events', async () => {
    const file = join(dir, 'plain.ndjson');
    const [a, b] = await Promise.all([read([file]), read([file])]);
    expect(b.events).toEqual(a.events);
    expect(bufferIsFree()).toBe(true);
  });
});
