/** The event kinds the per-hour chart tells apart; the rest (spamreport, group_*, account events) is `other`. */
export const EVENT_KINDS = ['processed', 'deferred', 'delivered', 'bounce', 'dropped', 'open', 'click', 'other'] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export function eventKind(event: string): EventKind {
  return (EVENT_KINDS as readonly string[]).includes(event) && event !== 'other' ? (event as EventKind) : 'other';
}

export function zeroKinds(): Record<EventKind, number> {
  return { processed: 0, deferred: 0, delivered: 0, bounce: 0, dropped: 0, open: 0, click: 0, other: 0 };
}
