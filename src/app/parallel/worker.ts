import { parentPort } from 'node:worker_threads';
import { contentHash, idHash } from '../../events/dedupe.js';
import { normalizeEvent } from '../../events/normalize.js';
import { FramingScanner } from '../../input/scanner.js';
import { eventSink } from '../event-sink.js';
import { EventEncoder, SKIP_CODES, type BatchRequest, type BatchResult } from './protocol.js';

/**
 * A parse worker: scans one batch of lines from a clean scanner state, normalizes the events it
 * finds and hashes their dedupe keys. Segments end wherever the scanner is clean again, so the
 * main thread can use every segment that begins where its own scanner is clean too.
 */
export function processBatch(req: BatchRequest): BatchResult {
  const encoder = new EventEncoder();
  const kinds: number[] = [];
  const itemLines: number[] = [];
  const scanner = new FramingScanner(
    eventSink({
      event(obj, line, contextTime) {
        const e = normalizeEvent(obj, { file: req.file, line, seq: 0, contextTime });
        encoder.add(e, idHash(e), contentHash(e));
        kinds.push(0);
        itemLines.push(line);
      },
      skip(kind, line) {
        kinds.push(SKIP_CODES.indexOf(kind) + 1);
        itemLines.push(line);
      },
    }),
  );
  if (req.firstLine > 1) scanner.skipLines(req.firstLine - 1);
  const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  const segments: number[] = [];
  let rel = 0;
  let segmentStart = 0;
  let pos = 0;
  while (pos < bytes.length) {
    const nl = bytes.indexOf(10, pos);
    const end = nl < 0 ? bytes.length : nl;
    scanner.feedLine(bytes.toString('utf8', pos, end));
    rel++;
    if (scanner.clean) {
      segments.push(segmentStart, rel - segmentStart, kinds.length);
      segmentStart = rel;
    }
    pos = end + 1;
  }
  return {
    id: req.id,
    bytes: req.bytes,
    lineCount: rel,
    segments: Int32Array.from(segments),
    unresolvedFrom: segmentStart < rel ? segmentStart : -1,
    kinds: Uint8Array.from(kinds),
    itemLines: Int32Array.from(itemLines),
    ...encoder.columns(),
  };
}

parentPort?.on('message', (req: BatchRequest) => {
  const result = processBatch(req);
  const buffers = [result.bytes, result.segments, result.kinds, result.itemLines, result.refs, result.nums, result.flags];
  parentPort?.postMessage(
    result,
    buffers.map((b) => b.buffer as ArrayBuffer),
  );
});
