import { accessSync, closeSync, constants, createReadStream, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { freemem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Bytes as a source reads them: a stream (stdin, a pipe) or chunks. */
export type RawInput = NodeJS.ReadableStream | AsyncIterable<Buffer>;

/** How a copy ended: read whole, read up to an error (kept, to be met again), or given up. */
type CopyState = 'copying' | 'whole' | 'failed' | 'given-up';

interface Copy {
  /** The input's name in messages (`stdin`, a path). */
  name: string;
  fd: number | null;
  /** The copy's name while it has one (a system that cannot delete an open file). */
  path: string | null;
  state: CopyState;
  /** What the read met, for a copy that ends in an error: met again when the copy is read. */
  failure: unknown;
  /** Why the copy was given up. */
  why: string | null;
}

/**
 * Copies of the inputs that can be read only once — standard input, a named pipe — so that a
 * lookup can read them again. A lookup reads only the lines that name what it looks for; when a
 * verdict turns on the newest event of the whole input (docs/rules.md#deferral-expiry), or an ID
 * must first be turned into its address, it reads the input again. A file is read again from
 * its name; an input that cannot be is copied, as it is read the first time, into a file of the
 * temporary directory (TMPDIR), readable by its owner only, and read from there after.
 *
 * The copy's file is deleted as soon as it is opened: it lives as long as its open descriptor,
 * so no way the process ends (a signal, a kill, a crash) leaves a copy of the log behind. A copy
 * is read again through that descriptor. (Where an open file cannot be deleted, it keeps its name
 * until remove() or the process's exit.)
 *
 * A copy never takes the last of its file system: it is given up before the free space there
 * falls below a tenth of the file system or 256 MiB; in a file system held in memory (tmpfs),
 * before it takes more than a quarter of the memory free (looked at every 64 MiB). A copy given up,
 * or that cannot be written, is closed at once, which frees it. Copies are counted in the order
 * they are made: the same name twice (`- -`) is two inputs, as for the first read.
 */
export class Spool {
  private readonly copies: Copy[] = [];
  /** Copies handed out by nextCopy in the current read (see rewind). */
  private readAt = 0;
  /** Bytes the copies may still take before the free space is looked at again. */
  private room = 0;
  private readonly dir: string;

  /**
   * `openCopy` opens a copy's file for writing and reading, `freeBytes` says how much the copies
   * may take (tests give a device that is always full, or no room). Throws when the temporary
   * directory cannot be written to, or has no room: there is nowhere to copy to.
   */
  constructor(
    private readonly openCopy: (path: string) => number = (path) => openSync(path, 'wx+', 0o600),
    private readonly freeBytes: (dir: string) => number = spareBytes,
  ) {
    this.dir = tmpdir();
    accessSync(this.dir, constants.W_OK);
    if (this.freeBytes(this.dir) < AT_LEAST) throw new Error(`no room for a copy in ${this.dir}`);
    // A run that ends at once (Ctrl-C, SIGTERM, a closed stdout) closes and deletes the copies.
    process.once('exit', this.removeOnExit);
  }

  private readonly removeOnExit = (): void => this.remove();

  /** The bytes of input `name` (`stdin`, a path) as they are read, each also written to a copy. */
  async *tee(raw: RawInput, name: string): AsyncGenerator<Buffer> {
    const copy = this.open(name);
    try {
      for await (const chunk of raw as AsyncIterable<Buffer | string>) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (copy.state === 'copying') this.write(copy, buf);
        yield buf;
      }
      if (copy.state === 'copying') copy.state = 'whole';
    } catch (err) {
      if (copy.state === 'copying') {
        copy.state = 'failed';
        copy.failure = err;
      }
      throw err;
    } finally {
      // Stopped before the end (the consumer went away): what is copied is not the whole input.
      if (copy.state === 'copying') this.giveUp(copy, 'the read stopped before the end');
    }
  }

  /** Starts a new read: nextCopy hands out the copies again from the first. */
  rewind(): void {
    this.readAt = 0;
  }

  /**
   * The next copy, in the order they were made, as bytes: what the first read read, ending as
   * it did (a read that failed fails again, after the same bytes); null when that copy was given up.
   */
  nextCopy(): RawInput | null {
    const copy = this.copies[this.readAt++];
    if (copy === undefined || copy.fd === null || (copy.state !== 'whole' && copy.state !== 'failed')) return null;
    const stream = createReadStream('', { fd: copy.fd, start: 0, autoClose: false, highWaterMark: 128 << 10 });
    return copy.state === 'whole' ? stream : thenFail(stream, copy.failure);
  }

  /** Every copy can be read again (none given up). */
  get complete(): boolean {
    return this.copies.every((c) => c.state !== 'given-up');
  }

  /** The first copy given up: its input's name and why; or null. */
  get lost(): { name: string; why: string } | null {
    const copy = this.copies.find((c) => c.state === 'given-up');
    return copy === undefined ? null : { name: copy.name, why: copy.why ?? 'given up' };
  }

  /** Closes (and so deletes) the copies. Never throws: it runs as the process ends. */
  remove(): void {
    for (const copy of this.copies) this.close(copy);
    process.off('exit', this.removeOnExit);
  }

  private open(name: string): Copy {
    const copy: Copy = { name, fd: null, path: null, state: 'copying', failure: null, why: null };
    this.copies.push(copy);
    const path = join(this.dir, `sgtrail-copy-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      copy.fd = this.openCopy(path);
    } catch (err) {
      copy.state = 'given-up';
      copy.why = errorCode(err);
      return copy;
    }
    try {
      unlinkSync(path);
    } catch {
      copy.path = path;
    }
    return copy;
  }

  private write(copy: Copy, buf: Buffer): void {
    if (buf.length > this.room) {
      // Looked at again every RECHECK_BYTES: other programs use the file system too.
      this.room = Math.min(this.freeBytes(this.dir), RECHECK_BYTES);
      if (buf.length > this.room) {
        this.giveUp(copy, `no room left in ${this.dir}`);
        return;
      }
    }
    this.room -= buf.length;
    try {
      for (let at = 0; at < buf.length; ) at += writeSync(copy.fd as number, buf, at, buf.length - at);
    } catch (err) {
      this.giveUp(copy, errorCode(err));
    }
  }

  /** The copy cannot be whole: it is closed at once, which frees what it took. */
  private giveUp(copy: Copy, why: string): void {
    copy.state = 'given-up';
    copy.why = why;
    this.close(copy);
  }

  private close(copy: Copy): void {
    try {
      if (copy.fd !== null) closeSync(copy.fd);
    } catch {
      // Already closed: nothing to free.
    }
    copy.fd = null;
    try {
      if (copy.path !== null) unlinkSync(copy.path);
    } catch {
      // Gone already.
    }
    copy.path = null;
  }
}

/** The bytes of `stream`, then `failure` thrown: a read that failed, met again. */
async function* thenFail(stream: AsyncIterable<Buffer>, failure: unknown): AsyncGenerator<Buffer> {
  yield* stream;
  throw failure;
}

/** The system's code for an error (ENOSPC, EIO), else its message. */
function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message ?? String(err);
}

/** Bytes written between two looks at the free space. */
const RECHECK_BYTES = 64 << 20;
/** The room a copy needs at its start, or no copy is made (the input is read once, whole). */
const AT_LEAST = 64 << 20;
/** What a copy leaves free at least: this share of its file system, and this many bytes. */
const KEEP_FREE_SHARE = 0.1;
const KEEP_FREE_BYTES = 256 << 20;
/** File systems held in memory (tmpfs, ramfs): a copy there takes memory. */
const IN_MEMORY = new Set([0x01021994, 0x858458f6]);
/** The share of free memory a copy may take in such a file system. */
const MEMORY_SHARE = 0.25;

/** What the copies may take of `dir`'s file system (0 when it cannot be told). */
function spareBytes(dir: string): number {
  try {
    const fs = statfsSync(dir);
    const keep = Math.max(fs.blocks * fs.bsize * KEEP_FREE_SHARE, KEEP_FREE_BYTES);
    const spare = Math.max(0, fs.bavail * fs.bsize - keep);
    return IN_MEMORY.has(fs.type) ? Math.min(spare, freemem() * MEMORY_SHARE) : spare;
  } catch {
    return 0;
  }
}
