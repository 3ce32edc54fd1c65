import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import type * as Zlib from 'node:zlib';
import type { LentBuffer } from '../common/wasm.js';
import type { RawInput, Spool } from './spool.js';

/**
 * Compressed bytes handed to zlib at a time: a gzip bomb's worst case per piece stays small (two
 * pieces' output are held at most: one being read, the next inflating).
 */
const GZIP_IN = 32 * 1024;

/**
 * Input bytes: files, `-` and piped stdin. Gzip is recognised by its magic bytes, not by the
 * name, and concatenated gzip members are read whole (zlib's gunzip does so).
 */

/** Why an input could not be read; `detail` is the system's or zlib's own text. */
export type InputProblem =
  | { kind: 'missing' | 'directory' | 'permission' | 'follow-gzip' }
  | { kind: 'corrupt-gzip'; detail: string; code: string }
  | { kind: 'other'; detail: string };

/** An input that could not be read (missing file, a directory, corrupt gzip): exit code 3. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: InputProblem,
  ) {
    super(`${file}: ${problem.kind}${'detail' in problem ? ` (${problem.detail})` : ''}`);
    this.name = 'InputError';
  }
}

export interface Source {
  /** The name used in `file:line` locations: the path as given, or `stdin`. */
  readonly name: string;
  /** Raw (possibly compressed) bytes read so far. */
  rawBytes: number;
  /** Total raw size when known (regular files), for progress. */
  readonly size: number | null;
  chunks(): AsyncGenerator<Buffer>;
}

/** What went wrong reading an input (worded by the catalogue: `cannot read FILE: …`). */
export function describe(err: unknown): InputProblem {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return { kind: 'missing' };
    case 'EISDIR':
      return { kind: 'directory' };
    case 'EACCES':
      return { kind: 'permission' };
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return { kind: 'corrupt-gzip', detail: e.message, code: e.code };
    default:
      return { kind: 'other', detail: e.message ?? String(err) };
  }
}

/**
 * Inputs that cannot be read twice (stdin, a pipe; see Spool): `copyTo` copies them as they are
 * read, `readCopies` reads them from such copies, under their own names.
 */
export interface InputsReadAgain {
  copyTo?: Spool;
  readCopies?: Spool;
}

/** Lends a buffer for one input's reads, given back when they end (see takeReadBuffer, lendFlatReadBuffer). */
export type LendReadBuffer = (size: number) => LentBuffer | undefined;

/**
 * `readBytes`: the size of each read of a regular file (default FILE_CHUNK). A lookup whose
 * prefilter skips nearly every line reads in larger pieces (LOOKUP_CHUNK). `lend`: where the
 * reads should go (a WebAssembly module's memory, whose code reads the lines there); when it
 * gives a buffer, every chunk is handed on from it — a file is read into it, anything else
 * (gzip, stdin, UTF-16) copied in.
 */
export function openSource(
  path: string,
  stdin: NodeJS.ReadableStream,
  size: number | null,
  readBytes = FILE_CHUNK,
  lend?: LendReadBuffer,
  again?: InputsReadAgain,
): Source {
  const name = path === '-' ? 'stdin' : path;
  const source: Source = {
    name,
    rawBytes: 0,
    size,
    async *chunks() {
      const lent = lend?.(readBytes);
      try {
        let bytes: AsyncGenerator<Buffer>;
        if (size !== null) bytes = fileChunks(path, source, readBytes, lent?.buffer);
        else {
          // A directory on stdin reads as empty; say that it cannot be read.
          if (path === '-' && isDirectoryFd(stdin)) throw new InputError(name, describe({ code: 'EISDIR' }));
          bytes = decode(readOnce(path, stdin, name, again), source);
        }
        for await (const chunk of asUtf8(bytes)) yield* within(lent?.buffer, chunk);
      } finally {
        lent?.release();
      }
    },
  };
  return source;
}

/**
 * An input read as a stream — stdin, a pipe (or a path that cannot be read: its error is met
 * as it is read) — copied as it is read, or read from such a copy (see Spool).
 */
function readOnce(path: string, stdin: NodeJS.ReadableStream, name: string, again: InputsReadAgain | undefined): RawInput {
  if (again?.readCopies !== undefined) {
    const copy = again.readCopies.nextCopy();
    if (copy === null) throw new InputError(name, { kind: 'other', detail: 'its copy for a second read was given up' });
    return copy;
  }
  const raw = path === '-' ? stdin : createReadStream(path, { highWaterMark: 128 << 10 });
  return again?.copyTo !== undefined ? again.copyTo.tee(raw, name) : raw;
}

/**
 * `chunk` as it is, or when a buffer was lent for the reads and the chunk lies elsewhere (gzip,
 * stdin, UTF-16), copied into it piece by piece: whoever lent it reads its bytes there.
 */
function* within(lent: Buffer | undefined, chunk: Buffer): Generator<Buffer> {
  if (lent === undefined || chunk.buffer === lent.buffer || chunk.length === 0) {
    yield chunk;
    return;
  }
  for (let at = 0; at < chunk.length; at += lent.length) {
    const n = chunk.copy(lent, 0, at, Math.min(chunk.length, at + lent.length));
    yield lent.subarray(0, n);
  }
}

function isDirectoryFd(stream: NodeJS.ReadableStream): boolean {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return false;
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Text in UTF-16 with a byte-order mark (what Windows tools such as PowerShell's `>` write) is
 * turned into UTF-8; anything else passes through untouched (the scanner drops a UTF-8 BOM).
 */
async function* asUtf8(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let decoder: TextDecoder | null = null;
  for await (const chunk of chunks) {
    if (decoder !== null) {
      yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
      continue;
    }
    if (head.length + chunk.length < 2) {
      head = Buffer.concat([head, chunk]);
      continue;
    }
    const start = head.length > 0 ? Buffer.concat([head, chunk]) : chunk;
    head = Buffer.alloc(0);
    const encoding = start[0] === 0xff && start[1] === 0xfe ? 'utf-16le' : start[0] === 0xfe && start[1] === 0xff ? 'utf-16be' : null;
    if (encoding === null) {
      // From here on, every chunk passes through as it is.
      yield start;
      yield* chunks;
      return;
    }
    decoder = new TextDecoder(encoding, { ignoreBOM: false });
    yield Buffer.from(decoder.decode(start, { stream: true }), 'utf8');
  }
  if (head.length > 0) yield head;
  if (decoder !== null) {
    const rest = decoder.decode();
    if (rest.length > 0) yield Buffer.from(rest, 'utf8');
  }
}

/** Size of each read: small enough to stay in the CPU cache while the lines are cut. */
const FILE_CHUNK = 128 * 1024;
/**
 * Size of each read of a prefiltered lookup: the prefilter searches each piece with a few native
 * passes and reads almost no line, so fewer, larger pieces cost less. On the 200k bench log,
 * `timeline --email` took 0.25 s with 1 MiB reads against 0.28 s with 128 KiB (median of 7),
 * while a report kept its time and grew by 17 MB (median of 5): the report keeps the small reads.
 */
export const LOOKUP_CHUNK = 1024 * 1024;
/**
 * Bytes read between two turns of the event loop (512 KiB, at least one read), so that a signal
 * is handled within a few milliseconds: a pipe on stdout is written synchronously on Linux, so
 * nothing else turns it.
 */
const TURN_BYTES = 512 * 1024;

/**
 * A regular file, read into one reused buffer (consumers copy what they keep past a push). Gzip,
 * recognised by its first bytes, goes through zlib from the same open file.
 */
async function* fileChunks(path: string, source: Source, size: number, lent?: Buffer): AsyncGenerator<Buffer> {
  let fd: number;
  const buf = lent ?? Buffer.allocUnsafeSlow(size);
  const turnEvery = Math.max(1, Math.floor(TURN_BYTES / size));
  let n: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new InputError(source.name, describe(err));
  }
  try {
    try {
      n = readSync(fd, buf, 0, size, null);
    } catch (err) {
      throw new InputError(source.name, describe(err));
    }
    if (n >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
      // The same open file from its start (not the name again: it may have been rotated since).
      yield* decode(compressedChunks(fd), source);
      return;
    }
    for (let reads = 1; n > 0; reads++) {
      source.rawBytes += n;
      yield n === size ? buf : buf.subarray(0, n);
      if (reads % turnEvery === 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        n = readSync(fd, buf, 0, size, null);
      } catch (err) {
        throw new InputError(source.name, describe(err));
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A gzip file's bytes from its start, each read into a fresh buffer (gunzip may still hold the
 * previous ones). Read here rather than by a stream on the same descriptor, so that only
 * fileChunks ever closes it.
 */
async function* compressedChunks(fd: number): AsyncGenerator<Buffer> {
  for (let position = 0; ; ) {
    const chunk = Buffer.allocUnsafe(FILE_CHUNK);
    const n = readSync(fd, chunk, 0, FILE_CHUNK, position);
    if (n === 0) return;
    position += n;
    yield n === FILE_CHUNK ? chunk : chunk.subarray(0, n);
  }
}

async function* counted(raw: RawInput, source: Source): AsyncGenerator<Buffer> {
  for await (const chunk of raw as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    source.rawBytes += buf.length;
    yield buf;
  }
}

async function* decode(raw: RawInput, source: Source): AsyncGenerator<Buffer> {
  const it = counted(raw, source)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  let done = false;
  try {
    // Enough bytes to see the gzip magic (1f 8b), whatever the chunk sizes.
    while (headLength < 2) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      head.push(r.value);
      headLength += r.value.length;
    }
  } catch (err) {
    throw new InputError(source.name, describe(err));
  }
  const first = Buffer.concat(head);
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  try {
    if (!gzip) {
      yield* rest();
      return;
    }
    yield* gunzipChunks(rest());
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(source.name, describe(err));
  }
}

/** What went wrong inside a gzip input; thrown after every byte before it was handed on. */
class GzipDamage extends Error {
  override name = 'GzipDamage';
  /** Described as zlib's own data errors are. */
  readonly code = 'Z_DATA_ERROR';
}

/** zlib, loaded when the first gzip input is met: most runs never need it. */
let zlib: typeof Zlib | null = null;

/**
 * Decompresses gzip, member after member (concatenated files are one input). Each member's header
 * is read here and its deflate data inflated raw, so that the end of a member is known exactly:
 * junk after a member, a wrong CRC or length, or a file cut short is named after every byte
 * that decompressed before it has been handed on. (zlib's gunzip drops the output of the step in
 * which it meets the damage, which can be a whole small file.) Compressed input is fed in small
 * pieces, the next one inflating while the lines of the one before are read: at most two pieces'
 * output are held, and a gzip bomb never is.
 */
async function* gunzipChunks(compressed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const z = (zlib ??= await import('node:zlib'));
  const crc32: (data: Uint8Array, value?: number) => number = typeof (z.crc32 as unknown) === 'function' ? z.crc32 : slowCrc32;
  const input = compressed[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  const pull = async (): Promise<boolean> => {
    const r = await input.next();
    if (r.done === true) return false;
    pending = pending.length > 0 ? Buffer.concat([pending, r.value]) : r.value;
    return true;
  };
  for (let member = 1; ; member++) {
    let header = gzipHeaderLength(pending);
    while (header === NEED_MORE && (await pull())) header = gzipHeaderLength(pending);
    if (pending.length === 0 && member > 1) return;
    if (header < 0) {
      if (member === 1) throw new GzipDamage('incorrect header check');
      throw new GzipDamage(`junk after gzip member ${member - 1} (not another member)`);
    }
    pending = pending.subarray(header);

    const inflate = z.createInflateRaw({ chunkSize: 256 << 10, finishFlush: z.constants.Z_SYNC_FLUSH });
    const out: Buffer[] = [];
    let failure: Error | null = null;
    let crc = 0;
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      out.push(chunk);
      crc = crc32(chunk, crc);
      size += chunk.length;
    });
    inflate.on('error', (err) => {
      failure ??= err;
    });
    let fed = 0;
    let last: Buffer = Buffer.alloc(0);
    let inflating: Promise<void> = Promise.resolve();
    /** A read of the compressed input that failed: thrown once what came before is handed on. */
    let readFailure: unknown = null;
    /** Starts inflating the next piece (on zlib's thread); false at the end of the input. */
    const feed = async (): Promise<boolean> => {
      try {
        if (pending.length === 0 && !(await pull())) return false;
      } catch (err) {
        readFailure = err;
        return false;
      }
      last = pending.subarray(0, GZIP_IN);
      pending = pending.subarray(last.length);
      fed += last.length;
      inflating = processed(inflate, last);
      return true;
    };
    try {
      let more = await feed();
      for (;;) {
        if (!more) {
          // The input ended or failed: what zlib still holds of the data before is handed on too.
          await new Promise<void>((resolve) => inflate.flush(z.constants.Z_SYNC_FLUSH, () => resolve()));
          yield* out.splice(0);
          throw readFailure ?? failure ?? new GzipDamage('unexpected end of file');
        }
        await inflating;
        const ready = out.splice(0);
        if (failure !== null) {
          yield* ready;
          throw failure;
        }
        // The deflate data ended inside this piece: the rest of it belongs to what follows.
        if (inflate.bytesWritten < fed) {
          yield* ready;
          break;
        }
        // The next piece is read and inflates while this one's lines are: the two cores overlap.
        const starting = feed();
        yield* ready;
        more = await starting;
      }
    } finally {
      inflate.destroy();
    }
    const unused = fed - inflate.bytesWritten;
    pending = Buffer.concat([last.subarray(last.length - unused), pending]);
    while (pending.length < 8 && (await pull()));
    if (pending.length < 8) throw new GzipDamage('unexpected end of file');
    if (pending.readUInt32LE(0) !== crc >>> 0 || pending.readUInt32LE(4) !== size % 2 ** 32) {
      throw new GzipDamage(`member ${member} fails its CRC or length check: the data before it may be damaged`);
    }
    pending = pending.subarray(8);
  }
}

/** Resolves when `inflate` has processed `piece` (or failed). */
function processed(inflate: Zlib.InflateRaw, piece: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      inflate.off('error', done);
      resolve();
    };
    inflate.once('error', done);
    inflate.write(piece, done);
  });
}

const NEED_MORE = -1;
const NOT_GZIP = -2;

/** The length of the gzip member header at the start of `b` (RFC 1952), NEED_MORE or NOT_GZIP. */
function gzipHeaderLength(b: Buffer): number {
  if (b.length < 10) return b.length > 0 && (b[0] !== 0x1f || (b.length > 1 && b[1] !== 0x8b)) ? NOT_GZIP : NEED_MORE;
  if (b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return NOT_GZIP;
  const flags = b[3] as number;
  let at = 10;
  if (flags & 4) {
    if (b.length < at + 2) return NEED_MORE;
    at += 2 + b.readUInt16LE(at);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const zero = b.indexOf(0, at);
      if (zero < 0) return NEED_MORE;
      at = zero + 1;
    }
  }
  if (flags & 2) at += 2;
  return b.length < at ? NEED_MORE : at;
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 (gzip's) for Node versions without zlib.crc32. */
function slowCrc32(data: Uint8Array, value = 0): number {
  if (CRC_TABLE === null) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
