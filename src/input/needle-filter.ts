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
const OPENS = new Set([91, 123, 44, 58, 61]); // [ { , : =

function fold(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(out);
  const words = new Uint32Array(out.buffer, out.byteOffset, bytes.length >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = (words[i] as number) | 0x20202020;
  for (let i = words.length << 2; i < out.length; i++) out[i] = (out[i] as number) | 0x20;
  return out;
}

export class NeedleFilter {
  private tail: Buffer | null = null;
  /** Largest `"timestamp"` seen on a skipped line: the input's newest time (SPEC: 72h expiry). */
  newestSkippedTime = Number.NEGATIVE_INFINITY;

  private readonly needles: Buffer[];

  constructor(
    private readonly scanner: FramingScanner,
    needles: readonly string[],
    private readonly maxLine: number,
  ) {
    this.needles = needles.map((n) => fold(Buffer.from(n, 'latin1')));
  }

  push(chunk: Buffer): void {
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    const lastNl = buf.lastIndexOf(10);
    if (lastNl < 0) {
      // A line longer than the limit is the scanner's to skip: hand it over as it comes.
      if (buf.length > this.maxLine) this.scanner.push(buf);
      else this.tail = Buffer.from(buf);
      return;
    }
    if (lastNl + 1 < buf.length) this.tail = Buffer.from(buf.subarray(lastNl + 1));
    this.filter(buf.subarray(0, lastNl + 1));
  }

  end(): void {
    if (this.tail) this.scanner.push(this.tail);
    this.tail = null;
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
    const folded = fold(region);
    let hit = this.nextHit(folded, 0);
    let pos = 0;
    let skipped = 0;
    let lastSkipped = -1;
    while (pos < region.length) {
      const nl = region.indexOf(10, pos);
      const end = nl < 0 ? region.length : nl;
      const wanted = this.scanner.isOpen || (hit >= pos && hit < end) || opensValue(region, pos, end);
      if (wanted) {
        if (skipped > 0) this.scanner.skipLines(skipped);
        skipped = 0;
        this.scanner.push(region.subarray(pos, end + 1));
      } else {
        skipped++;
        lastSkipped = pos;
      }
      pos = end + 1;
      if (hit >= 0 && hit < pos) hit = this.nextHit(folded, pos);
    }
    if (skipped > 0) this.scanner.skipLines(skipped);
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
  while (j >= start) {
    const c = region[j] as number;
    if (c !== 32 && c !== 9 && c !== 13) break;
    j--;
  }
  return j >= start && OPENS.has(region[j] as number);
}
