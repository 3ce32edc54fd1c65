import { CARRIAGE_RETURN, COLON, COMMA, EQUALS, NEWLINE, OPEN_BRACE, OPEN_BRACKET, SPACE, TAB } from '../common/chars.js';
import { forEachLine, type LineSink } from './line-buffer.js';
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

export class NeedleFilter implements LineSink {
  /** Reused for folding (aligned, since it is a fresh allocation). */
  private scratch = Buffer.allocUnsafeSlow(1 << 20);
  /** Largest `"timestamp"` seen on a skipped line: the input's newest time (72 h expiry). */
  newestSkippedTime = Number.NEGATIVE_INFINITY;

  private readonly needles: Buffer[];

  constructor(
    private readonly scanner: FramingScanner,
    needles: readonly string[],
  ) {
    this.needles = needles.map((n) => {
      const bytes = Buffer.from(n, 'latin1');
      return Buffer.from(foldInto(bytes, Buffer.allocUnsafeSlow(bytes.length + 4)));
    });
  }

  oversize(line: number): void {
    this.scanner.oversize(line);
  }

  end(): void {
    this.scanner.end();
  }

  /**
   * The next position of any needle at or after `from`. Each needle's own next position is kept
   * and searched again only once passed, so a needle that never occurs is searched for once per
   * region, not once per hit of another needle (which would be quadratic).
   */
  private nextHit(folded: Buffer, from: number, next: number[]): number {
    let best = -1;
    for (let k = 0; k < this.needles.length; k++) {
      let i = next[k] as number;
      if (i !== -1 && i < from) next[k] = i = folded.indexOf(this.needles[k] as Buffer, from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  lines(region: Buffer, firstLine: number): void {
    if (this.scratch.length < region.length) this.scratch = Buffer.allocUnsafeSlow(region.length);
    const folded = foldInto(region, this.scratch);
    const scanner = this.scanner;
    // -2: not searched yet in this region (the search from 0 happens in the first call).
    const next = this.needles.map(() => -2);
    let hit = this.nextHit(folded, 0, next);
    let skipped = false;
    let lastSkipped = -1;
    forEachLine(region, firstLine, (start, end, line) => {
      if (scanner.isOpen || (hit >= start && hit < end) || opensValue(region, start, end)) {
        if (skipped) scanner.gap();
        skipped = false;
        scanner.lineBytes(region, start, end, line);
      } else {
        skipped = true;
        lastSkipped = start;
      }
      if (hit >= 0 && hit <= end) hit = this.nextHit(folded, end + 1, next);
    });
    if (skipped) scanner.gap();
    if (lastSkipped >= 0) this.sampleTime(region, lastSkipped);
  }

  /** Reads the timestamp of one skipped line per region; arrival order is close to time order. */
  private sampleTime(region: Buffer, from: number): void {
    const end = region.indexOf(NEWLINE, from);
    const line = region.toString('latin1', from, end < 0 ? region.length : end);
    const m = /"timestamp"\s*:\s*"?(\d{9,13}(?:\.\d+)?)/.exec(line);
    if (!m) return;
    let t = Number(m[1]);
    if (t > 1e12) t /= 1000;
    if (t > this.newestSkippedTime) this.newestSkippedTime = t;
  }
}

/** Does the line end in `[ { , : =` (so that it may open a value that spans lines)? */
function opensValue(region: Buffer, start: number, end: number): boolean {
  let j = end - 1;
  let c = region[j] as number;
  // Most lines end in '}' or ']' right before the newline: decided at the first byte.
  while (j > start && (c === SPACE || c === TAB || c === CARRIAGE_RETURN)) c = region[--j] as number;
  return j >= start && (c === OPEN_BRACKET || c === OPEN_BRACE || c === COMMA || c === COLON || c === EQUALS);
}
