import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

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
/**
 * Share of the old generation's limit in use at which reading stops. At 0.85, `timeline
 * --message` reading 60k messages from a pipe under a 24 MB heap met V8's own fatal error in 2 of
 * 16 runs (0 of 16 before this round's smaller message record); at 0.8, in 0 of 24.
 */
const STOP_AT = 0.8;
/** Checks in a row that must see it that full: garbage not yet collected is not a reason. */
const STRIKES = 2;
let strikes = 0;

/**
 * Called after each chunk of input. Memory grows with the messages held, so an old generation
 * that stays nearly full over consecutive chunks (V8 collects it as it nears the limit) will not
 * get emptier. The young generation is left out: it is garbage or about to be promoted, and its
 * up to 16 MB would otherwise stop a small heap that still had room.
 */
export function checkHeap(): void {
  const h = getHeapStatistics();
  const oldLimit = Math.max(h.heap_size_limit - YOUNG_RESERVATION, h.heap_size_limit / 4);
  // Cheap first: the whole heap in use is below the mark, so the old generation is too.
  if (h.used_heap_size < oldLimit * STOP_AT) {
    strikes = 0;
    return;
  }
  let young = 0;
  for (const space of getHeapSpaceStatistics()) if (space.space_name.startsWith('new_')) young += space.space_used_size;
  if (h.used_heap_size - young < oldLimit * STOP_AT) {
    strikes = 0;
    return;
  }
  if (++strikes >= STRIKES) throw new OutOfMemoryError(Math.round(oldLimit / 2 ** 20));
}
