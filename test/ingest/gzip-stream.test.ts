import { randomBytes } from 'node:crypto';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../src/ingest/read-events.js';

/**
 * Gzip input inflates one piece ahead of the lines being read (src/ingest/sources.ts). A read
 * that fails meanwhile must still cost only what comes after it: every line that decompressed
 * from the bytes received is handed on first, then the failure is reported.
 */

function events(n: number): string {
  // Random IDs, so that the compressed log spans many pieces.
  return Array.from({ length: n }, (_, i) => `{"email":"u${i}@example.com","event":"delivered","timestamp":${1794694000 + i},"sg_message_id":"${randomBytes(12).toString('base64url')}.filter1","sg_event_id":"${randomBytes(12).toString('hex')}"}\n`).join('');
}

/**
 * Gives `bytes` in 16 KiB chunks, then fails as a device would. (A plain async iterable: a
 * Readable destroyed with an error drops what it had buffered, which is not the case under test.)
 */
function failingAfter(bytes: Buffer): NodeJS.ReadableStream {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += 16 * 1024) yield bytes.subarray(at, at + 16 * 1024);
    throw Object.assign(new Error('i/o error'), { code: 'EIO' });
  }
  return { [Symbol.asyncIterator]: chunks } as unknown as NodeJS.ReadableStream;
}

describe('a gzip input that fails while it is read', () => {
  it.each([0.3, 0.55, 0.8])('hands on every line decompressed before the failure (cut at %s)', async (fraction) => {
    const compressed = gzipSync(Buffer.from(events(12000)));
    const cut = compressed.subarray(0, Math.floor(compressed.length * fraction));
    const decompressed = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    const wholeLines = decompressed.split('\n').length - 1;
    expect(cut.length).toBeGreaterThan(3 * 32 * 1024);

    let got = 0;
    const result = await readEvents({ files: [], stdin: failingAfter(cut), lean: true }, { event: () => void got++ });
    expect(result.errors).toHaveLength(1);
    expect(got).toBe(wholeLines);
  });
});
