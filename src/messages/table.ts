import type { MessageState } from './state.js';

/**
 * The recipient messages by key (email lower-cased, ID), for the whole-input collector and the
 * live one alike: it grows as messages appear and lets any of them go again, which a live run
 * does for messages older than its retention window.
 *
 * Keyed by the ID (message_id, else sg_message_id; '' for email-only messages): one ID usually
 * has one recipient, a multi-recipient send a few, told apart by email. No key strings are built
 * per event. With `byEmail`, the messages of each address are indexed too (live attachment of
 * ID-less bounces looks them up on arrival).
 */
export class MessageTable {
  private readonly byId = new Map<string, MessageState | MessageState[]>();
  private readonly emails: Map<string, MessageState[]> | null;
  size = 0;

  constructor(options: { byEmail?: boolean } = {}) {
    this.emails = options.byEmail ? new Map() : null;
  }

  find(emailKey: string, id: string): MessageState | undefined {
    const hit = this.byId.get(id);
    if (hit === undefined) return undefined;
    if (!Array.isArray(hit)) return hit.emailKey === emailKey ? hit : undefined;
    for (const s of hit) if (s.emailKey === emailKey) return s;
    return undefined;
  }

  /** Adds a message not in the table yet (under keyOf(s)). */
  insert(s: MessageState): void {
    const id = keyOf(s);
    const hit = this.byId.get(id);
    if (hit === undefined) this.byId.set(id, s);
    else if (Array.isArray(hit)) hit.push(s);
    else this.byId.set(id, [hit, s]);
    if (this.emails !== null) {
      const list = this.emails.get(s.emailKey);
      if (list === undefined) this.emails.set(s.emailKey, [s]);
      else list.push(s);
    }
    this.size++;
  }

  /** Every message in the table. */
  *messages(): IterableIterator<MessageState> {
    for (const hit of this.byId.values()) {
      if (Array.isArray(hit)) yield* hit;
      else yield hit;
    }
  }

  /** Lets a message go. */
  remove(s: MessageState): void {
    const id = keyOf(s);
    const hit = this.byId.get(id);
    if (hit === s) this.byId.delete(id);
    else if (Array.isArray(hit)) {
      const rest = hit.filter((x) => x !== s);
      if (rest.length === hit.length) return;
      if (rest.length === 1) this.byId.set(id, rest[0] as MessageState);
      else this.byId.set(id, rest);
    } else return;
    if (this.emails !== null) {
      const list = this.emails.get(s.emailKey) ?? [];
      const rest = list.filter((x) => x !== s);
      if (rest.length === 0) this.emails.delete(s.emailKey);
      else this.emails.set(s.emailKey, rest);
    }
    this.size--;
  }

  /** The messages of an address (needs `byEmail`). */
  ofEmail(emailKey: string): readonly MessageState[] {
    return this.emails?.get(emailKey) ?? [];
  }
}

/**
 * The ID a message is held under: message_id, else sg_message_id, else '' (email-only). A message
 * keeps it: its IDs are those of its first event, and an event that fills in the message_id later
 * was found under that same ID (an ID-less event fills in nothing).
 */
function keyOf(s: MessageState): string {
  return s.messageId ?? s.sgMessageId ?? '';
}
