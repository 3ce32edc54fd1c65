import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes as a source reads them: a stream (stdin, a pipe) or chunks. */
export type RawInput = NodeJS.ReadableStream | AsyncIterable<Buffer>;

/**
 * Copies of the inputs that can be read only once — standard input, a named pipe — so that a
 * lookup can read them again. A lookup reads only the lines that name what it looks for; when a
 * verdict turns on the newest event of the whole input (docs/rules.md#deferral-expiry), or an ID
 * must first be turned into its address, it reads the input again. A file is read again from
 * its name; an input that cannot be is copied, as it is read the first time, into a file of a
 * temporary directory (readable by its owner only), read from there after, and deleted at the
 * end of the run.
 *
 * A copy never takes the last of its file system: it is given up before the free space there
 * falls below a tenth of the file system, or 256 MiB (a /tmp in memory, tmpfs, is memory). A
 * copy that is given up, or cannot be written, is deleted at once: `complete` then says so, and
 * the caller decides what it can still answer.
 */
export class Spool {
  private dir: string | null = null;
  private readonly copies = new Map<string, { path: string; fd: number | null }>();
  private lost = false;
  /** Bytes the copies may still take before the free space is looked at again. */
  private room = 0;

  /**
   * `openCopy` opens a copy's file for writing, `freeBytes` says how much the copies may take of
   * the directory's file system (tests give a device that is always full, or no room).
   * Throws when the temporary directory cannot be made: there is nowhere to copy to.
   */
  constructor(
    private readonly openCopy: (path: string) => number = (path) => openSync(path, 'wx', 0o600),
    private readonly freeBytes: (dir: string) => number = spareBytes,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'sgtrail-'));
    // A run that ends at once (Ctrl-C, SIGTERM, a closed stdout) still deletes the copies.
    process.once('exit', this.removeOnExit);
  }

  private readonly removeOnExit = (): void => this.remove();

  /** The bytes of `input` ('-': stdin) as they are read, each also written to its copy. */
  async *tee(input: string, raw: RawInput): AsyncGenerator<Buffer> {
    const copy = this.open(input);
    try {
      for await (const chunk of raw as AsyncIterable<Buffer | string>) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (copy.fd !== null) this.write(copy, buf);
        yield buf;
      }
    } finally {
      if (copy.fd !== null) closeSync(copy.fd);
      copy.fd = null;
    }
  }

  /** Is there room for a copy at all (some free space beyond what a copy leaves)? */
  hasRoom(): boolean {
    return this.freeBytes(this.dir as string) > 0;
  }

  /** The file holding the whole of `input` as read before, or null (not copied, or given up). */
  copyOf(input: string): string | null {
    return this.lost ? null : (this.copies.get(input)?.path ?? null);
  }

  /** Every copy was written whole. */
  get complete(): boolean {
    return !this.lost;
  }

  /** Deletes the copies and their directory. */
  remove(): void {
    for (const copy of this.copies.values()) {
      if (copy.fd !== null) closeSync(copy.fd);
      copy.fd = null;
    }
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    process.off('exit', this.removeOnExit);
  }

  private open(input: string): { path: string; fd: number | null } {
    const path = join(this.dir as string, `input-${this.copies.size + 1}`);
    let fd: number | null = null;
    try {
      fd = this.openCopy(path);
    } catch {
      this.lost = true;
    }
    const copy = { path, fd };
    this.copies.set(input, copy);
    return copy;
  }

  private write(copy: { path: string; fd: number | null }, buf: Buffer): void {
    if (buf.length > this.room) {
      // Looked at again every RECHECK_BYTES: other programs use the file system too.
      this.room = Math.min(this.freeBytes(this.dir as string), RECHECK_BYTES);
      if (buf.length > this.room) {
        this.giveUp(copy);
        return;
      }
    }
    this.room -= buf.length;
    try {
      for (let at = 0; at < buf.length; ) at += writeSync(copy.fd as number, buf, at, buf.length - at);
    } catch {
      // No room after all (or the disk failed): this copy cannot be read again.
      this.giveUp(copy);
    }
  }

  /** The copy cannot be whole: it is deleted at once, to free what it took. */
  private giveUp(copy: { path: string; fd: number | null }): void {
    this.lost = true;
    closeSync(copy.fd as number);
    copy.fd = null;
    rmSync(copy.path, { force: true });
  }
}

/** Bytes written between two looks at the free space. */
const RECHECK_BYTES = 64 << 20;
/** What a copy leaves free at least: this share of its file system, and this many bytes. */
const KEEP_FREE_SHARE = 0.1;
const KEEP_FREE_BYTES = 256 << 20;

/** What the copies may take of `dir`'s file system (0 when it cannot be told). */
function spareBytes(dir: string): number {
  try {
    const fs = statfsSync(dir);
    const keep = Math.max(fs.blocks * fs.bsize * KEEP_FREE_SHARE, KEEP_FREE_BYTES);
    return Math.max(0, fs.bavail * fs.bsize - keep);
  } catch {
    return 0;
  }
}
