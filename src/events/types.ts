/** A JSON object as read from a log. Field values are untrusted and of any type. */
export type JsonObject = Record<string, unknown>;

/**
 * One SendGrid event after normalization (docs/rules.md#normalization). `fields` is the event object as read,
 * with normalized values and unknown fields kept; the other members are the typed views the
 * pipeline needs, computed once.
 */
export interface SgEvent {
  readonly fields: JsonObject;
  readonly event: string;
  /** The recipient as written (trimmed), or null for account events. */
  readonly email: string | null;
  /** Lower-cased email, the grouping key. */
  readonly emailKey: string | null;
  /** Unix seconds (fractional for millisecond inputs), or null when nothing gave a time. */
  readonly timestamp: number | null;
  /** X-Message-Id derived per docs/rules.md#message-id, or null. */
  readonly messageId: string | null;
  readonly sgMessageId: string | null;
  readonly sgEventId: string | null;
  /**
   * No ID at all (no message_id, sg_message_id, smtp-id or ip): an asynchronous bounce, which is
   * attached to its message by address and time (docs/rules.md#grouping).
   */
  readonly idless: boolean;
  readonly file: string;
  readonly line: number;
  /** Position in the input, used only to order events that have no time at all. */
  readonly seq: number;
  /**
   * Copies of this event removed as duplicates. A shared zero (NO_COPIES) unless the deduper
   * tracks copies (timelines), which gives each kept event its own counter.
   */
  copies: { readonly removed: number };
}

/** The copy count of events whose copies nobody counts: one frozen object, not one per event. */
export const NO_COPIES: { readonly removed: number } = Object.freeze({ removed: 0 });
