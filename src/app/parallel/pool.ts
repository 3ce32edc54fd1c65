import { Worker } from 'node:worker_threads';
import type { BatchRequest, BatchResult } from './protocol.js';

/** A few parse workers, used round-robin; batches go out and come back transferred, not copied. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve(r: BatchResult): void; reject(e: unknown): void }>();
  private next = 0;
  private failure: unknown = null;

  constructor(size: number) {
    const url = new URL('./worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const w = new Worker(url);
      w.on('message', (r: BatchResult) => {
        const p = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        p?.resolve(r);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`parse worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  private fail(err: unknown): void {
    this.failure ??= err;
    for (const p of this.waiting.values()) p.reject(err);
    this.waiting.clear();
  }

  submit(req: BatchRequest): Promise<BatchResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(req.id, { resolve, reject });
      worker.postMessage(req, [req.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
