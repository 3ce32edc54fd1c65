import type { FramingScanner } from './scanner.js';

/**
 * A raw-byte prefilter for lookups of one address or ID (`timeline --email`): whole lines that
 * cannot hold what is asked for are never decoded or parsed. A line goes on to the scanner when it
 * contains a needle (ASCII, compared case-insensitively), when the scanner is inside a value that
 * spans lines, or when the line may open such a value (it ends in `[ { , : =`).
 *
 * Case-insensitive search at memchr speed: both the bytes and the needles are folded with
 * `| 0x20`, which maps both cases of an ASCII letter to one byte. Folding can only add matches
 * (`@` and a backtick fold together), never lose one, and extra lines merely get parsed.
 */

/** Folds `bytes` into `out` (at least as long), returning the folded view. */
function foldInto(bytes: Buffer, out: Buffer): Buffer {
  bytes.copy(out);
  const n = bytes.length;
  const words = new Uint32Array(out.buffer, out.byteOffset, n >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = (words[i] as number) | 0x20202020;
  for (let i = words.length << 2; i < n; i++) out[i] = (out[i] as number) | 0x20;
  return out.subarray(0, n);
}

export class NeedleFilter {
  /** Start of a line whose newline has not arrived yet. */
  private tail: Buffer[] = [];
  private tailLength = 0;
  /** Inside a line too long to hold: its bytes go straight to the scanner, which skips it. */
  private passthrough = false;
  /** Reused for folding (aligned, since it is a fresh allocation). */
  private scratch = Buffer.allocUnsafeSlow(1 << 20);
  /** Largest `"timestamp"` seen on a skipped line: the input's newest time (SPEC: 72h expiry). */
  newestSkippedTime = Number.NEGATIVE_INFINITY;

  private readonly needles: Buffer[];

  constructor(
    private readonly scanner: FramingScanner,
    needles: readonly string[],
    private readonly maxLine: number,
  ) {
    this.needles = needles.map((n) => {
      const bytes = Buffer.from(n, 'latin1');
      return Buffer.from(foldInto(bytes, Buffer.allocUnsafeSlow(bytes.length + 4)));
    });
  }

  push(chunk: Buffer): void {
    let pos = 0;
    if (this.passthrough || this.tailLength > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.hold(chunk);
        return;
      }
      if (this.passthrough) {
        this.scanner.push(chunk.subarray(0, nl + 1));
        this.passthrough = false;
      } else {
        this.tail.push(chunk.subarray(0, nl + 1));
        const line = Buffer.concat(this.tail);
        this.tail = [];
        this.tailLength = 0;
        this.filter(line);
      }
      pos = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl >= pos) {
      this.filter(chunk.subarray(pos, lastNl + 1));
      pos = lastNl + 1;
    }
    if (pos < chunk.length) this.hold(chunk.subarray(pos));
  }

  /** Keeps the start of an unfinished line; past the limit, the scanner gets it to skip. */
  private hold(bytes: Buffer): void {
    if (this.passthrough) {
      this.scanner.push(bytes);
      return;
    }
    this.tail.push(Buffer.from(bytes));
    this.tailLength += bytes.length;
    if (this.tailLength > this.maxLine) {
      for (const part of this.tail) this.scanner.push(part);
      this.tail = [];
      this.tailLength = 0;
      this.passthrough = true;
    }
  }

  end(): void {
    if (this.tailLength > 0) this.scanner.push(Buffer.concat(this.tail));
    this.tail = [];
    this.tailLength = 0;
    this.scanner.end();
  }

  private nextHit(folded: Buffer, from: number): number {
    let best = -1;
    for (const n of this.needles) {
      const i = folded.indexOf(n, from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  private filter(region: Buffer): void {
    if (this.scratch.length < region.length) this.scratch = Buffer.allocUnsafeSlow(region.length);
    const folded = foldInto(region, this.scratch);
    const scanner = this.scanner;
    let hit = this.nextHit(folded, 0);
    let pos = 0;
    let skipped = 0;
    let lastSkipped = -1;
    const n = region.length;
    while (pos < n) {
      const nl = region.indexOf(10, pos);
      const end = nl < 0 ? n : nl;
      if (scanner.isOpen || (hit >= pos && hit < end) || opensValue(region, pos, end)) {
        if (skipped > 0) scanner.skipLines(skipped);
        skipped = 0;
        scanner.push(region.subarray(pos, end + 1));
      } else {
        skipped++;
        lastSkipped = pos;
      }
      pos = end + 1;
      if (hit >= 0 && hit < pos) hit = this.nextHit(folded, pos);
    }
    if (skipped > 0) scanner.skipLines(skipped);
    if (lastSkipped >= 0) this.sampleTime(region, lastSkipped);
  }

  /** Reads the timestamp of one skipped line per chunk; arrival order is close to time order. */
  private sampleTime(region: Buffer, from: number): void {
    const end = region.indexOf(10, from);
    const line = region.toString('latin1', from, end < 0 ? region.length : end);
    const m = /"timestamp"\s*:\s*"?(\d{9,13}(?:\.\d+)?)/.exec(line);
    if (!m) return;
    let t = Number(m[1]);
    if (t > 1e12) t /= 1000;
    if (t > this.newestSkippedTime) this.newestSkippedTime = t;
  }
}

function opensValue(region: Buffer, start: number, end: number): boolean {
  let j = end - 1;
  let c = region[j] as number;
  // Most lines end in '}' or ']' right before the newline: decided at the first byte.
  while (j > start && (c === 32 || c === 9 || c === 13)) c = region[--j] as number;
  return j >= start && (c === 91 || c === 123 || c === 44 || c === 58 || c === 61);
}
