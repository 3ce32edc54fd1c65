import { instantiate, ReadArea, type LentBuffer } from '../common/wasm.js';
import { FLAT_OBJECT_WASM } from './flat-object-wasm.js';

/**
 * FlatObject's reader in WebAssembly (flat-object.wat): the same answers as its JavaScript reader,
 * for a line that lies in the module's memory — the reads of a grouping run go there
 * (lend; a file is read into it, gzip's and stdin's chunks are copied in), so nothing is copied
 * line by line. Its strings are scanned 16 bytes at a time for a quote, a backslash or a control
 * character; in JavaScript the same scan is a byte at a time. A line elsewhere (held across two
 * reads), an array of more than WASM_MAX_OBJECTS objects, or an engine without WebAssembly SIMD
 * (`--jitless`) is read by the JavaScript reader.
 *
 * Its slots (kind, start, end of each field) are one set for the process: the FlatObject that
 * reads through it last owns them (takenBy), and one that used them before lets its events go.
 */

// The memory layout of flat-object.wat.
const NAME_TABLE_AT = 0;
const NAME_TABLE_SIZE = 128;
const LENGTHS_AT = 128;
const NAMES_AT = 256;
const NAME_ROOM = 32;
const KIND_AT = 4096;
const START_AT = 16384;
const END_AT = 40960;
const OBJECT_START_AT = 65536;
const OBJECT_END_AT = 66560;
/** Objects one line may hold here (an array per line, a POST body); more are left to JavaScript. */
export const WASM_MAX_OBJECTS = 256;
/** The reads: from the third 64 KiB page, with a block's worth of bytes after them. */
const READ_AT = 2 * 65536;
const BLOCK = 16;

interface ReaderExports {
  memory: { buffer: ArrayBuffer };
  isArray: { value: number };
  configure(fields: number, category: number): void;
  read(base: number, start: number, end: number): number;
}

/** How FlatObject names its fields: the table from a key's length, first and last byte, and the names. */
export interface FieldTable {
  readonly table: Int8Array;
  readonly names: readonly Uint8Array[];
  /** The field read as a list of strings (categories). */
  readonly listField: number;
}

/** Where a reader notes the fields of the objects of the line it read (FlatObject's slots). */
export interface Slots {
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly objectStart: Int32Array;
  readonly objectEnd: Int32Array;
}

export class WasmFlatReader {
  /** The slots, in the module's memory. */
  readonly slots: Slots;
  private readonly reads: ReadArea;
  /** The reader whose line the slots hold. */
  private owner: { letGo(): void } | null = null;

  private constructor(private readonly m: ReaderExports, fields: FieldTable) {
    const memory = m.memory.buffer;
    this.reads = new ReadArea(memory, READ_AT, BLOCK);
    const count = fields.names.length;
    const bytes = new Uint8Array(memory);
    bytes.set(new Uint8Array(fields.table.buffer, fields.table.byteOffset, NAME_TABLE_SIZE), NAME_TABLE_AT);
    fields.names.forEach((name, f) => {
      if (name.length > NAME_ROOM) throw new Error('a field name is longer than the WebAssembly reader has room for');
      bytes[LENGTHS_AT + f] = name.length;
      bytes.set(name, NAMES_AT + f * NAME_ROOM);
    });
    m.configure(count, fields.listField);
    this.slots = {
      kind: new Uint8Array(memory, KIND_AT, WASM_MAX_OBJECTS * count),
      start: new Int32Array(memory, START_AT, WASM_MAX_OBJECTS * count),
      end: new Int32Array(memory, END_AT, WASM_MAX_OBJECTS * count),
      objectStart: new Int32Array(memory, OBJECT_START_AT, WASM_MAX_OBJECTS),
      objectEnd: new Int32Array(memory, OBJECT_END_AT, WASM_MAX_OBJECTS),
    };
  }

  /** The reader, or null where the engine cannot run it (no SIMD, `--jitless`). */
  static load(fields: FieldTable): WasmFlatReader | null {
    const m = instantiate<ReaderExports>(FLAT_OBJECT_WASM);
    return m === null ? null : new WasmFlatReader(m, fields);
  }

  /** `reader` is about to read through this: the reader before it lets its events go. */
  takenBy(reader: { letGo(): void }): void {
    if (this.owner === reader) return;
    this.owner?.letGo();
    this.owner = reader;
  }

  /** Does `bytes[0, end)` lie in the reads, where `read` can take it? */
  holds(bytes: Uint8Array, end: number): boolean {
    return this.reads.holds(bytes, end);
  }

  /**
   * Reads `bytes[start, end)` (which `holds`): the number of objects, -1 when the JavaScript reader
   * refuses it too, 0 when it has more objects than the slots here (ask that reader).
   */
  read(bytes: Uint8Array, start: number, end: number): number {
    const base = bytes.byteOffset;
    return this.m.read(base, base + start, base + end);
  }

  /** The line read last was an array. */
  get isArray(): boolean {
    return this.m.isArray.value !== 0;
  }

  /**
   * A buffer of `size` bytes in the reads, for one input's reads, or undefined (it does not fit, or
   * another input is being read into it now). Given back with `release` when done.
   */
  lend(size: number): LentBuffer | undefined {
    return this.reads.lend(size);
  }
}
