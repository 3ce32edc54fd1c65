import type { SgEvent } from '../events/types.js';
import { applyEvent, Interner, newMessageState, type MessageState } from './state.js';
import { MessageTable } from './table.js';

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
  /**
   * Live (`--follow`): an ID-less event attaches on arrival, to what is known then, and messages
   * whose newest event is more than `retain` seconds older than the newest event seen are let go
   * (letGo), so that an endless stream is held in bounded memory.
   */
  live?: { retain: number };
}

export const DEFAULT_ATTACH_WINDOW = 7 * 24 * 3600;

interface Pending {
  e: SgEvent;
  at: number;
}

export class MessageCollector {
  private readonly table: MessageTable;
  /** Whole input: every message, for finish(). */
  private readonly all: MessageState[] = [];
  private readonly idless: Pending[] = [];
  private readonly intern = new Interner();
  /** Time of the latest event seen in input order: the stand-in for events without a time. */
  private lastSeen = 0;
  /** The newest event time in the whole input (deferral expiry is measured against it). */
  newestAt = Number.NEGATIVE_INFINITY;
  accountEvents = 0;
  /**
   * Live: ID-less events wait, as for a whole input, until attachWaiting() — while the history a
   * file already holds is read, so that it is grouped exactly as a whole-input read groups it.
   */
  deferIdless = false;

  constructor(private readonly opts: CollectorOptions) {
    this.table = new MessageTable({ byEmail: opts.live !== undefined });
  }

  /** Groups one event; returns the message it went to (null when held back or an account event). */
  add(e: SgEvent): MessageState | null {
    const at = e.timestamp ?? this.lastSeen;
    this.lastSeen = at;
    if (at > this.newestAt) this.newestAt = at;
    if (e.emailKey === null) {
      this.accountEvents++;
      return null;
    }
    if (e.idless) {
      if (this.opts.live === undefined || this.deferIdless) {
        this.idless.push({ e, at });
        return null;
      }
      return this.attach(e, e.emailKey, at);
    }
    const s = this.stateFor(e, e.emailKey, e.messageId ?? e.sgMessageId);
    this.apply(s, e, at);
    return s;
  }

  /** An ID-less event goes to the message attachTarget picks among the address's, else its own. */
  private attach(e: SgEvent, emailKey: string, at: number): MessageState {
    const target = attachTarget(this.candidatesOf(emailKey), at, this.opts.attachWindow) ?? this.stateFor(e, emailKey, null);
    this.apply(target, e, at);
    return target;
  }

  /** Live: the messages an ID-less event of this address may attach to (those with an ID). */
  private candidatesOf(emailKey: string): MessageState[] {
    return this.table.ofEmail(emailKey).filter((s) => s.messageId !== null || s.sgMessageId !== null);
  }

  /** Live: the messages held. */
  heldMessages(): IterableIterator<MessageState> {
    return this.table.messages();
  }

  /** Messages held (live). */
  get size(): number {
    return this.table.size;
  }

  /**
   * Live: lets go of every message whose newest event is more than the retention window older
   * than the newest event seen, and returns them.
   */
  letGo(): MessageState[] {
    const retain = this.opts.live?.retain;
    if (retain === undefined) return [];
    const before = this.newestAt - retain;
    const gone: MessageState[] = [];
    for (const s of this.table.messages()) if (s.lastAt < before) gone.push(s);
    for (const s of gone) this.table.remove(s);
    // Strings shared between messages are shared again from here on; the old ones go with them.
    if (gone.length > 0) this.intern.clear();
    return gone;
  }

  /** A copy removed by the deduper: counted on its message when the message is known by ID. */
  addDuplicate(e: SgEvent): void {
    if (e.emailKey === null) return;
    const s = this.table.find(e.emailKey, e.messageId ?? e.sgMessageId ?? '');
    if (s) s.duplicates++;
  }

  private stateFor(e: SgEvent, emailKey: string, id: string | null): MessageState {
    let s = this.table.find(emailKey, id ?? '');
    if (s === undefined) {
      const keep = this.opts.keepEvents?.(emailKey, e.messageId, e.sgMessageId) ?? false;
      s = newMessageState(e, emailKey, keep);
      if (id === null) {
        s.messageId = null;
        s.sgMessageId = null;
      }
      this.table.insert(s);
      if (this.opts.live === undefined) this.all.push(s);
    }
    return s;
  }

  private apply(s: MessageState, e: SgEvent, at: number): void {
    applyEvent(s, e, at, this.intern);
    if (!s.inWindow && (this.opts.inWindow?.(at) ?? true)) s.inWindow = true;
  }

  /** Attaches the ID-less events and returns every message, ordered by first event then email. */
  finish(): MessageState[] {
    const byEmail = this.candidatesByEmail();
    this.attachPending((emailKey) => byEmail.get(emailKey));
    const all = this.all;
    all.sort(outputOrder);
    return all;
  }

  /**
   * Live: attaches the ID-less events that waited (see deferIdless) up to time `upTo`; returns
   * the messages they went to.
   */
  attachWaiting(upTo = Number.POSITIVE_INFINITY): MessageState[] {
    return this.attachPending((emailKey) => this.candidatesOf(emailKey), upTo);
  }

  /**
   * Attaches the waiting ID-less events up to `upTo` in time order, so that the choice does not
   * depend on arrival order; later ones keep waiting.
   */
  private attachPending(candidates: (emailKey: string) => readonly MessageState[] | undefined, upTo = Number.POSITIVE_INFINITY): MessageState[] {
    this.idless.sort((a, b) => a.at - b.at || a.e.seq - b.e.seq);
    const targets: MessageState[] = [];
    let n = 0;
    for (; n < this.idless.length; n++) {
      const { e, at } = this.idless[n] as Pending;
      if (at > upTo) break;
      const emailKey = e.emailKey as string;
      const target = attachTarget(candidates(emailKey), at, this.opts.attachWindow) ?? this.stateFor(e, emailKey, null);
      this.apply(target, e, at);
      targets.push(target);
    }
    this.idless.splice(0, n);
    return targets;
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

/** The order messages are listed in: first event, then email. */
export function outputOrder(a: MessageState, b: MessageState): number {
  return a.firstAt - b.firstAt || (a.emailKey < b.emailKey ? -1 : a.emailKey > b.emailKey ? 1 : 0);
}

/**
 * The message an ID-less event at `at` belongs to: the one whose latest delivery at or before it
 * is the most recent (a mere send when none was delivered), within the attach window.
 */
function attachTarget(candidates: readonly MessageState[] | undefined, at: number, window: number): MessageState | null {
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
