import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Input bytes: files, `-` and piped stdin. Gzip is recognised by its magic bytes, not by the
 * name, and concatenated gzip members are read whole (zlib's gunzip does so).
 */

/** An input that could not be read (missing file, a directory, corrupt gzip): exit code 3. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
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

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a log file';
    case 'EACCES':
      return 'permission denied';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return `corrupt gzip data (${e.message})`;
    default:
      return e.message ?? String(err);
  }
}

export function openSource(path: string, stdin: NodeJS.ReadableStream, size: number | null): Source {
  const name = path === '-' ? 'stdin' : path;
  const source: Source = {
    name,
    rawBytes: 0,
    size,
    async *chunks() {
      if (path === '-') yield* decode(stdin, source);
      else if (size !== null) yield* fileChunks(path, source);
      else yield* decode(createReadStream(path, { highWaterMark: 128 << 10 }), source);
    },
  };
  return source;
}

/** Size of each read: small enough to stay in the CPU cache while the lines are cut. */
const FILE_CHUNK = 128 * 1024;
/** Reads between two turns of the event loop, so that Ctrl-C and a blocked stdout are noticed. */
const TURN_EVERY = 32;

/**
 * A regular file, read into one reused buffer (consumers copy what they keep past a push). Gzip,
 * recognised by its first bytes, goes through zlib from the same open file.
 */
async function* fileChunks(path: string, source: Source): AsyncGenerator<Buffer> {
  let fd: number;
  const buf = Buffer.allocUnsafeSlow(FILE_CHUNK);
  let n: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new InputError(source.name, describe(err));
  }
  try {
    try {
      n = readSync(fd, buf, 0, FILE_CHUNK, null);
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
      yield n === FILE_CHUNK ? buf : buf.subarray(0, n);
      if (reads % TURN_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        n = readSync(fd, buf, 0, FILE_CHUNK, null);
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

type RawInput = NodeJS.ReadableStream | AsyncIterable<Buffer>;

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
    // 128 KiB output chunks: the default 16 KiB means thousands of tiny pushes per megabyte, and
    // larger ones pile up as garbage outside the heap.
    const gunzip = createGunzip({ chunkSize: 128 << 10 });
    const compressed = Readable.from(rest());
    compressed.on('error', (err) => gunzip.destroy(err));
    compressed.pipe(gunzip);
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(source.name, describe(err));
  }
}
