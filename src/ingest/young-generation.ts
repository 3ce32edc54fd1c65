import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8 grows its young generation (where new objects are made) from 1 MB semi-spaces up to 16 MB
 * while much of what it makes survives — as a whole-input run's messages do, for as long as the
 * input lasts. Its two semi-spaces are then 32 MB of the run's peak memory that the events, which
 * die young, do not need. Here it may grow to 8 MB (two semi-spaces of 4 MB); then its growth
 * factor is set to 1, and it grows no more. Node reads that flag as the young generation grows,
 * so it holds when set after start-up; `--max-semi-space-size`, which would cap it, holds only
 * on Node's command line.
 *
 * Measured on the benchmark log (`report --format json`, 212 MB, 200,000 messages; 5 alternating
 * runs on 2 shared cores, medians): unchanged, 3.67 s and 219 MB peak; never grown (factor 1 from
 * the start), 4.06 s and 180 MB; grown to 8 MB, 3.77 s and 191 MB (against 4.21 s, 192 MB).
 */
const YOUNG_AT_MOST = 8 * 1024 * 1024;

let watching = false;
let stopped = false;

/** A whole-input run: from here on the young generation grows to YOUNG_AT_MOST at most. */
export function keepYoungGenerationSmall(): void {
  if (!stopped) watching = true;
}

/** Called after each piece of input: stops the young generation's growth once it is that large. */
export function checkYoungGeneration(): void {
  if (!watching) return;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' && space.space_size >= YOUNG_AT_MOST) {
      setFlagsFromString('--semi-space-growth-factor=1');
      watching = false;
      stopped = true;
    }
  }
}
