import type { SgEvent } from '../events/types.js';

/**
 * `sgtrail events` output: the normalized event with its fields plus `message_id` and `source`.
 * The event's own field object is completed in place: `events` streams each event once, and an
 * object spread here would cost microseconds per event (measured on Node 20).
 */
export function eventRecord(e: SgEvent): Record<string, unknown> {
  const f = e.fields;
  f['message_id'] = e.messageId;
  f['source'] = `${e.file}:${e.line}`;
  return f;
}
