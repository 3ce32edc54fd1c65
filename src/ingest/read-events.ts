import { statSync } from 'node:fs';
import type { InputAccounting } from '../events/accounting.js';
import type { CopyFilter } from '../events/dedupe.js';
import { lendFlatReadBuffer } from '../events/flat-object.js';
import type { SgEvent } from '../events/types.js';
import { EventStage, type EventSink } from './event-sink.js';
import { checkHeap } from './heap-guard.js';
import { checkYoungGeneration } from './young-generation.js';
import type { ProgressSample } from '../output/progress.js';
import { LineBuffer } from './line-buffer.js';
import { NeedleFilter, type Needle } from './needle-filter.js';
import { takeReadBuffer } from './lookup-scan.js';
import { FramingScanner } from './scanner.js';
import { InputError, LOOKUP_CHUNK, openSource, type InputsReadAgain } from './sources.js';

/** What a run reads, and how. */
export interface ReadOptions {
  /** Paths or `-`; empty means stdin. */
  files: readonly string[];
  stdin: NodeJS.ReadableStream;
  /**
   * Lower-case ASCII strings (an address, an ID): when given, lines holding none of them are
   * skipped before they are decoded (see NeedleFilter). Skipped lines are not accounted.
   */
  needles?: readonly Needle[];
  /** Count removed copies on each kept event (timelines show them), or on those this picks. */
  trackCopies?: boolean | ((e: SgEvent) => boolean);
  /** The sink keeps no event and reads only the fields grouping reads (see EventStage). */
  lean?: boolean;
  /** What drops copies, when not an input-wide Deduper (a grouping run checks each message's own). */
  copies?: CopyFilter;
  onProgress?(p: ProgressSample): void;
  /** Inputs that cannot be read twice: copied as they are read, or read from such copies. */
  again?: InputsReadAgain;
}

export interface ReadResult {
  accounting: InputAccounting;
  errors: InputError[];
  /** With needles: the newest time seen on lines that were skipped unparsed. */
  newestSkippedTime?: number;
}

/** Size of a regular file (for progress, and to read it by positioned reads); else null. */
export function sizeOf(path: string): number | null {
  if (path === '-') return null;
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/**
 * The input stage every command shares: sources → lines → (needle filter) → framing scanner →
 * events → normalize → dedupe → the sink. Files are read one after another as one log.
 */
export async function readEvents(opts: ReadOptions, sink: EventSink): Promise<ReadResult> {
  const paths = opts.files.length > 0 ? [...opts.files] : ['-'];
  const sizes = paths.map(sizeOf);
  const total = sizes.every((s) => s !== null) ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  const stage = new EventStage(sink, { trackCopies: opts.trackCopies ?? false, lean: opts.lean === true, copies: opts.copies });
  const errors: InputError[] = [];
  let bytesBefore = 0;
  let files = 0;
  let newestSkippedTime = Number.NEGATIVE_INFINITY;

  for (let i = 0; i < paths.length && !stage.stopped; i++) {
    const lookup = opts.needles !== undefined && opts.needles.length > 0;
    // A lookup's reads go where its scan reads them, a lean run's where the lean reader does.
    const source = lookup
      ? openSource(paths[i] as string, opts.stdin, sizes[i] ?? null, LOOKUP_CHUNK, takeReadBuffer, opts.again)
      : openSource(paths[i] as string, opts.stdin, sizes[i] ?? null, undefined, opts.lean === true ? lendFlatReadBuffer : undefined, opts.again);
    const scanner = new FramingScanner(stage.forFile(source.name));
    const filter = lookup ? new NeedleFilter(scanner, opts.needles as readonly Needle[]) : null;
    const lines = new LineBuffer(filter ?? scanner);
    files++;
    try {
      for await (const chunk of source.chunks()) {
        lines.push(chunk);
        checkHeap();
        checkYoungGeneration();
        opts.onProgress?.({ bytes: bytesBefore + source.rawBytes, total, events: stage.events });
        await sink.drained?.();
        if (stage.stopped) break;
      }
      // A reader that went away (`| head`) cut the input short on purpose: what the scanner still
      // holds is not a broken fragment, so it is dropped rather than ended.
      if (!stage.stopped) lines.end();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // Keep what was read before the failure; the file is reported and the run exits 3.
      lines.end();
      errors.push(err);
    }
    bytesBefore += source.rawBytes;
    if (filter && filter.newestSkippedTime > newestSkippedTime) newestSkippedTime = filter.newestSkippedTime;
  }
  return { accounting: stage.accounting(files, bytesBefore), errors, newestSkippedTime };
}
