import { formatBytes, formatCount } from '../common/numbers.js';

/** What the input stage reports after each chunk. */
export interface ProgressSample {
  bytes: number;
  total: number | null;
  events: number;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream;
  /** Milliseconds; injected so tests can drive the clock. */
  now(): number;
  /** Show only for inputs at least this large (unknown size counts as large). */
  minBytes?: number;
  /** Show only after the run has taken this long. */
  delayMs?: number;
  /** At most one redraw per this many milliseconds (~10 Hz). */
  intervalMs?: number;
  /** The words of the line (default English: progressLine). */
  words?: ProgressWords;
}

/** A language's progress line: what was read, of how much, and the rate (all already formatted). */
export type ProgressWords = (read: string, of: string | null, percent: number | null, rate: string) => string;

export const ENGLISH_PROGRESS: ProgressWords = (read, of, percent, rate) => `reading ${read}${of === null ? '' : ` of ${of} (${percent}%)`}, ${rate} events/s`;

/** 20 MB: smaller inputs are read in well under the delay on any machine. */
export const PROGRESS_MIN_BYTES = 20_000_000;

/**
 * One self-overwriting status line on stderr while a large input is read: bytes read of the
 * total and events per second. Only used when stderr is a terminal (the caller decides); cleared
 * at the end so the terminal is left as it was.
 */
export class Progress {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;
  private readonly minBytes: number;
  private readonly delayMs: number;
  private readonly intervalMs: number;

  constructor(private readonly opts: ProgressOptions) {
    this.started = opts.now();
    this.minBytes = opts.minBytes ?? PROGRESS_MIN_BYTES;
    this.delayMs = opts.delayMs ?? 1000;
    this.intervalMs = opts.intervalMs ?? 100;
  }

  /** Called after each chunk; draws at most every intervalMs. */
  update(p: ProgressSample): void {
    if (p.total !== null && p.total < this.minBytes) return;
    const now = this.opts.now();
    const elapsed = now - this.started;
    if (elapsed < this.delayMs || now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    this.shown = true;
    this.opts.stream.write(`\r${progressLine(p, elapsed, this.opts.words)}\u001b[K`);
  }

  /** Clears the line if one was drawn. */
  done(): void {
    if (this.shown) this.opts.stream.write('\r\u001b[K');
    this.shown = false;
  }
}

/** `sgtrail: reading 52.3 MB of 210.0 MB (25%), 183,000 events/s`. */
export function progressLine(p: ProgressSample, elapsedMs: number, words: ProgressWords = ENGLISH_PROGRESS): string {
  const rate = elapsedMs > 0 ? (p.events * 1000) / elapsedMs : 0;
  const of = p.total === null ? null : formatBytes(p.total);
  const percent = p.total === null ? null : p.total === 0 ? 100 : Math.floor((p.bytes / p.total) * 100);
  return `sgtrail: ${words(formatBytes(p.bytes), of, percent, formatCount(rate))}`;
}
