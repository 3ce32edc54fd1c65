/** A JSON object as read from a log. Field values are untrusted and of any type. */
export type JsonObject = Record<string, unknown>;

/**
 * One SendGrid event after normalization (SPEC section 4). `fields` is the event object as read,
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
  /** X-Message-Id derived per SPEC section 4, or null. */
  readonly messageId: string | null;
  readonly sgMessageId: string | null;
  readonly sgEventId: string | null;
  /**
   * No ID at all (no message_id, sg_message_id, smtp-id or ip): an asynchronous bounce, which is
   * attached to its message by address and time (SPEC section 5).
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

/** Kinds of skipped input, counted with their first location. */
export type SkipKind = 'text' | 'broken-json' | 'no-event' | 'oversize-line';

export const SKIP_KIND_DESCRIPTIONS: Record<SkipKind, string> = {
  text: 'lines with no JSON (server log text)',
  'broken-json': 'broken JSON fragments',
  'no-event': 'JSON values holding no SendGrid event',
  'oversize-line': 'lines longer than 64 MiB',
};

/** The copy count of events whose copies nobody counts: one frozen object, not one per event. */
export const NO_COPIES: { readonly removed: number } = Object.freeze({ removed: 0 });
