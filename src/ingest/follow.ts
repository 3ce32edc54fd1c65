import type { FollowNews } from './follow-news.js';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { InputAccounting } from '../events/accounting.js';
import type { EventStage } from './event-sink.js';
import { checkHeap } from './heap-guard.js';
import { LineBuffer } from './line-buffer.js';
import { FramingScanner } from './scanner.js';
import { describe, InputError, openSource } from './sources.js';

/**
 * Following inputs as they grow (`--follow`), like `tail -F`: a file is read from its start, then
 * polled for new bytes; it may not exist yet (it is waited for), be truncated (read again from its
 * start) or be rotated (the rest of the old file is read, then the new file at the same path from
 * its start). stdin is read as it arrives, until it ends. The bytes go through the same line
 * buffer, framing scanner and event stage as a whole-input read, so a partial line waits for its
 * newline and a pretty-printed body is handed on when it closes.
 */

export interface FollowOptions {
  /** Paths or `-`; empty means stdin. */
  files: readonly string[];
  stdin: NodeJS.ReadableStream;
  /**
   * Aborted when the following should stop (the output closed, an alert fired): checked between
   * reads, and it ends a wait for stdin that may never return.
   */
  signal: AbortSignal;
  /** Something a person watching should know (a file appeared, was rotated or truncated). */
  note(news: FollowNews, path: string): void;
  /** A file that cannot be read at all; the others go on. */
  failed(err: InputError): void;
  /**
   * Called once, when every file has been read to the end it had (stdin has no such end: with
   * stdin only, at once). What was read before is history; what comes after is news.
   */
  caughtUp(): void;
}

export interface FollowResult {
  accounting: InputAccounting;
  errors: InputError[];
}

const CHUNK = 128 * 1024;
/** How often a file at its end is looked at again, in milliseconds. */
const POLL_MS = 200;

/**
 * What a followed file yields: new bytes; the news that reading starts over at its start (it was
 * rotated or truncated); or, once, that the end it had when following began is reached.
 */
type FileNews = { bytes: Buffer } | { restart: true } | { end: true };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Bytes from the start of a followed file kept to notice it was rewritten in place. */
const FINGERPRINT = 64;

/** Do the file's first bytes still read `fingerprint`? */
async function sameStart(handle: FileHandle, fingerprint: Buffer): Promise<boolean> {
  if (fingerprint.length === 0) return true;
  const now = Buffer.alloc(fingerprint.length);
  const { bytesRead } = await handle.read(now, 0, now.length, 0);
  return bytesRead === fingerprint.length && now.equals(fingerprint);
}

/** The bytes of one file as it grows, across truncation and rotation (see above). */
async function* followFile(path: string, note: (news: FollowNews, path: string) => void, stopped: () => boolean): AsyncGenerator<FileNews> {
  const buf = Buffer.allocUnsafeSlow(CHUNK);
  let handle: FileHandle | null = null;
  let identity = '';
  let position = 0;
  let fingerprint = Buffer.alloc(0);
  let waiting = false;
  /** Another file is at the path now: this one is read to its end, then let go. */
  let replaced = false;
  /** The end the file had when following began has been reached (said once). */
  let reachedEnd = false;
  try {
    while (!stopped()) {
      if (handle === null) {
        try {
          handle = await open(path, 'r');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(path, describe(err));
          if (!waiting) note('waiting', path);
          waiting = true;
          if (!reachedEnd) {
            // No history to read: all it will hold is news.
            reachedEnd = true;
            yield { end: true };
          }
          await sleep(POLL_MS);
          continue;
        }
        const st = await handle.stat();
        if (st.isDirectory()) throw new InputError(path, describe({ code: 'EISDIR' }));
        if (waiting) note('appeared', path);
        waiting = false;
        replaced = false;
        identity = `${st.dev}:${st.ino}`;
        position = 0;
        fingerprint = Buffer.alloc(0);
        const head = await handle.read(buf, 0, 2, 0);
        if (head.bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
          throw new InputError(path, { kind: 'follow-gzip' });
        }
      }
      const { bytesRead } = await handle.read(buf, 0, CHUNK, position);
      if (bytesRead > 0) {
        if (position < FINGERPRINT) {
          fingerprint = Buffer.concat([fingerprint, buf.subarray(0, Math.min(bytesRead, FINGERPRINT - position))]);
        }
        position += bytesRead;
        yield { bytes: buf.subarray(0, bytesRead) };
        continue;
      }
      if (!reachedEnd) {
        reachedEnd = true;
        yield { end: true };
      }
      if (replaced) {
        // The old file is read to its end, including what was written to it after the rename.
        await handle.close();
        handle = null;
        note('rotated', path);
        yield { restart: true };
        continue;
      }
      // At the end: truncated (shorter now, or its start rewritten), replaced, or not written yet.
      if ((await handle.stat()).size < position || !(await sameStart(handle, fingerprint))) {
        position = 0;
        fingerprint = Buffer.alloc(0);
        note('truncated', path);
        yield { restart: true };
        continue;
      }
      let now: string | null;
      try {
        const st = await stat(path);
        now = `${st.dev}:${st.ino}`;
      } catch {
        now = null; // moved away and not created again yet: the old file may still grow
      }
      if (now !== null && now !== identity) {
        replaced = true;
        continue;
      }
      await sleep(POLL_MS);
    }
  } finally {
    await handle?.close();
  }
}

/**
 * The next chunk, or null once `signal` is aborted. (A `Promise.race` against one long-lived
 * promise would add a reaction to it per chunk, each holding its chunk: memory growing with the
 * stream. The listener here is removed again after each chunk.)
 */
function nextUnlessAborted(chunks: AsyncGenerator<Buffer>, signal: AbortSignal): Promise<IteratorResult<Buffer> | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const abort = () => resolve(null);
    signal.addEventListener('abort', abort, { once: true });
    chunks.next().then(
      (r) => {
        signal.removeEventListener('abort', abort);
        resolve(r);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(err);
      },
    );
  });
}

/**
 * Reads every input until it ends (stdin) or the following is stopped, handing events to the
 * stage; its sink's `drained` is awaited after each chunk, which is where a live command decides
 * and writes.
 */
export async function followEvents(opts: FollowOptions, stage: EventStage): Promise<FollowResult> {
  const paths = opts.files.length > 0 ? [...opts.files] : ['-'];
  const errors: InputError[] = [];
  let bytes = 0;
  const stop = () => stage.stopped || opts.signal.aborted;

  // History first: the files' present content; then news.
  let pending = paths.filter((p) => p !== '-').length;
  const reached = () => {
    pending--;
    if (pending === 0) opts.caughtUp();
  };
  if (pending === 0) opts.caughtUp();

  const one = async (path: string): Promise<void> => {
    let lines: LineBuffer | null = null;
    let atEnd = path === '-';
    const reachedOnce = () => {
      if (atEnd) return;
      atEnd = true;
      reached();
    };
    const start = (name: string) => {
      lines = new LineBuffer(new FramingScanner(stage.forFile(name)));
      return lines;
    };
    try {
      if (path === '-') {
        const source = openSource('-', opts.stdin, null);
        const buffer = start(source.name);
        const chunks = source.chunks();
        for (;;) {
          const next = await nextUnlessAborted(chunks, opts.signal);
          if (next === null) {
            // Stopped while stdin was quiet: the pending read is not waited for (the CLI lets
            // stdin go when the command returns).
            return;
          }
          if (next.done === true) break;
          const chunk = next.value;
          buffer.push(chunk);
          bytes += chunk.length;
          checkHeap();
          await stage.drained();
          if (stop()) return;
        }
        buffer.end();
        await stage.drained();
        return;
      }
      let buffer = start(path);
      for await (const news of followFile(path, opts.note, stop)) {
        if ('end' in news) {
          // What was read is decided (and, once every file is at its end, shown) before waiting.
          reachedOnce();
          await stage.drained();
          continue;
        }
        if ('restart' in news) {
          // A last line without its newline is complete now: its file will not grow any more.
          buffer.end();
          buffer = start(path);
        } else {
          buffer.push(news.bytes);
          bytes += news.bytes.length;
        }
        checkHeap();
        await stage.drained();
        if (stop()) return;
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      (lines as LineBuffer | null)?.end();
      errors.push(err);
      opts.failed(err);
      reachedOnce();
      await stage.drained();
    }
  };
  await Promise.all(paths.map(one));
  return { accounting: stage.accounting(paths.length, bytes), errors };
}
