import { NEWLINE } from '../common/chars.js';
import { MAX_LINE_BYTES } from '../common/limits.js';

/**
 * Receives whole lines from a LineBuffer. `lines` gets a region of one or more whole lines, each
 * ended by a newline byte (the last line of an input may lack it), numbered from `firstLine`.
 * The region is only valid during the call: the buffer behind it may be reused.
 */
export interface LineSink {
  /** Returns how many lines the region held (the sink walks them anyway; counting twice costs). */
  lines(region: Buffer, firstLine: number): number;
  /** A line longer than the limit, not held in memory (with `overlong: 'skip'`). */
  oversize(line: number): void;
  /** End of input, after the last line. */
  end(): void;
}

export interface LineBufferOptions {
  /** Longest line held, in bytes. Default MAX_LINE_BYTES. */
  maxLine?: number;
  /** What becomes of a longer line: skipped (reported as oversize), or cut to its first maxLine bytes. */
  overlong?: 'skip' | 'truncate';
}

/**
 * The one place where bytes become lines: it holds the start of a line until its newline arrives,
 * enforces the line limit and numbers the lines, whatever sizes the chunks come in. Lines are cut
 * on bytes (a newline byte never occurs inside a UTF-8 sequence), so nothing is decoded here.
 */
export class LineBuffer {
  private readonly maxLine: number;
  private readonly truncate: boolean;
  /** Copies of the start of a line whose newline has not arrived yet. */
  private held: Buffer[] = [];
  private heldLength = 0;
  /** Inside a line past the limit: its bytes are dropped until its newline. */
  private overlong = false;
  private lineNo = 0;

  constructor(
    private readonly sink: LineSink,
    options: LineBufferOptions = {},
  ) {
    this.maxLine = options.maxLine ?? MAX_LINE_BYTES;
    this.truncate = options.overlong === 'truncate';
  }


  /** The next chunk of bytes, split anywhere (even inside a UTF-8 sequence). */
  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    if (this.overlong || this.heldLength > 0) {
      const nl = bytes.indexOf(NEWLINE);
      if (nl < 0) {
        this.hold(bytes, 0);
        return;
      }
      this.hold(bytes, 0, nl);
      this.finishHeldLine();
      pos = nl + 1;
    }
    const lastNl = bytes.lastIndexOf(NEWLINE);
    if (lastNl >= pos) {
      this.region(bytes, pos, lastNl + 1);
      pos = lastNl + 1;
    }
    if (pos < bytes.length) this.hold(bytes, pos);
  }

  /** End of input: a last line without a newline is still a line. */
  end(): void {
    if (this.overlong || this.heldLength > 0) this.finishHeldLine();
    this.sink.end();
  }

  /** Whole lines from `start` to `end` (just after a newline); lines over the limit are split out. */
  private region(bytes: Buffer, start: number, end: number): void {
    if (end - start <= this.maxLine) {
      this.deliver(bytes.subarray(start, end));
      return;
    }
    let runStart = start;
    let pos = start;
    while (pos < end) {
      const nl = bytes.indexOf(NEWLINE, pos);
      const next = nl < 0 || nl >= end ? end : nl + 1;
      if (next - pos - 1 > this.maxLine) {
        if (pos > runStart) this.deliver(bytes.subarray(runStart, pos));
        this.overlongLine(bytes.subarray(pos, pos + this.maxLine));
        runStart = next;
      }
      pos = next;
    }
    if (end > runStart) this.deliver(bytes.subarray(runStart, end));
  }

  private deliver(region: Buffer): void {
    this.lineNo += this.sink.lines(region, this.lineNo + 1);
  }

  /** A line past the limit: reported as oversize, or handed on cut to `head`. */
  private overlongLine(head: Buffer): void {
    if (this.truncate) {
      this.deliver(head);
      return;
    }
    this.lineNo++;
    this.sink.oversize(this.lineNo);
  }

  /**
   * Keeps `bytes[from, to)` of an unfinished line (without its newline). Past the limit, the line
   * is marked overlong and what was held is let go, unless lines are truncated (then the first
   * maxLine bytes stay).
   */
  private hold(bytes: Buffer, from: number, to = bytes.length): void {
    if (from >= to || this.overlong) return;
    const take = Math.min(to - from, this.maxLine + 1 - this.heldLength);
    // A copy: the caller may reuse its chunk, and a small tail must not pin a large one.
    this.held.push(Buffer.from(bytes.subarray(from, from + take)));
    this.heldLength += take;
    if (this.heldLength > this.maxLine) {
      this.overlong = true;
      if (!this.truncate) {
        this.held = [];
        this.heldLength = 0;
      }
    }
  }

  /** The held line is complete: its newline arrived, or the input ended. */
  private finishHeldLine(): void {
    const line = Buffer.concat(this.held, this.heldLength);
    this.held = [];
    this.heldLength = 0;
    if (this.overlong) {
      this.overlong = false;
      this.overlongLine(line.subarray(0, this.maxLine));
      return;
    }
    this.deliver(line);
  }
}

/**
 * Calls `fn` for each line of a region (without its newline), numbered from `firstLine`; returns
 * how many lines there were.
 */
export function forEachLine(region: Buffer, firstLine: number, fn: (start: number, end: number, line: number) => void): number {
  let pos = 0;
  let line = firstLine;
  const n = region.length;
  while (pos < n) {
    const nl = region.indexOf(NEWLINE, pos);
    const end = nl < 0 ? n : nl;
    fn(pos, end, line++);
    pos = end + 1;
  }
  return line - firstLine;
}
