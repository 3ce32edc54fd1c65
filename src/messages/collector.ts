import { Deduper, messageKeys, type CopyFilter } from '../events/dedupe.js';
import { LineEvent } from '../events/line-event.js';
import type { SgEvent } from '../events/types.js';
import { EventKeys } from './event-keys.js';
import type { MessageState } from './state.js';
import { MessageList, MessageStore } from './store.js';

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
  /** About how many messages the input may hold, at most (room is made for them at once). */
  expectMessages?: number;
}

export const DEFAULT_ATTACH_WINDOW = 7 * 24 * 3600;

interface Pending {
  e: SgEvent;
  at: number;
}

export class MessageCollector implements CopyFilter {
  private readonly store = new MessageStore();
  /**
   * As the run's CopyFilter (see isCopy): the keys of each message's kept events, the input-wide
   * check for events grouped by address and time, and the event isCopy just looked up.
   */
  private readonly keys = new EventKeys();
  private readonly unplaced = new Deduper();
  private checked: { e: SgEvent | null; n: number; id: number; content: number } = { e: null, n: -1, id: -1, content: -1 };
  removed = 0;
  /** Live: the messages of each address (ID-less events attach on arrival). */
  private readonly byEmail: Map<string, number[]> | null;
  private readonly idless: Pending[] = [];
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
    this.byEmail = opts.live !== undefined ? new Map() : null;
    if (opts.expectMessages !== undefined) {
      this.store.reserve(opts.expectMessages);
      this.keys.reserve(opts.expectMessages);
    }
  }

  /**
   * Groups one event; returns the number of the message it went to (-1 when held back or an
   * account event). `message(n)` shows it.
   */
  add(e: SgEvent): number {
    const at = e.timestamp ?? this.lastSeen;
    this.lastSeen = at;
    if (at > this.newestAt) this.newestAt = at;
    const checked = this.checked.e === e ? this.checked : null;
    let n = -1;
    let known = true;
    if (checked !== null) {
      checked.e = null;
      n = checked.n;
      known = n >= 0;
    } else if (e instanceof LineEvent && e.keyEnd >= 0) {
      // Found by its bytes: no string is made for an event of a message already held.
      n = this.store.findLine(e);
      known = n >= 0;
    }
    if (n < 0) {
      if (e.emailKey === null) {
        this.accountEvents++;
        return -1;
      }
      if (e.idless) {
        if (this.opts.live === undefined || this.deferIdless) {
          this.idless.push({ e, at });
          return -1;
        }
        return this.attach(e, e.emailKey, at, this.candidatesOf(e.emailKey));
      }
      n = this.numberFor(e, e.emailKey, e.messageId ?? e.sgMessageId, known);
    }
    this.apply(n, e, at);
    if (checked !== null) this.keys.add(n, checked.id, checked.content);
    return n;
  }

  /**
   * The collector as the run's CopyFilter, for a whole-input grouping run: an event is checked
   * against the keys of its own message's kept events (messages/event-keys.ts), which decides what
   * an input-wide set of keys that name the message would (events/dedupe.ts). Events without a
   * message of their own yet (ID-less ones, account events) go to an input-wide Deduper. The
   * message found here is the one `add` then groups the event in, without a second lookup.
   */
  isCopy(e: SgEvent): boolean {
    // A lean event has an address and an ID (LineEvent.of): asking for its key would make a string.
    if (!(e instanceof LineEvent) && (e.emailKey === null || e.idless)) {
      if (!this.unplaced.isCopy(e)) return false;
      this.removed++;
      this.addDuplicate(e);
      return true;
    }
    const { id, content } = messageKeys(e);
    const n = e instanceof LineEvent && e.keyEnd >= 0 ? this.store.findLine(e) : this.store.find(e.emailKey as string, e.messageId ?? e.sgMessageId ?? '');
    if (n >= 0 && this.keys.has(n, id, content)) {
      this.removed++;
      this.store.duplicates[n] = (this.store.duplicates[n] as number) + 1;
      return true;
    }
    const checked = this.checked;
    checked.e = e;
    checked.n = n;
    checked.id = id;
    checked.content = content;
    return false;
  }

  /** Message `n`, the same object for as long as it is held. */
  message(n: number): MessageState {
    return this.store.message(n);
  }

  /** An ID-less event goes to the message attachTarget picks among the candidates, else its own. */
  private attach(e: SgEvent, emailKey: string, at: number, candidates: readonly number[] | undefined): number {
    const target = attachTarget(this.store, candidates, at, this.opts.attachWindow);
    const n = target >= 0 ? target : this.numberFor(e, emailKey, null);
    this.apply(n, e, at);
    return n;
  }

  /** Live: the messages an ID-less event of this address may attach to (those with an ID). */
  private candidatesOf(emailKey: string): number[] {
    return (this.byEmail?.get(emailKey) ?? []).filter((n) => this.store.hasIds(n));
  }

  /** Live: the messages held. */
  *heldMessages(): IterableIterator<MessageState> {
    for (const n of this.store.numbers()) yield this.store.message(n);
  }

  /** Messages held (live). */
  get size(): number {
    return this.store.size;
  }

  /**
   * Live: lets go of every message whose newest event is more than the retention window older
   * than the newest event seen, and returns them in output order, as `messages` lists them (each
   * keeps what it was when let go).
   */
  letGo(): MessageState[] {
    const retain = this.opts.live?.retain;
    if (retain === undefined) return [];
    const before = this.newestAt - retain;
    const old = [...this.store.numbers()].filter((n) => (this.store.lastAt[n] as number) < before);
    const gone = old.map((n) => this.store.message(n)).sort(outputOrder);
    for (const n of old) this.forget(n);
    if (gone.length > 0) this.store.clearShared();
    return gone;
  }

  private forget(n: number): void {
    const emailKey = this.store.emailKey[n] as string;
    const list = this.byEmail?.get(emailKey);
    if (list !== undefined) {
      const rest = list.filter((m) => m !== n);
      if (rest.length === 0) this.byEmail?.delete(emailKey);
      else this.byEmail?.set(emailKey, rest);
    }
    this.store.remove(n);
    this.keys.drop(n);
  }

  /** A copy removed by the deduper: counted on its message when the message is known by ID. */
  addDuplicate(e: SgEvent): void {
    if (e.emailKey === null) return;
    const n = this.store.find(e.emailKey, e.messageId ?? e.sgMessageId ?? '');
    if (n >= 0) this.store.duplicates[n] = (this.store.duplicates[n] as number) + 1;
  }

  /** `maybeHeld`: false when the store was just asked (findLine) and has no such message. */
  private numberFor(e: SgEvent, emailKey: string, id: string | null, maybeHeld = true): number {
    const key = id ?? '';
    let n = maybeHeld ? this.store.find(emailKey, key) : -1;
    if (n < 0) {
      const keep = this.opts.keepEvents?.(emailKey, e.messageId, e.sgMessageId) ?? false;
      n = this.store.insert(e, emailKey, id !== null, keep);
      if (this.byEmail !== null) {
        const list = this.byEmail.get(emailKey);
        if (list === undefined) this.byEmail.set(emailKey, [n]);
        else list.push(n);
      }
    }
    return n;
  }

  private apply(n: number, e: SgEvent, at: number): void {
    this.store.apply(n, e, at);
    if (!this.store.inWindow(n) && (this.opts.inWindow?.(at) ?? true)) this.store.markInWindow(n);
  }

  /** Attaches the ID-less events and returns every message, ordered by first event then email. */
  finish(): MessageList {
    const byEmail = this.candidatesByEmail();
    this.attachPending((emailKey) => byEmail.get(emailKey));
    const { store } = this;
    const order = Int32Array.from(store.numbers());
    const { firstAt, emailKey } = store;
    order.sort((a, b) => inOrder(firstAt[a] as number, emailKey[a] as string, firstAt[b] as number, emailKey[b] as string));
    return new MessageList(store, order);
  }

  /**
   * Live: attaches the ID-less events that waited (see deferIdless) up to time `upTo`; returns
   * the messages they went to.
   */
  attachWaiting(upTo = Number.POSITIVE_INFINITY): MessageState[] {
    return this.attachPending((emailKey) => this.candidatesOf(emailKey), upTo).map((n) => this.store.message(n));
  }

  /**
   * Attaches the waiting ID-less events up to `upTo` in time order, so that the choice does not
   * depend on arrival order; later ones keep waiting.
   */
  private attachPending(candidates: (emailKey: string) => readonly number[] | undefined, upTo = Number.POSITIVE_INFINITY): number[] {
    this.idless.sort((a, b) => a.at - b.at || a.e.seq - b.e.seq);
    const targets: number[] = [];
    let k = 0;
    for (; k < this.idless.length; k++) {
      const { e, at } = this.idless[k] as Pending;
      if (at > upTo) break;
      const emailKey = e.emailKey as string;
      targets.push(this.attach(e, emailKey, at, candidates(emailKey)));
    }
    this.idless.splice(0, k);
    return targets;
  }

  /** The messages with an ID of each address that has ID-less events (built once, at the end). */
  private candidatesByEmail(): Map<string, number[]> {
    const byEmail = new Map<string, number[]>();
    if (this.idless.length === 0) return byEmail;
    for (const { e } of this.idless) byEmail.set(e.emailKey as string, []);
    for (const n of this.store.numbers()) {
      if (!this.store.hasIds(n)) continue;
      byEmail.get(this.store.emailKey[n] as string)?.push(n);
    }
    return byEmail;
  }
}

/** The order messages are listed in: first event, then email. */
export function outputOrder(a: MessageState, b: MessageState): number {
  return inOrder(a.firstAt, a.emailKey, b.firstAt, b.emailKey);
}

/** outputOrder on the two fields it compares (finish() sorts message numbers by the columns). */
function inOrder(firstA: number, emailA: string, firstB: number, emailB: string): number {
  return firstA - firstB || (emailA < emailB ? -1 : emailA > emailB ? 1 : 0);
}

/**
 * The message an ID-less event at `at` belongs to: the one whose latest delivery at or before it
 * is the most recent (a mere send when none was delivered), within the attach window; -1 for none.
 */
function attachTarget(store: MessageStore, candidates: readonly number[] | undefined, at: number, window: number): number {
  if (!candidates) return -1;
  let best = -1;
  let bestAnchor = Number.NEGATIVE_INFINITY;
  let bestDelivered = false;
  for (const n of candidates) {
    const delivered = latestAtOrBefore(store.firstDelivered[n] as number, store.lastDelivered[n] as number, at);
    const sent = latestSendAtOrBefore(store.processedAt[n] as number, store.deferralTimes(n), at);
    const anchor = delivered ?? sent;
    if (anchor === null || at - anchor > window) continue;
    const isDelivered = delivered !== null;
    // A delivery beats a mere send; among equals, the most recent wins.
    if ((isDelivered && !bestDelivered) || (isDelivered === bestDelivered && anchor > bestAnchor)) {
      best = n;
      bestAnchor = anchor;
      bestDelivered = isDelivered;
    }
  }
  return best;
}

/** The later of two times (NaN: none) at or before `at`, or null. */
function latestAtOrBefore(first: number, last: number, at: number): number | null {
  if (last <= at) return last;
  if (first <= at) return first;
  return null;
}
/** The latest processed or deferred time (NaN: none) at or before `at`, or null. */
function latestSendAtOrBefore(processedAt: number, deferralTimes: readonly number[] | null, at: number): number | null {
  let best = processedAt <= at ? processedAt : null;
  for (const t of deferralTimes ?? []) if (t <= at && (best === null || t > best)) best = t;
  return best;
}
