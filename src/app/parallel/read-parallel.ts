import { countSkip, newAccounting } from '../../events/accounting.js';
import { Deduper } from '../../events/dedupe.js';
import { DEFAULT_MAX_LINE, FramingScanner } from '../../input/scanner.js';
import { InputError, openSource } from '../../input/sources.js';
import { deliver, readingSink, type ReadState } from '../event-sink.js';
import type { ReadOptions, ReadResult } from '../read-events.js';
import { inputPlan } from '../read-events.js';
import { WorkerPool } from './pool.js';
import { decodeEvent, N, NUMBER_SLOTS, SKIP_CODES, type BatchResult } from './protocol.js';

/**
 * The input stage on both cores: the main thread cuts each file into batches of whole lines and
 * hands them to parse workers, then takes the results back *in input order*, driving its own
 * scanner: a worker's segment is used only where the main scanner is clean at the segment's
 * first line (then the worker, starting clean too, saw exactly what the main scanner would);
 * anything else — a value spanning two batches — is read again on the main thread. The result is
 * the same as the sequential reader's, event for event and location for location.
 */
const BATCH_BYTES = 2 << 20;

export interface ParallelOptions extends ReadOptions {
  workers: number;
  /** Bytes per batch (tests use tiny batches to put batch boundaries everywhere). */
  batchBytes?: number;
}

interface Pending {
  firstLine: number;
  result: Promise<BatchResult> | null;
  /** An oversize line at this line number, instead of a batch. */
  oversize: boolean;
}

export async function readEventsParallel(opts: ParallelOptions): Promise<ReadResult> {
  const accounting = newAccounting();
  const errors: InputError[] = [];
  const dedupe = new Deduper();
  const { paths, sizes, total } = inputPlan(opts.files);
  const pool = new WorkerPool(opts.workers);
  const state: ReadState = { accounting, dedupe, seq: 0, onEvent: opts.onEvent, onDuplicate: opts.onDuplicate };
  let bytesBefore = 0;
  let batchId = 0;

  try {
    for (let i = 0; i < paths.length; i++) {
      const source = openSource(paths[i] as string, opts.stdin, sizes[i] ?? null);
      const file = source.name;
      const scanner = new FramingScanner(readingSink(file, state));

      /** Applies one worker result, or reads its lines again where the main scanner is not clean. */
      const integrate = (r: BatchResult): void => {
        const bytes = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
        let offsets: number[] | null = null;
        const lineText = (rel: number): string => {
          if (offsets === null) {
            offsets = [0];
            let p = 0;
            for (;;) {
              const nl = bytes.indexOf(10, p);
              if (nl < 0) break;
              offsets.push(nl + 1);
              p = nl + 1;
            }
          }
          const start = offsets[rel] as number;
          const next = offsets[rel + 1];
          return bytes.toString('utf8', start, next === undefined ? bytes.length : next - 1);
        };
        // Which event of the batch each item is (-1 for skipped input).
        const ordinal = new Int32Array(r.kinds.length);
        for (let k = 0, n = 0; k < r.kinds.length; k++) ordinal[k] = r.kinds[k] === 0 ? n++ : -1;
        let rel = 0;
        let seg = 0;
        let itemStart = 0;
        const segCount = r.segments.length / 3;
        while (rel < r.lineCount) {
          while (seg < segCount && (r.segments[seg * 3] as number) < rel) {
            itemStart = r.segments[seg * 3 + 2] as number;
            seg++;
          }
          const usable = seg < segCount && r.segments[seg * 3] === rel && scanner.clean;
          if (!usable) {
            scanner.feedLine(lineText(rel));
            rel++;
            continue;
          }
          const lines = r.segments[seg * 3 + 1] as number;
          const itemEnd = r.segments[seg * 3 + 2] as number;
          for (let k = itemStart; k < itemEnd; k++) applyItem(r, k, ordinal[k] as number);
          scanner.skipLines(lines);
          rel += lines;
          itemStart = itemEnd;
          seg++;
        }
      };

      /** One item of a worker result: a skipped-input count, or an event (the `ev`-th of the batch). */
      const applyItem = (r: BatchResult, k: number, ev: number): void => {
        const kind = r.kinds[k] as number;
        const line = r.itemLines[k] as number;
        if (kind !== 0) {
          countSkip(accounting, SKIP_CODES[kind - 1] as (typeof SKIP_CODES)[number], `${file}:${line}`);
          return;
        }
        accounting.eventsRead++;
        const e = decodeEvent(r, ev, file, line, state.seq++);
        const base = ev * NUMBER_SLOTS;
        deliver(state, e, dedupe.isCopyByHashes(r.nums[base + N.idHash] as number, r.nums[base + N.contentHash] as number, e));
      };

      const queue: Pending[] = [];
      let nextLine = 1;
      const submit = (bytes: Buffer): void => {
        if (bytes.length === 0) return;
        let lines = 0;
        for (let p = bytes.indexOf(10); p >= 0; p = bytes.indexOf(10, p + 1)) lines++;
        if (bytes[bytes.length - 1] !== 10) lines++;
        // A standalone buffer: it is transferred to the worker and back.
        const own = new Uint8Array(bytes.length);
        own.set(bytes);
        queue.push({ firstLine: nextLine, oversize: false, result: pool.submit({ id: batchId++, file, firstLine: nextLine, bytes: own }) });
        nextLine += lines;
      };
      const drain = async (keep: number): Promise<void> => {
        while (queue.length > keep) {
          const head = queue.shift() as Pending;
          if (head.oversize) {
            scanner.feedOversizeLine();
            continue;
          }
          const r = await (head.result as Promise<BatchResult>);
          integrate(r);
        }
      };

      // Whole lines waiting to be batched, and the start of a line whose newline has not come.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let partial: Buffer[] = [];
      let partialBytes = 0;
      let overlong = false;
      const flush = (): void => {
        if (pendingBytes > 0) submit(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      };
      const take = (chunk: Buffer): void => {
        let pos = 0;
        if (overlong || partialBytes > 0) {
          const nl = chunk.indexOf(10);
          if (nl < 0) {
            if (!overlong) {
              partial.push(Buffer.from(chunk));
              partialBytes += chunk.length;
              if (partialBytes > DEFAULT_MAX_LINE) {
                partial = [];
                partialBytes = 0;
                overlong = true;
              }
            }
            return;
          }
          // Over the limit once its end arrives: skipped like the sequential scanner skips it.
          if (overlong || partialBytes + nl > DEFAULT_MAX_LINE) {
            flush();
            queue.push({ firstLine: nextLine, oversize: true, result: null });
            nextLine++;
            overlong = false;
            partial = [];
            partialBytes = 0;
          } else {
            partial.push(chunk.subarray(0, nl + 1));
            pending.push(Buffer.concat(partial));
            pendingBytes += partialBytes + nl + 1;
            partial = [];
            partialBytes = 0;
          }
          pos = nl + 1;
        }
        const last = chunk.lastIndexOf(10);
        if (last >= pos) {
          // A copy: the source reuses its chunk buffer for the next read.
          pending.push(Buffer.from(chunk.subarray(pos, last + 1)));
          pendingBytes += last + 1 - pos;
          pos = last + 1;
        }
        if (pendingBytes >= (opts.batchBytes ?? BATCH_BYTES)) flush();
        if (pos < chunk.length) {
          partial.push(Buffer.from(chunk.subarray(pos)));
          partialBytes += chunk.length - pos;
          if (partialBytes > DEFAULT_MAX_LINE) {
            flush();
            partial = [];
            partialBytes = 0;
            overlong = true;
          }
        }
      };

      accounting.files++;
      try {
        for await (const chunk of source.chunks()) {
          take(chunk);
          opts.onProgress?.({ bytes: bytesBefore + source.rawBytes, total, events: accounting.eventsRead });
          // Keep a few batches in flight per worker, integrating as results come in.
          await drain(opts.workers * 3);
        }
      } catch (err) {
        if (err instanceof InputError) errors.push(err);
        else throw err;
      }
      // The last line without a newline is still a line.
      if (overlong) {
        flush();
        queue.push({ firstLine: nextLine, oversize: true, result: null });
      } else {
        if (partialBytes > 0) {
          pending.push(Buffer.concat(partial));
          pendingBytes += partialBytes;
        }
        flush();
      }
      await drain(0);
      scanner.end();
      bytesBefore += source.rawBytes;
    }
  } finally {
    await pool.close();
  }
  accounting.bytes = bytesBefore;
  accounting.duplicates = dedupe.removed;
  return { accounting, errors };
}
