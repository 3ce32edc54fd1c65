/**
 * What sgtrail's WebAssembly modules share (the lookup scan, the lean reader): compiling one from
 * its committed bytes, and lending the part of its memory where an input's reads go, so that its
 * code reads the lines where they were read.
 */

/** The few WebAssembly names used here (TypeScript declares them only with the DOM library). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

/** The exports of the module whose bytes are `base64`, or null where the engine cannot run it (no SIMD, `--jitless`). */
export function instantiate<T>(base64: string): T | null {
  try {
    const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
    return new WebAssembly.Instance(module).exports as T;
  } catch {
    return null;
  }
}

/** A buffer lent for one input's reads, given back with `release` when they end. */
export interface LentBuffer {
  buffer: Buffer;
  release(): void;
}

/**
 * The part of a module's memory from `at` on where the reads go, lent to one input at a time,
 * with `slack` readable bytes kept after whatever is lent (a module reads whole blocks).
 */
export class ReadArea {
  private lent = false;

  constructor(
    private readonly memory: ArrayBuffer,
    private readonly at: number,
    private readonly slack: number,
  ) {}

  /** A buffer of `size` bytes, or undefined (it does not fit, or another input is being read into it now). */
  lend(size: number): LentBuffer | undefined {
    if (this.lent || this.at + size + this.slack > this.memory.byteLength) return undefined;
    this.lent = true;
    let released = false;
    return {
      buffer: Buffer.from(this.memory, this.at, size),
      release: () => {
        if (released) return;
        released = true;
        this.lent = false;
      },
    };
  }

  /** Do `bytes[0, end)` lie in the area, with the slack after them? */
  holds(bytes: Uint8Array, end: number): boolean {
    return bytes.buffer === this.memory && bytes.byteOffset >= this.at && bytes.byteOffset + end + this.slack <= this.memory.byteLength;
  }
}
