/**
 * Lifecycle rank breaks ties between events with the same timestamp (docs/rules.md#event-order):
 * processed < deferred < delivered < bounce < dropped < open < click < everything else.
 * Events are never ordered by arrival.
 */
const RANK: Record<string, number> = {
  processed: 0,
  deferred: 1,
  delivered: 2,
  bounce: 3,
  dropped: 4,
  open: 5,
  click: 6,
};

export function lifecycleRank(event: string): number {
  // Own keys only: an event named `constructor` must not find Object.prototype's.
  return Object.hasOwn(RANK, event) ? (RANK[event] as number) : 7;
}

