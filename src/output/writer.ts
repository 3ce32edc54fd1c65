/**
 * Writing to stdout with backpressure and a quiet end on a closed pipe: `sgtrail ... | head`
 * stops reading when head exits, with no EPIPE stack trace. Only whole records are written.
 */
/** Outputs still being written to, so that an interrupt (Ctrl-C) can end each on a whole record. */
const live = new Set<Output>();

/** The first write error of the run other than a closed pipe (a full disk, an I/O error). */
let writeFailure: NodeJS.ErrnoException | null = null;

/** The write error that ended an output, if any: the command reports it and exits 3. */
export function outputFailure(): NodeJS.ErrnoException | null {
  return writeFailure;
}

/**
 * Ctrl-C: every live output stops taking records (so the input stage, which asks `closed`, stops
 * reading), writes what it holds — whole records only, as each `write()` is one — and resolves
 * when its stream has handed everything to the OS. The caller then exits 130.
 */
export async function interruptOutputs(): Promise<void> {
  await Promise.all([...live].map((o) => o.interrupt()));
}

/** Resolves when `stream` holds no unwritten data (or can no longer write any). */
function settled(stream: NodeJS.WritableStream): Promise<void> {
  const w = stream as NodeJS.WritableStream & { writableLength?: number; destroyed?: boolean };
  return new Promise((resolve) => {
    const check = () => {
      if (!w.writableLength || w.destroyed === true) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(check, 10);
    check();
  });
}

export class Output {
  private parts: string[] = [];
  private pending = 0;
  private needDrain = false;
  /** The reader went away (EPIPE): stop producing. */
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // Either way nothing more can be written: producers stop. A closed pipe (`| head`) is
      // success; any other failure is remembered for the exit code.
      this.closed = true;
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') writeFailure ??= err;
    });
    stream.on('drain', () => {
      this.needDrain = false;
    });
    live.add(this);
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.closed || this.parts.length === 0) return;
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    this.parts = [];
    this.pending = 0;
    if (!this.stream.write(text)) this.needDrain = true;
  }

  /** The stream asked us to wait: call drained() before writing more. */
  get backedUp(): boolean {
    return this.needDrain && !this.closed;
  }

  /** Resolves when the stream has room again (or is closed). */
  async drained(): Promise<void> {
    this.flush();
    while (this.needDrain && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
        this.stream.on('error', done);
      });
      this.needDrain = false;
    }
  }

  /**
   * Writes one record per item, waiting while the stream is backed up; stops when the reader has
   * gone away (the one way a producer learns to stop).
   */
  async writeEach<T>(items: Iterable<T> | AsyncIterable<T>, record: (item: T) => string): Promise<void> {
    // A plain loop for in-memory items: `for await` would cost a promise per record.
    if (Symbol.iterator in items) {
      for (const item of items) {
        this.write(record(item));
        if (this.closed) return;
        if (this.backedUp) await this.drained();
      }
      return;
    }
    for await (const item of items) {
      this.write(record(item));
      if (this.closed) return;
      if (this.backedUp) await this.drained();
    }
  }

  async end(): Promise<void> {
    await this.drained();
    live.delete(this);
  }

  /** See interruptOutputs(). */
  async interrupt(): Promise<void> {
    this.flush();
    this.closed = true;
    live.delete(this);
    await settled(this.stream);
  }
}
