import type { SgEvent } from '../events/types.js';
import { EVENT_KINDS, eventKind, zeroKinds, type EventKind } from './event-kinds.js';
import type { HourlyCounts } from './types.js';

const HOUR = 3600;

/**
 * Counts distinct events per UTC hour and kind while the input streams by (fed from analyze()'s
 * `onEvent`), so the report can chart traffic without keeping events. Only the --since/--until
 * window narrows it: the chart shows the traffic the selected messages came from. It also notes
 * the first and last event time of the whole input.
 */
export class HourlyCounter {
  private readonly byHour = new Map<number, Record<EventKind, number>>();
  private untimed = 0;
  first: number | null = null;
  last: number | null = null;

  constructor(private readonly inWindow?: (at: number) => boolean) {}

  add(e: SgEvent): void {
    const at = e.timestamp;
    if (at === null) {
      if (this.inWindow === undefined) this.untimed++;
      return;
    }
    if (this.first === null || at < this.first) this.first = at;
    if (this.last === null || at > this.last) this.last = at;
    if (this.inWindow !== undefined && !this.inWindow(at)) return;
    const hour = Math.floor(at / HOUR) * HOUR;
    let counts = this.byHour.get(hour);
    if (counts === undefined) {
      counts = zeroKinds();
      this.byHour.set(hour, counts);
    }
    counts[eventKind(e.event)]++;
  }

  result(): HourlyCounts {
    const hours = [...this.byHour.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([hour, counts]) => ({ hour, counts: { ...counts } }));
    return { hours, untimed: this.untimed };
  }
}

/** Total events of one hour's counts. */
export function hourTotal(counts: Record<EventKind, number>): number {
  let n = 0;
  for (const k of EVENT_KINDS) n += counts[k];
  return n;
}
