import { getHeapStatistics } from 'node:v8';

/**
 * The input did not fit in memory. Thrown while reading, before V8 would end the process with
 * its own fatal error (which no program can catch): the command then says so and exits 3.
 */
export class OutOfMemoryError extends Error {
  constructor(readonly limitMb: number) {
    super(`the heap limit of ${limitMb} MB ran out`);
    this.name = 'OutOfMemoryError';
  }
}

/**
 * V8's heap limit counts the young generation's reservation too: three semi-spaces of 16 MB on
 * 64-bit Node 20 (--max-old-space-size=16 gives a limit of 64 MB). What runs out is the old
 * generation, where the messages live.
 */
const YOUNG_RESERVATION = 48 * 2 ** 20;
/** Share of the old generation's limit in use (young generation included) at which reading stops. */
const STOP_AT = 0.85;
/** Checks in a row that must see it that full: garbage not yet collected is not a reason. */
const STRIKES = 2;
let strikes = 0;

/**
 * Called after each chunk of input (a few µs). Memory grows with the messages held, so a heap
 * that stays nearly full over consecutive chunks (V8 collects as it nears the limit) will not
 * get emptier.
 */
export function checkHeap(): void {
  const h = getHeapStatistics();
  const oldLimit = Math.max(h.heap_size_limit - YOUNG_RESERVATION, h.heap_size_limit / 4);
  if (h.used_heap_size < oldLimit * STOP_AT) {
    strikes = 0;
    return;
  }
  if (++strikes >= STRIKES) throw new OutOfMemoryError(Math.round(oldLimit / 2 ** 20));
}
