import { CARRIAGE_RETURN, isAsciiLetter, COLON, COMMA, EQUALS, isDigit, NEWLINE, OPEN_BRACE, OPEN_BRACKET, SPACE, TAB } from '../common/chars.js';
import type { LineSink } from './line-buffer.js';
import { LookupScan, type ScanNeedle, type ScanResult } from './lookup-scan.js';
import type { FramingScanner } from './scanner.js';

/**
 * A raw-byte prefilter for lookups of one address or ID (`timeline --email`): whole lines that
 * cannot hold what is asked for are never decoded or parsed. A line goes on to the scanner when it
 * contains a needle (ASCII, compared case-insensitively), when the scanner is inside a value that
 * spans lines, or when the line may open such a value (it ends in `[ { , : =`).
 *
 * Which lines those are, the one-pass scan (lookup-scan.ts) says for a region read into its
 * memory; any other region is walked here in JavaScript (NeedleFinder per needle, then each
 * line's end). Both decide the same (test/ingest/lookup-scan.property.test.ts).
 */

const isLetter = isAsciiLetter;

/** Letters and digits: the bytes JSON text is mostly made of. */
const isWordByte = (c: number) => isLetter(c) || isDigit(c);

/** The anchor's length: a needle with an `@` has a window of two with one letter at most, so two spellings. */
const ANCHOR_LENGTH = 2;

/** An exact needle's anchor: long enough that a hit is nearly always the needle. */
const EXACT_ANCHOR_LENGTH = 6;

/** Bytes of the first region counted to choose how a needle is searched for (its rarest bytes). */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Finds one needle case-insensitively at memchr speed without folding the input. Two ways, chosen
 * from the bytes of the first region (tune):
 *
 * - a byte of the needle that is not a letter (so has one spelling) and is rare in the input —
 *   `@` in an address — is searched for with Buffer.indexOf, and each occurrence is checked
 *   against the whole needle: one pass, whatever the case of the letters around it;
 * - otherwise a short window of the needle with the fewest letters (an anchor) is searched for in
 *   each of its case variants (`@i`: 1 letter, 2 spellings), each hit checked the same way.
 *
 * The next position of each variant is kept, so that a region is scanned once per variant
 * whatever the number of hits.
 */
class NeedleFinder {
  private readonly lower: Buffer;
  /** The anchor in every spelling (or its one byte): each hit is checked against the whole needle. */
  private variants: Array<Buffer | number>;
  /** Where the anchor starts in the needle. */
  private offset: number;
  private next: number[] = [];
  /** The way of searching is chosen once, from the bytes of the first region (tune). */
  private untuned = true;

  /** `exact`: the needle as it is, one spelling, compared byte for byte. */
  constructor(
    needle: string,
    private readonly exact = false,
  ) {
    this.lower = Buffer.from(exact ? needle : needle.toLowerCase(), 'latin1');
    this.offset = 0;
    this.variants = [this.lower];
  }

  /** A new region: forget the positions found in the last one. */
  reset(region: Buffer): void {
    if (this.untuned) {
      this.untuned = false;
      const counts = byteCounts(region);
      if (this.exact) this.tuneExact(counts);
      else this.tuneFolded(counts);
    }
    this.next = this.variants.map(() => -2);
  }

  /**
   * An exact needle (`account_status_change`) is searched for from its byte that is rarest in a
   * sample of the input: Buffer.indexOf stops at every occurrence of the anchor's first byte, and
   * `a` occurs about six times as often as `h` in webhook JSON (on the 200k bench log a pass from
   * `a` took 49 ms, from `hange` 22 ms).
   */
  private tuneExact(counts: Uint32Array): void {
    let best = 0;
    for (let i = 1; i < this.lower.length; i++) if ((counts[this.lower[i] as number] as number) < (counts[this.lower[best] as number] as number)) best = i;
    this.offset = best;
    this.variants = [this.lower.subarray(best, Math.min(this.lower.length, best + EXACT_ANCHOR_LENGTH))];
  }

  /**
   * A needle in any case: its rarest byte that is not a letter, when the sample has it no more
   * often than the anchor's passes together stop (each pass stops at every occurrence of the
   * anchor's first byte). On the 200k bench log, `@` alone took 26–33 ms where `@i` and `@I` took
   * 50–55 ms together: the same stops, one pass instead of two.
   */
  private tuneFolded(counts: Uint32Array): void {
    const anchor = this.anchorWindow();
    const stops = (counts[this.lower[anchor.from] as number] as number) * anchor.variants.length;
    let rare = -1;
    for (let i = 0; i < this.lower.length; i++) {
      const c = this.lower[i] as number;
      if (!isLetter(c) && (rare < 0 || (counts[c] as number) < (counts[this.lower[rare] as number] as number))) rare = i;
    }
    if (rare >= 0 && (counts[this.lower[rare] as number] as number) <= stops) {
      this.offset = rare;
      this.variants = [this.lower[rare] as number];
    } else {
      this.offset = anchor.from;
      this.variants = anchor.variants;
    }
  }

  /** The window of ANCHOR_LENGTH bytes with the fewest letters and the rarest kind of first byte. */
  private anchorWindow(): { from: number; variants: Buffer[] } {
    const length = Math.min(ANCHOR_LENGTH, this.lower.length);
    // Fewest letters (fewest spellings), then the rarest first byte: Buffer.indexOf runs memchr
    // on the anchor's first byte and stops at each occurrence, and letters and digits occur many
    // times on every line while `@` occurs once or twice (on the 200k bench log `i.` took 90 ms
    // a pass, `.t` 73 ms, `@i` 41 ms, about what one newline pass costs). A window elsewhere in
    // the domain, shared by many addresses, hits far more often.
    const at = this.lower.indexOf(0x40);
    let best = 0;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let from = 0; from + length <= this.lower.length; from++) {
      let letters = 0;
      for (let i = from; i < from + length; i++) if (isLetter(this.lower[i] as number)) letters++;
      const first = this.lower[from] as number;
      const firstCost = first === 0x40 ? 0 : isWordByte(first) ? 3 : 1;
      const inDomain = at >= 0 && from + length > at && from !== at;
      const score = letters * 2 + firstCost + (inDomain ? 1 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = from;
      }
    }
    return { from: best, variants: caseVariants(this.lower.subarray(best, best + length)) };
  }

  /**
   * The needle as the one-pass scan takes it (lookup-scan.ts): anchored at the two bytes of it
   * that are together least often in the sample (`pairs`, by folded pair: see pairCounts).
   */
  scanNeedle(pairs: Uint32Array): ScanNeedle {
    let anchor = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < this.lower.length; i++) {
      const n = pairs[pairKey(this.lower[i] as number, this.lower[i + 1] as number)] as number;
      if (n < fewest) {
        fewest = n;
        anchor = i;
      }
    }
    return { bytes: this.lower, folded: !this.exact, anchor };
  }

  /** The start of the next match at or after `from` in `region`, or -1. */
  find(region: Buffer, from: number): number {
    const byte = this.variants[0];
    if (typeof byte === 'number') return this.findByte(region, from, byte);
    for (;;) {
      let hit = -1;
      let which = -1;
      for (let k = 0; k < this.variants.length; k++) {
        let i = this.next[k] as number;
        const want = from + this.offset;
        if (i !== -1 && i < want) this.next[k] = i = region.indexOf(this.variants[k] as Buffer | number, want);
        if (i >= 0 && (hit < 0 || i < hit)) {
          hit = i;
          which = k;
        }
      }
      if (hit < 0) return -1;
      const start = hit - this.offset;
      if (this.matchesAt(region, start)) return start;
      // Not this one: look past it.
      this.next[which] = region.indexOf(this.variants[which] as Buffer | number, hit + 1);
      from = Math.max(from, start);
    }
  }

  /**
   * One byte searched for: most of its occurrences are elsewhere (the `@` of other addresses), so
   * the bytes on either side of it are compared before the whole needle.
   */
  private findByte(region: Buffer, from: number, byte: number): number {
    const offset = this.offset;
    const lower = this.lower;
    const last = lower.length - 1;
    const before = offset > 0 ? (lower[offset - 1] as number) : -1;
    const after = offset < last ? (lower[offset + 1] as number) : -1;
    let i = this.next[0] as number;
    if (i !== -1 && i < from + offset) i = region.indexOf(byte, from + offset);
    while (i >= 0) {
      if ((before < 0 || sameFolded(region[i - 1] as number, before)) && (after < 0 || sameFolded(region[i + 1] as number, after)) && this.matchesAt(region, i - offset)) break;
      i = region.indexOf(byte, i + 1);
    }
    this.next[0] = i;
    return i < 0 ? -1 : i - offset;
  }

  private matchesAt(region: Buffer, start: number): boolean {
    const n = this.lower.length;
    if (start < 0 || start + n > region.length) return false;
    if (this.variants[0] === this.lower) return true;
    if (this.exact) return this.lower.equals(region.subarray(start, start + n));
    for (let i = 0; i < n; i++) {
      if (!sameFolded(region[start + i] as number, this.lower[i] as number)) return false;
    }
    return true;
  }
}

/** How often each byte occurs in the first SAMPLE_BYTES of a region. */
function byteCounts(region: Buffer): Uint32Array {
  const counts = new Uint32Array(256);
  const n = Math.min(region.length, SAMPLE_BYTES);
  for (let i = 0; i < n; i++) counts[region[i] as number]++;
  return counts;
}

/** Two bytes' key among pairs, letters folded to lower case. */
const pairKey = (a: number, b: number) => ((isLetter(a) ? a | 0x20 : a) << 8) | (isLetter(b) ? b | 0x20 : b);

/** How often each pair of bytes (letters folded) occurs in the first SAMPLE_BYTES of a region. */
function pairCounts(region: Buffer): Uint32Array {
  const counts = new Uint32Array(1 << 16);
  const n = Math.min(region.length, SAMPLE_BYTES);
  for (let i = 0; i + 1 < n; i++) counts[pairKey(region[i] as number, region[i + 1] as number)]++;
  return counts;
}

/** Is byte `c` the needle's (lower-case) byte `want`, in either case if it is a letter? */
const sameFolded = (c: number, want: number) => c === want || (isLetter(want) && (c | 0x20) === want);

/** Every spelling of `lower` with its letters in either case. */
function caseVariants(lower: Uint8Array): Buffer[] {
  let variants = [Buffer.from(lower)];
  for (let i = 0; i < lower.length; i++) {
    if (!isLetter(lower[i] as number)) continue;
    variants = variants.flatMap((v) => {
      const upper = Buffer.from(v);
      upper[i] = (upper[i] as number) & ~0x20;
      return [v, upper];
    });
  }
  return variants;
}

/** What a lookup searches for: text in any case, or `{ exact }` text as written. */
export type Needle = string | { exact: string };

export class NeedleFilter implements LineSink {
  /** Largest `"timestamp"` seen on a skipped line: the input's newest time (72 h expiry). */
  newestSkippedTime = Number.NEGATIVE_INFINITY;
  /** Regions whose lines the one-pass scan listed (the others were walked). */
  scannedRegions = 0;

  private readonly finders: NeedleFinder[];
  /** The one-pass scan, decided at the first region (null: the walk reads every region). */
  private scan: LookupScan | null | undefined;

  constructor(
    private readonly scanner: FramingScanner,
    needles: readonly Needle[],
  ) {
    this.finders = needles.map((n) => (typeof n === 'string' ? new NeedleFinder(n) : new NeedleFinder(n.exact, true)));
  }

  oversize(line: number): void {
    this.scanner.oversize(line);
  }

  end(): void {
    this.scanner.end();
  }

  /** The next position of any needle at or after `from`, or -1. */
  private nextHit(region: Buffer, from: number): number {
    let best = -1;
    for (const f of this.finders) {
      const i = f.find(region, from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  lines(region: Buffer, firstLine: number): number {
    if (this.scan === undefined) this.scan = this.oneScan(region);
    const listed = this.scan?.scan(region) ?? null;
    if (listed === null) return this.walk(region, firstLine);
    this.scannedRegions++;
    return this.readListed(region, firstLine, listed);
  }

  /** The one-pass scan for these needles, anchored on the bytes of the first region, or null. */
  private oneScan(region: Buffer): LookupScan | null {
    const pairs = pairCounts(region);
    return LookupScan.for(this.finders.map((f) => f.scanNeedle(pairs)));
  }

  /**
   * Reads the lines the scan listed, as the walk would: a line listed, and every line after it
   * while a value stays open (also at the start of a region, when one is still open from the
   * last); skipped lines make a gap before the next line read and at the end.
   */
  private readListed(region: Buffer, firstLine: number, listed: ScanResult): number {
    const scanner = this.scanner;
    const n = region.length;
    let pos = 0;
    let gapStart = -1;
    let gapEnd = -1;
    const readOn = (start: number, line: number) => {
      do {
        const nl = region.indexOf(NEWLINE, start);
        const end = nl < 0 ? n : nl;
        scanner.lineBytes(region, start, end, firstLine + line);
        start = end + 1;
        line++;
      } while (scanner.isOpen && start < n);
      pos = start;
    };
    if (scanner.isOpen) readOn(0, 0);
    for (let i = 0; i < listed.count; i++) {
      const start = listed.start(i);
      // Read already: a line inside a value that spans lines.
      if (start < pos) continue;
      if (start > pos) {
        scanner.gap();
        gapStart = pos;
        gapEnd = start;
      }
      readOn(start, listed.index(i));
    }
    if (pos < n) {
      scanner.gap();
      gapStart = pos;
      gapEnd = n;
    }
    if (gapEnd >= 0) this.sampleTime(region, lastLineStart(region, gapStart, gapEnd));
    return listed.lines;
  }

  /** Every line of the region in JavaScript: the needles' next places, and each line's end. */
  private walk(region: Buffer, firstLine: number): number {
    for (const f of this.finders) f.reset(region);
    const scanner = this.scanner;
    let hit = this.nextHit(region, 0);
    let skipped = false;
    let lastSkipped = -1;
    // forEachLine's walk, inlined: this loop visits every line of the input.
    const n = region.length;
    let start = 0;
    let line = firstLine;
    while (start < n) {
      const nl = region.indexOf(NEWLINE, start);
      const end = nl < 0 ? n : nl;
      if ((hit >= start && hit < end) || scanner.isOpen || opensValue(region, start, end)) {
        if (skipped) scanner.gap();
        skipped = false;
        scanner.lineBytes(region, start, end, line);
      } else {
        skipped = true;
        lastSkipped = start;
      }
      if (hit >= 0 && hit <= end) hit = this.nextHit(region, end + 1);
      start = end + 1;
      line++;
    }
    if (skipped) scanner.gap();
    if (lastSkipped >= 0) this.sampleTime(region, lastSkipped);
    return line - firstLine;
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

/** Where the last line of the lines [start, end) of a region starts. */
function lastLineStart(region: Buffer, start: number, end: number): number {
  // Not the newline that ends the last line (at end - 1), the one before it.
  const nl = end - 2 >= start ? region.lastIndexOf(NEWLINE, end - 2) : -1;
  return nl >= start ? nl + 1 : start;
}

/** Does the line end in `[ { , : =` (so that it may open a value that spans lines)? */
function opensValue(region: Buffer, start: number, end: number): boolean {
  let j = end - 1;
  let c = region[j] as number;
  // Most lines end in '}' or ']' right before the newline: decided at the first byte.
  while (j > start && (c === SPACE || c === TAB || c === CARRIAGE_RETURN)) c = region[--j] as number;
  return j >= start && (c === OPEN_BRACKET || c === OPEN_BRACE || c === COMMA || c === COLON || c === EQUALS);
}
