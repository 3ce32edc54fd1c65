import type { SgEvent } from '../events/types.js';
import { applyEvent, Interner, newMessageState, type MessageState } from './state.js';

/**
 * Grouping into recipient messages (docs/rules.md#grouping): key (email lower-cased, message_id — or
 * sg_message_id when no message_id can be derived). Events with no ID at all (asynchronous
 * bounces) are held back and, once the whole input is read, attached to the same address's
 * message whose latest delivery is the most recent at or before them, within the attach window.
 */

export interface CollectorOptions {
  /** Seconds an ID-less event may come after the message it attaches to. */
  attachWindow: number;
  /** Keep the full event list of messages this accepts (timelines). */
  keepEvents?: (email: string, messageId: string | null, sgMessageId: string | null) => boolean;
  /** Is this time inside --since/--until? */
  inWindow?: (at: number) => boolean;
}

export const DEFAULT_ATTACH_WINDOW = 7 * 24 * 3600;

interface Pending {
  e: SgEvent;
  at: number;
}

export class MessageCollector {
  /**
   * Messages by ID (message_id, else sg_message_id; '' for email-only ones). One ID usually has
   * one recipient; a multi-recipient send has a few, told apart by email. No key strings are
   * built per event.
   */
  private readonly byId = new Map<string, MessageState | MessageState[]>();
  private readonly all: MessageState[] = [];
  private readonly idless: Pending[] = [];
  private readonly intern = new Interner();
  /** Time of the latest event seen in input order: the stand-in for events without a time. */
  private lastSeen = 0;
  /** The newest event time in the whole input (deferral expiry is measured against it). */
  newestAt = Number.NEGATIVE_INFINITY;
  accountEvents = 0;

  constructor(private readonly opts: CollectorOptions) {}

  add(e: SgEvent): void {
    const at = e.timestamp ?? this.lastSeen;
    this.lastSeen = at;
    if (at > this.newestAt) this.newestAt = at;
    if (e.emailKey === null) {
      this.accountEvents++;
      return;
    }
    if (e.idless) {
      this.idless.push({ e, at });
      return;
    }
    this.apply(this.stateFor(e, e.emailKey, e.messageId ?? e.sgMessageId), e, at);
  }

  /** A copy removed by the deduper: counted on its message when the message is known by ID. */
  addDuplicate(e: SgEvent): void {
    if (e.emailKey === null) return;
    const s = this.find(e.emailKey, e.messageId ?? e.sgMessageId ?? '');
    if (s) s.duplicates++;
  }

  private find(emailKey: string, id: string): MessageState | undefined {
    const hit = this.byId.get(id);
    if (hit === undefined) return undefined;
    if (!Array.isArray(hit)) return hit.emailKey === emailKey ? hit : undefined;
    for (const s of hit) if (s.emailKey === emailKey) return s;
    return undefined;
  }

  private stateFor(e: SgEvent, emailKey: string, id: string | null): MessageState {
    const key = id ?? '';
    let s = this.find(emailKey, key);
    if (s === undefined) {
      const keep = this.opts.keepEvents?.(emailKey, e.messageId, e.sgMessageId) ?? false;
      s = newMessageState(e, emailKey, keep);
      if (id === null) {
        s.messageId = null;
        s.sgMessageId = null;
      }
      const hit = this.byId.get(key);
      if (hit === undefined) this.byId.set(key, s);
      else if (Array.isArray(hit)) hit.push(s);
      else this.byId.set(key, [hit, s]);
      this.all.push(s);
    }
    return s;
  }

  private apply(s: MessageState, e: SgEvent, at: number): void {
    applyEvent(s, e, at, this.intern);
    if (!s.inWindow && (this.opts.inWindow?.(at) ?? true)) s.inWindow = true;
  }

  /** Attaches the ID-less events and returns every message, ordered by first event then email. */
  finish(): MessageState[] {
    // Attach in time order so that the choice does not depend on arrival order.
    this.idless.sort((a, b) => a.at - b.at || a.e.seq - b.e.seq);
    const byEmail = this.candidatesByEmail();
    for (const { e, at } of this.idless) {
      const emailKey = e.emailKey as string;
      const target = attachTarget(byEmail.get(emailKey), at, this.opts.attachWindow) ?? this.stateFor(e, emailKey, null);
      this.apply(target, e, at);
    }
    const all = this.all;
    all.sort((a, b) => a.firstAt - b.firstAt || (a.emailKey < b.emailKey ? -1 : a.emailKey > b.emailKey ? 1 : 0));
    return all;
  }

  /** The messages with an ID of each address that has ID-less events (built once, at the end). */
  private candidatesByEmail(): Map<string, MessageState[]> {
    const byEmail = new Map<string, MessageState[]>();
    if (this.idless.length === 0) return byEmail;
    for (const { e } of this.idless) byEmail.set(e.emailKey as string, []);
    for (const s of this.all) {
      if (s.messageId === null && s.sgMessageId === null) continue;
      byEmail.get(s.emailKey)?.push(s);
    }
    return byEmail;
  }
}

/**
 * The message an ID-less event at `at` belongs to: the one whose latest delivery at or before it
 * is the most recent (a mere send when none was delivered), within the attach window.
 */
function attachTarget(candidates: MessageState[] | undefined, at: number, window: number): MessageState | null {
  if (!candidates) return null;
  let best: MessageState | null = null;
  let bestAnchor = Number.NEGATIVE_INFINITY;
  let bestDelivered = false;
  for (const s of candidates) {
    const delivered = latestAtOrBefore(s.firstDelivered, s.lastDelivered, at);
    const sent = latestSendAtOrBefore(s, at);
    const anchor = delivered ?? sent;
    if (anchor === null || at - anchor > window) continue;
    const isDelivered = delivered !== null;
    // A delivery beats a mere send; among equals, the most recent wins.
    if ((isDelivered && !bestDelivered) || (isDelivered === bestDelivered && anchor > bestAnchor)) {
      best = s;
      bestAnchor = anchor;
      bestDelivered = isDelivered;
    }
  }
  return best;
}

function latestAtOrBefore(first: number | null, last: number | null, at: number): number | null {
  if (last !== null && last <= at) return last;
  if (first !== null && first <= at) return first;
  return null;
}
/** The latest processed or deferred time at or before `at`, or null. */
function latestSendAtOrBefore(s: MessageState, at: number): number | null {
  let best = s.processedAt !== null && s.processedAt <= at ? s.processedAt : null;
  for (const t of s.deferralTimes ?? []) if (t <= at && (best === null || t > best)) best = t;
  return best;
}
