import type { SgEvent } from '../events/types.js';

/** `sgtrail events` output: the normalized event with its fields plus `message_id` and `source`. */
export function eventRecord(e: SgEvent): Record<string, unknown> {
  return { ...e.fields, message_id: e.messageId, source: `${e.file}:${e.line}` };
}
