import type { SgEvent } from './types.js';

/**
 * Duplicate removal (SPEC section 4): one event per `sg_event_id`, and one per content key,
 * because SendGrid's retries can carry a new `sg_event_id` for the same event.
 */
export function contentKey(e: SgEvent): string | null {
  if (e.timestamp === null) return null;
  const f = e.fields;
  const text = f['reason'] ?? f['response'] ?? '';
  return [
    e.event,
    e.sgMessageId ?? e.messageId ?? e.emailKey ?? '',
    e.timestamp,
    f['type'] ?? '',
    typeof text === 'string' ? text : JSON.stringify(text),
    f['url'] ?? '',
    f['attempt'] ?? '',
  ].join('\u0001');
}

/**
 * Remembers what it has seen by key only, pointing at the kept event's copy counter, so that it
 * does not hold whole events alive on the paths that keep no events.
 */
export class Deduper {
  private readonly byEventId = new Map<string, { removed: number }>();
  private readonly byContent = new Map<string, { removed: number }>();
  removed = 0;

  /** True when `e` is a copy of an event seen before (the copy is counted on the kept one). */
  isCopy(e: SgEvent): boolean {
    const id = e.sgEventId;
    let kept = id === null ? undefined : this.byEventId.get(id);
    const key = contentKey(e);
    if (kept === undefined && key !== null) kept = this.byContent.get(key);
    if (kept !== undefined) {
      kept.removed++;
      this.removed++;
      return true;
    }
    if (id !== null) this.byEventId.set(id, e.copies);
    if (key !== null) this.byContent.set(key, e.copies);
    return false;
  }
}
