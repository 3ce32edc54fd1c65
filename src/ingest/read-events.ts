import { statSync } from 'node:fs';
import { newAccounting, type InputAccounting } from '../events/accounting.js';
import { Deduper } from '../events/dedupe.js';
import type { SgEvent } from '../events/types.js';
import { NeedleFilter } from './needle-filter.js';
import { DEFAULT_MAX_LINE, FramingScanner } from './scanner.js';
import { InputError, openSource, type Source } from './sources.js';
import { readingSink, type ReadState } from './event-sink.js';

/** The input stage every command shares: sources → scanner → events → normalize → dedupe. */
export interface ReadOptions {
  /** Paths or `-`; empty means stdin. */
  files: readonly string[];
  stdin: NodeJS.ReadableStream;
  /** Each distinct event, in input order. */
  onEvent(e: SgEvent): void;
  /** Each copy removed as a duplicate. */
  onDuplicate?(e: SgEvent): void;
  /** Called after each chunk; awaited, so a slow consumer slows the reading (backpressure). */
  afterChunk?(): Promise<void> | void;
  /** True when the consumer is gone (stdout closed): reading stops. */
  stopped?(): boolean;
  onProgress?(p: { bytes: number; total: number | null; events: number }): void;
  /**
   * Lower-case ASCII strings (an address, an ID): when given, lines holding none of them are
   * skipped before they are decoded (see NeedleFilter). Skipped lines are not accounted.
   */
  needles?: readonly string[];
  /** Count removed copies on each kept event (timelines show them). */
  trackCopies?: boolean;
}

export interface ReadResult {
  accounting: InputAccounting;
  errors: InputError[];
  /** With needles: the newest time seen on lines that were skipped unparsed. */
  newestSkippedTime?: number;
}

/** Size of a regular file, for progress and for choosing the parallel reader; else null. */
export function sizeOf(path: string): number | null {
  if (path === '-') return null;
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** The inputs of a run (stdin when none) with their sizes, and the total when every size is known. */
export function inputPlan(files: readonly string[]): { paths: string[]; sizes: (number | null)[]; total: number | null } {
  const paths = files.length > 0 ? [...files] : ['-'];
  const sizes = paths.map(sizeOf);
  const total = sizes.every((s) => s !== null) ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  return { paths, sizes, total };
}

export async function readEvents(opts: ReadOptions): Promise<ReadResult> {
  const accounting = newAccounting();
  const errors: InputError[] = [];
  const dedupe = new Deduper({ trackCopies: opts.trackCopies === true });
  const { paths, sizes, total } = inputPlan(opts.files);
  const state: ReadState = { accounting, dedupe, seq: 0, onEvent: opts.onEvent, onDuplicate: opts.onDuplicate };
  let bytesBefore = 0;
  let newestSkippedTime = Number.NEGATIVE_INFINITY;

  for (let i = 0; i < paths.length; i++) {
    if (opts.stopped?.()) break;
    const source: Source = openSource(paths[i] as string, opts.stdin, sizes[i] ?? null);
    const file = source.name;
    const scanner = new FramingScanner(readingSink(file, state));
    const filter = opts.needles && opts.needles.length > 0 ? new NeedleFilter(scanner, opts.needles, DEFAULT_MAX_LINE) : null;
    const sink = filter ?? scanner;
    accounting.files++;
    try {
      for await (const chunk of source.chunks()) {
        sink.push(chunk);
        opts.onProgress?.({ bytes: bytesBefore + source.rawBytes, total, events: accounting.eventsRead });
        if (opts.afterChunk) await opts.afterChunk();
        if (opts.stopped?.()) break;
      }
      // A reader that went away (`| head`) cut the input short on purpose: what the scanner still
      // holds is not a broken fragment, so it is dropped rather than ended.
      if (!opts.stopped?.()) sink.end();
    } catch (err) {
      // Keep what was read before the failure; the file is reported and the run exits 3.
      sink.end();
      if (err instanceof InputError) errors.push(err);
      else throw err;
    }
    bytesBefore += source.rawBytes;
    if (filter && filter.newestSkippedTime > newestSkippedTime) newestSkippedTime = filter.newestSkippedTime;
  }
  accounting.bytes = bytesBefore;
  accounting.duplicates = dedupe.removed;
  return { accounting, errors, newestSkippedTime };
}
