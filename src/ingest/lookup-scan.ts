import { isAsciiLetter, NEWLINE } from '../common/chars.js';
import { instantiate, ReadArea, type LentBuffer } from '../common/wasm.js';
import { LOOKUP_SCAN_WASM } from './lookup-scan-wasm.js';

/**
 * The lookup prefilter's scan in WebAssembly (lookup-scan.wat): one pass over a region, 16 bytes
 * at a time, lists the lines a lookup must read — those holding a needle and those that may open
 * a value spanning lines — and counts the lines. Each needle is looked for by two of its bytes
 * together (its anchor, letters in either case when the needle's are), the pair its input has
 * least often, so that almost every place found is the needle. In JavaScript the same work is
 * three passes of Buffer.indexOf (an address's `@`, the account needle's rarest byte, the
 * newlines), each stopping at every occurrence of its byte: on the 200k bench log about 1 million
 * stops at `@`, 1.2 million at `h` and half a million at newlines. The scan reads the bytes where
 * they were read into: the reads of a lookup go into the module's memory (takeReadBuffer), so
 * nothing is copied (gzip's, stdin's and UTF-16 input's chunks are copied in, see openSource).
 * A region elsewhere (a line held across two reads, a second input read at the same time), needles it cannot
 * take (more than four, one longer than 256 bytes) or an engine without WebAssembly leaves the work
 * to NeedleFilter's walk in JavaScript, which decides the same.
 */

/** One needle as the scan compares it (see NeedleFinder.scanNeedle). */
export interface ScanNeedle {
  /** The needle's bytes, lower case when `folded`. */
  readonly bytes: Uint8Array;
  /** Letters compared in either case. */
  readonly folded: boolean;
  /** Where its anchor starts: the two bytes the scan looks for (one, at the needle's last byte). */
  readonly anchor: number;
}

// The memory layout of lookup-scan.wat.
const COUNT_AT = 0;
const NEEDLES_AT = 16;
const NEEDLE_HEADER = 16;
/** Where the anchor's bytes and fold masks lie in a needle's header. */
const ANCHOR_IN_HEADER = 12;
const MAX_NEEDLES = 4;
/** Each needle's bytes then its fold mask, MAX_NEEDLE_BYTES each, from here. */
const BYTES_AT = 256;
const MAX_NEEDLE_BYTES = 256;
const FOUND_AT = 4096;
/** An anchor's second byte when it has none: any byte passes (0xff | anything is 0xff). */
const ANY = 0xff;
/** The reads of a lookup: from the third 64 KiB page, with a block's worth of bytes after them. */
const READ_AT = 2 * 65536;
const BLOCK = 16;

/** What the module exports. */
interface ScanModule {
  memory: { buffer: ArrayBuffer };
  found: { value: number };
  scan(base: number, length: number): number;
}

let loaded: { m: ScanModule; reads: ReadArea } | null | undefined;

/** The module and its reads, compiled on first use; null where the engine cannot run it. */
function scanModule(): { m: ScanModule; reads: ReadArea } | null {
  if (loaded === undefined) {
    const m = instantiate<ScanModule>(LOOKUP_SCAN_WASM);
    loaded = m === null ? null : { m, reads: new ReadArea(m.memory.buffer, READ_AT, BLOCK) };
  }
  return loaded;
}

/**
 * A buffer of `size` bytes inside the scan's memory for one input's reads, or undefined (the
 * module cannot run, the size does not fit, or another input is being read into it now). The
 * reader gives it back with `release` when done.
 */
export function takeReadBuffer(size: number): LentBuffer | undefined {
  return scanModule()?.reads.lend(size);
}

/** The lines of one region a lookup must read, as the scan listed them. */
export interface ScanResult {
  /** Lines in the region (a last line without its newline counts). */
  lines: number;
  /** How many lines were listed. */
  count: number;
  /** Listed line `i`: its start in the region and its index among the region's lines. */
  start(i: number): number;
  index(i: number): number;
}

/** The scan whose needles the module's memory holds now. */
let configured: LookupScan | null = null;

/** A configured scan for one lookup's needles (LookupScan.for), used region by region. */
export class LookupScan {
  private constructor(
    private readonly m: ScanModule,
    private readonly reads: ReadArea,
    private readonly needles: readonly ScanNeedle[],
  ) {}

  /** A scan for these needles, or null when the scan cannot take them. */
  static for(needles: readonly ScanNeedle[]): LookupScan | null {
    if (needles.length === 0 || needles.length > MAX_NEEDLES) return null;
    for (const n of needles) {
      if (n.bytes.length === 0 || n.bytes.length > MAX_NEEDLE_BYTES || n.bytes.includes(NEWLINE)) return null;
      if (!(n.anchor >= 0 && n.anchor < n.bytes.length)) return null;
    }
    const loadedModule = scanModule();
    return loadedModule === null ? null : new LookupScan(loadedModule.m, loadedModule.reads, needles);
  }

  /** The lines to read in `region`, or null when the scan cannot say (left to the walk). */
  scan(region: Buffer): ScanResult | null {
    const m = this.m;
    const memory = m.memory.buffer;
    const base = region.byteOffset;
    if (!this.reads.holds(region, region.length)) return null;
    if (configured !== this) this.configure(memory);
    const lines = m.scan(base, region.length);
    if (lines < 0) return null;
    const count = m.found.value;
    const found = new Int32Array(memory, FOUND_AT, count * 2);
    return { lines, count, start: (i) => (found[2 * i] as number) - base, index: (i) => found[2 * i + 1] as number };
  }

  /** Writes the needles where the scan reads them (again only after another lookup's scan). */
  private configure(memory: ArrayBuffer): void {
    configured = this;
    const words = new Int32Array(memory, 0, BYTES_AT / 4);
    const bytes = new Uint8Array(memory);
    words[COUNT_AT / 4] = this.needles.length;
    this.needles.forEach((n, k) => {
      const header = NEEDLES_AT + k * NEEDLE_HEADER;
      const at = BYTES_AT + k * 2 * MAX_NEEDLE_BYTES;
      const length = n.bytes.length;
      const fold = (i: number) => (n.folded && isAsciiLetter(n.bytes[i] as number) ? 0x20 : 0);
      words[header / 4] = n.anchor;
      words[header / 4 + 1] = length;
      words[header / 4 + 2] = at;
      bytes.set(n.bytes, at);
      for (let i = 0; i < length; i++) bytes[at + length + i] = fold(i);
      const anchor = header + ANCHOR_IN_HEADER;
      const second = n.anchor + 1 < length;
      bytes[anchor] = n.bytes[n.anchor] as number;
      bytes[anchor + 1] = fold(n.anchor);
      bytes[anchor + 2] = second ? (n.bytes[n.anchor + 1] as number) : ANY;
      bytes[anchor + 3] = second ? fold(n.anchor + 1) : ANY;
    });
  }
}
