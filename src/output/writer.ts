/**
 * Writing to stdout with backpressure and a quiet end on a closed pipe: `sgtrail ... | head`
 * stops reading when head exits, with no EPIPE stack trace. Only whole records are written.
 */
export class Output {
  private parts: string[] = [];
  private pending = 0;
  private needDrain = false;
  /** The reader went away (EPIPE): stop producing. */
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
        this.closed = true;
        return;
      }
      throw err;
    });
    stream.on('drain', () => {
      this.needDrain = false;
    });
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

  async end(): Promise<void> {
    await this.drained();
  }
}
