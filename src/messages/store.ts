import { sameText } from '../common/bytes.js';
import { isCapital } from '../common/chars.js';
import { F_ASM_GROUP_ID, F_IP, F_MARKETING_CAMPAIGN_NAME, F_SINGLESEND_NAME, F_TEMPLATE_ID } from '../events/flat-object.js';
import { LineEvent } from '../events/line-event.js';
import type { SgEvent } from '../events/types.js';
import {
  EVENT_BITS,
  type BounceRecord,
  type DeferralRecord,
  type DropRecord,
  type GroupChange,
  Interner,
  type KeptEvent,
  type MessageState,
} from './state.js';

/**
 * The message store: every recipient message's grouping state, in columns rather than one object
 * per message with a boxed number per time.
 *
 * - A message is a number `n`. Its times are columns of doubles (NaN: none), its counters columns
 *   of integers: no object, no boxed number per message.
 * - Its strings (address, IDs) are held once, in pointer columns.
 * - What most messages share — categories, unsubscribe group, campaign, template, sending IP — is
 *   one `SendFacts` record shared by every message with the same facts, pointed at from each.
 * - What few messages have — bounces, a deferral, a drop, group changes, kept events — is one
 *   `Rare` record, created on the first such event.
 * - The index is open-addressed over two integer arrays: the key's hash and the message number
 *   (plus one; 0 is an empty slot). No key string is built per event.
 *
 * It grows by doubling, and lets messages go (`remove`): the slot is emptied by shifting the rest
 * of its probe run back, and the number is reused: that is what a live `--follow` run needs to
 * stay within its retention window. The messages held are listed in the order they arrived (a
 * list threaded through two more columns), whatever numbers they have. Readers see a message
 * through a `StoredMessage` handle, a `MessageState` whose fields are read from the columns; a
 * handle whose message is let go keeps a snapshot of it.
 */

/** What a send was, shared by the messages of one send configuration (see Interner). */
interface SendFacts {
  readonly categories: string[] | null;
  readonly asmGroupId: number | string | null;
  readonly campaign: string | null;
  readonly templateId: string | null;
  readonly sendingIp: string | null;
}

/** What few messages have. */
interface Rare {
  bounces: BounceRecord[];
  lastDeferral: DeferralRecord | null;
  deferralTimes: number[] | null;
  dropped: DropRecord | null;
  groupChanges: GroupChange[] | null;
  kept: KeptEvent[] | null;
}

const NO_FACTS: SendFacts = Object.freeze({ categories: null, asmGroupId: null, campaign: null, templateId: null, sendingIp: null });
/** Shared by every message without bounces; replaced on the first bounce. */
const NO_BOUNCES: BounceRecord[] = Object.freeze([]) as unknown as BounceRecord[];

const IN_WINDOW = 1;
/** idLength of a message_id that does not start the sg_message_id. */
const ODD_ID = -2;
const TIMED = 2;

/** Events whose `ip` is the sending IP (for opens and clicks it is the reader's). */
const SEND_EVENTS = (EVENT_BITS['processed'] as number) | (EVENT_BITS['deferred'] as number) | (EVENT_BITS['delivered'] as number) |
  (EVENT_BITS['bounce'] as number) | (EVENT_BITS['dropped'] as number);

/** A time column's value as the state shows it: null for none. */
function orNull(t: number): number | null {
  return t === t ? t : null;
}

/** FNV-1a over the UTF-16 units of `s`, continuing from `h`. */
function hashText(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x1f, 0x01000193);
}

/**
 * hashText of the text the ASCII bytes `b[start, end)` spell; with `fold`, of that text
 * lower-cased (an address's key; an ID keeps its capitals).
 */
function hashBytes(b: Uint8Array, start: number, end: number, h: number, fold: boolean): number {
  for (let i = start; i < end; i++) {
    let c = b[i] as number;
    if (fold && isCapital(c)) c |= 0x20;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return Math.imul(h ^ 0x1f, 0x01000193);
}

function keyHash(emailKey: string, id: string): number {
  return hashText(emailKey, hashText(id, 0x811c9dc5)) | 0;
}

/**
 * A column grown to `n` entries. Not filled: insert() writes every column of a number it hands
 * out, so the pages of a reserved column that no message has reached yet are never touched, and
 * the system does not give them memory (see reserve).
 */
function growFloat(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function growInt(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

export class MessageStore {
  /** Messages held. */
  size = 0;
  /** Numbers handed out so far (some may be free again). */
  private count = 0;
  private readonly free: number[] = [];
  private capacity = 0;

  // Times (Unix seconds; NaN: none).
  firstAt = new Float64Array(0);
  lastAt = new Float64Array(0);
  processedAt = new Float64Array(0);
  firstDelivered = new Float64Array(0);
  lastDelivered = new Float64Array(0);
  firstDeferred = new Float64Array(0);
  lastHuman = new Float64Array(0);
  // Counters.
  events = new Int32Array(0);
  duplicates = new Int32Array(0);
  deferrals = new Int32Array(0);
  machineOpens = new Int32Array(0);
  /** EVENT_BITS of the kinds of event seen, and IN_WINDOW | TIMED. */
  kinds = new Int32Array(0);
  flags = new Int32Array(0);
  // The messages held in order of arrival: the next and previous message's number (-1: none).
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  private first = -1;
  private last = -1;
  // Pointers.
  readonly emailKey: string[] = [];
  /** The address as first written, where it is not its lower-cased key (most are the same). */
  private readonly written = new Map<number, string>();
  /**
   * The message_id, which the rules derive as the start of the sg_message_id (docs/rules.md#ids):
   * its length there, not a second string (-1: none; ODD_ID: not such a start, in oddIds).
   */
  private idLength = new Int32Array(0);
  private readonly oddIds = new Map<number, string>();
  readonly sgMessageId: (string | null)[] = [];
  readonly send: SendFacts[] = [];
  readonly rare: (Rare | null)[] = [];
  /** The handles given out by message(): live runs key their maps by them. */
  private readonly handles = new Map<number, StoredMessage>();

  // The index.
  private slots = new Int32Array(16);
  private hashes = new Int32Array(16);
  private mask = 15;

  /**
   * Send facts shared between messages (cleared with the interner): a tree of maps keyed by each
   * fact's value in turn — category list (interned, so one list is one object), group, campaign,
   * template, sending IP. Map keys compare by value and type: 7 and '7' are different groups.
   */
  private readonly facts: FactsLevel = new Map();

  /** `intern`: the table of repeated texts (reasons, types, names) the store's records share. */
  constructor(private readonly intern = new Interner()) {}

  /** The message held under (emailKey, id), or -1. */
  find(emailKey: string, id: string): number {
    const h = keyHash(emailKey, id);
    const { mask, slots, hashes } = this;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const m = slots[p] as number;
      if (m === 0) return -1;
      if (hashes[p] === h && this.heldUnder(m - 1, id) && this.emailKey[m - 1] === emailKey) return m - 1;
    }
  }

  /**
   * The message a lean-path event with the common IDs belongs to (see LineEvent.keyEnd), found by
   * the bytes of its address and message_id, as find() would find it by their strings; or -1.
   */
  findLine(e: LineEvent): number {
    const b = e.bytes;
    const keyStart = e.keyStart;
    const keyEnd = e.keyEnd;
    const emailStart = e.emailStart;
    const emailEnd = e.emailEnd;
    const h = hashBytes(b, emailStart, emailEnd, hashBytes(b, keyStart, keyEnd, 0x811c9dc5, false), true) | 0;
    const { mask, slots, hashes } = this;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const m = slots[p] as number;
      if (m === 0) return -1;
      if (hashes[p] === h && this.heldUnderBytes(m - 1, b, keyStart, keyEnd) &&
        sameText(this.emailKey[m - 1] as string, b, emailStart, emailEnd, true)) {
        return m - 1;
      }
    }
  }

  /**
   * A new message, its IDs and address from its first event: held under (emailKey, its
   * message_id, else sg_message_id) — or under (emailKey, '') without IDs (`withIds` false: an
   * ID-less event with no message to attach to, or one known only by an IP).
   */
  insert(e: SgEvent, emailKey: string, withIds: boolean, keep: boolean): number {
    const n = this.free.length > 0 ? (this.free.pop() as number) : this.count++;
    if (n >= this.capacity) this.growColumns();
    this.firstAt[n] = 0;
    this.lastAt[n] = 0;
    this.processedAt[n] = Number.NaN;
    this.firstDelivered[n] = Number.NaN;
    this.lastDelivered[n] = Number.NaN;
    this.firstDeferred[n] = Number.NaN;
    this.lastHuman[n] = Number.NaN;
    this.events[n] = 0;
    this.duplicates[n] = 0;
    this.deferrals[n] = 0;
    this.machineOpens[n] = 0;
    this.kinds[n] = 0;
    this.flags[n] = 0;
    this.emailKey[n] = emailKey;
    if (e.email !== null && e.email !== emailKey) this.written.set(n, e.email);
    this.sgMessageId[n] = withIds ? e.sgMessageId : null;
    this.setMessageId(n, withIds ? e.messageId : null);
    this.send[n] = NO_FACTS;
    this.rare[n] = keep ? { bounces: NO_BOUNCES, lastDeferral: null, deferralTimes: null, dropped: null, groupChanges: null, kept: [] } : null;
    this.next[n] = -1;
    this.prev[n] = this.last;
    if (this.last >= 0) this.next[this.last] = n;
    else this.first = n;
    this.last = n;
    this.size++;
    if (this.size * 2 > this.mask) this.growIndex();
    this.place(keyHash(emailKey, this.keyOf(n)), n + 1);
    return n;
  }

  /** Lets message `n` go; a handle to it keeps a snapshot. */
  remove(n: number): void {
    const h = keyHash(this.emailKey[n] as string, this.keyOf(n));
    const { mask, slots, hashes } = this;
    let p = h & mask;
    while (slots[p] !== n + 1) {
      if (slots[p] === 0) return;
      p = (p + 1) & mask;
    }
    // Backward shift: each later entry of the run that may sit at p (its home is not in (p, j])
    // moves there, so that no lookup stops early at the hole.
    slots[p] = 0;
    for (let j = (p + 1) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const home = (hashes[j] as number) & mask;
      if (((j - home) & mask) >= ((j - p) & mask)) {
        slots[p] = slots[j] as number;
        hashes[p] = hashes[j] as number;
        slots[j] = 0;
        p = j;
      }
    }
    const before = this.prev[n] as number;
    const after = this.next[n] as number;
    if (before >= 0) this.next[before] = after;
    else this.first = after;
    if (after >= 0) this.prev[after] = before;
    else this.last = before;
    this.handles.get(n)?.detach();
    this.handles.delete(n);
    this.written.delete(n);
    this.emailKey[n] = '';
    this.idLength[n] = -1;
    this.oddIds.delete(n);
    this.sgMessageId[n] = null;
    this.send[n] = NO_FACTS;
    this.rare[n] = null;
    this.free.push(n);
    this.size--;
  }

  /**
   * The ID message `n` is held under: message_id, else sg_message_id; '' for an email-only one
   * (insert keeps the IDs of a message held under one, and none of one held under '').
   */
  private keyOf(n: number): string {
    return this.messageIdOf(n) ?? this.sgMessageId[n] ?? '';
  }

  /** Is message `n` held under `id` (keyOf without making a string)? */
  private heldUnder(n: number, id: string): boolean {
    const length = this.idLength[n] as number;
    const sg = this.sgMessageId[n] ?? '';
    if (length === -1) return sg === id;
    if (length === ODD_ID) return this.oddIds.get(n) === id;
    return id.length === length && sg.startsWith(id);
  }

  /** heldUnder for the ASCII bytes `b[start, end)`. */
  private heldUnderBytes(n: number, b: Uint8Array, start: number, end: number): boolean {
    const length = this.idLength[n] as number;
    const sg = this.sgMessageId[n] ?? '';
    if (length === -1) return sameText(sg, b, start, end);
    if (length === ODD_ID) return sameText(this.oddIds.get(n) as string, b, start, end);
    return sameText(sg, b, start, end, false, length);
  }

  /** Message `n`'s message_id (set after its sg_message_id). */
  private setMessageId(n: number, id: string | null): void {
    const sg = this.sgMessageId[n];
    this.oddIds.delete(n);
    if (id === null) this.idLength[n] = -1;
    else if (sg !== null && sg !== undefined && sg.startsWith(id)) this.idLength[n] = id.length;
    else {
      this.idLength[n] = ODD_ID;
      this.oddIds.set(n, id);
    }
  }

  messageIdOf(n: number): string | null {
    const length = this.idLength[n] as number;
    if (length === -1) return null;
    if (length === ODD_ID) return this.oddIds.get(n) as string;
    const sg = this.sgMessageId[n] as string;
    return length === sg.length ? sg : sg.slice(0, length);
  }

  /** The numbers of the messages held, in the order the messages arrived. */
  *numbers(): IterableIterator<number> {
    for (let n = this.first; n >= 0; n = this.next[n] as number) yield n;
  }

  /** The handle of message `n` (the same one each time, while the message is held). */
  message(n: number): StoredMessage {
    let handle = this.handles.get(n);
    if (handle === undefined) this.handles.set(n, (handle = new StoredMessage(this, n)));
    return handle;
  }

  /** A handle of message `n` for a reader that does not keep it (no handle is held per message). */
  view(n: number): MessageState {
    return this.handles.get(n) ?? new StoredMessage(this, n);
  }

  /**
   * Forgets the texts and send facts shared between messages (a live run, as it lets messages
   * go): what is shared from here on is shared again, and the old ones go with their messages.
   */
  clearShared(): void {
    this.intern.clear();
    this.facts.clear();
  }

  /** Message `n`'s address as first written. */
  email(n: number): string {
    return this.written.get(n) ?? (this.emailKey[n] as string);
  }

  markInWindow(n: number): void {
    this.flags[n] = (this.flags[n] as number) | IN_WINDOW;
  }
  inWindow(n: number): boolean {
    return ((this.flags[n] as number) & IN_WINDOW) !== 0;
  }
  hasIds(n: number): boolean {
    return this.idLength[n] !== -1 || this.sgMessageId[n] !== null;
  }
  deferralTimes(n: number): readonly number[] | null {
    return this.rare[n]?.deferralTimes ?? null;
  }
  rareOf(n: number): Rare {
    return (this.rare[n] ??= { bounces: NO_BOUNCES, lastDeferral: null, deferralTimes: null, dropped: null, groupChanges: null, kept: null });
  }

  /** Folds one event (time `at`, already resolved) into message `n`. */
  apply(n: number, e: SgEvent, at: number): void {
    const count = (this.events[n] as number) + 1;
    this.events[n] = count;
    if (e.timestamp !== null) this.flags[n] = (this.flags[n] as number) | TIMED;
    if (count === 1) {
      this.firstAt[n] = at;
      this.lastAt[n] = at;
    } else {
      if (at < (this.firstAt[n] as number)) this.firstAt[n] = at;
      if (at > (this.lastAt[n] as number)) this.lastAt[n] = at;
    }
    // A message held under its IDs has them from its first event (a message_id is the start of
    // the sg_message_id of the same event); these fill what an ID-less first event left empty.
    if (this.sgMessageId[n] === null && e.sgMessageId !== null) {
      const id = this.messageIdOf(n);
      this.sgMessageId[n] = e.sgMessageId;
      this.setMessageId(n, id);
    }
    if (this.idLength[n] === -1 && e.messageId !== null) this.setMessageId(n, e.messageId);
    const kept = this.rare[n]?.kept;
    if (kept) kept.push({ e, at });
    const bit = Object.hasOwn(EVENT_BITS, e.event) ? (EVENT_BITS[e.event] as number) : 0;
    this.kinds[n] = (this.kinds[n] as number) | bit;
    this.noteSend(n, e, bit);
    const f = e.fields;
    switch (e.event) {
      case 'processed':
        lower(this.processedAt, n, at);
        break;
      case 'delivered':
        lower(this.firstDelivered, n, at);
        higher(this.lastDelivered, n, at);
        break;
      case 'deferred': {
        this.deferrals[n] = (this.deferrals[n] as number) + 1;
        lower(this.firstDeferred, n, at);
        const rare = this.rareOf(n);
        (rare.deferralTimes ??= []).push(at);
        if (rare.lastDeferral === null || at >= rare.lastDeferral.at) {
          const attempt = f['attempt'];
          rare.lastDeferral = { at, response: this.intern.get(f['response'] ?? f['reason']), attempt: typeof attempt === 'number' ? attempt : null };
        }
        break;
      }
      case 'bounce': {
        const rare = this.rareOf(n);
        if (rare.bounces === NO_BOUNCES) rare.bounces = [];
        rare.bounces.push({
          at,
          type: this.intern.get(f['type']),
          reason: this.intern.get(f['reason'] ?? f['response']),
          status: this.intern.get(f['status']),
          classification: this.intern.get(f['bounce_classification']),
        });
        break;
      }
      case 'dropped': {
        const rare = this.rareOf(n);
        if (rare.dropped === null || at < rare.dropped.at) rare.dropped = { at, reason: this.intern.get(f['reason']), status: this.intern.get(f['status']) };
        break;
      }
      case 'open':
        if (f['sg_machine_open'] === true) this.machineOpens[n] = (this.machineOpens[n] as number) + 1;
        else higher(this.lastHuman, n, at);
        break;
      case 'click':
        higher(this.lastHuman, n, at);
        break;
      case 'group_unsubscribe':
      case 'group_resubscribe': {
        const group = f['asm_group_id'];
        (this.rareOf(n).groupChanges ??= []).push({
          at,
          group: typeof group === 'number' || typeof group === 'string' ? group : null,
          unsubscribed: e.event === 'group_unsubscribe',
        });
        break;
      }
      default:
        break;
    }
  }

  /** What the send was (categories, group, campaign, template, sending IP), from any of its events. */
  private noteSend(n: number, e: SgEvent, bit: number): void {
    const was = this.send[n] as SendFacts;
    // Most events name the categories their message has, and most add nothing: a lean event says
    // so from what its line holds, without reading a field.
    const lean = e instanceof LineEvent ? e : null;
    const knownCategories = lean !== null && lean.categoriesWithin(was.categories);
    if (knownCategories && !lean.givesAny(missingFacts(was, bit))) return;
    const f = e.fields;
    const categories = knownCategories ? was.categories : this.categoriesWith(was.categories, e);
    let asmGroupId = was.asmGroupId;
    if (asmGroupId === null) {
      const g = f['asm_group_id'];
      if (typeof g === 'number' || typeof g === 'string') asmGroupId = g;
    }
    let campaign = was.campaign;
    if (campaign === null) {
      const name = f['marketing_campaign_name'] ?? f['singlesend_name'];
      if (typeof name === 'string') campaign = this.intern.get(name);
    }
    let templateId = was.templateId;
    if (templateId === null) {
      const t = f['template_id'];
      if (typeof t === 'string' || typeof t === 'number') templateId = this.intern.get(String(t));
    }
    let sendingIp = was.sendingIp;
    if (sendingIp === null && (bit & SEND_EVENTS) !== 0) {
      const ip = f['ip'];
      if (typeof ip === 'string' && ip.length > 0) sendingIp = this.intern.get(ip);
    }
    if (categories === was.categories && asmGroupId === was.asmGroupId && campaign === was.campaign && templateId === was.templateId && sendingIp === was.sendingIp) return;
    this.send[n] = this.sharedFacts({ categories, asmGroupId, campaign, templateId, sendingIp });
  }

  /**
   * `current` with the categories of `e` added. A message's first list is known by the text its
   * line writes it as, most often: one text per kind of send, repeated over thousands of messages.
   */
  private categoriesWith(current: string[] | null, e: SgEvent): string[] | null {
    const text = current === null && e instanceof LineEvent ? e.categoryText() : null;
    if (text !== null) {
      const known = this.intern.writtenList(text);
      if (known !== undefined) return known;
    }
    const category = e.fields['category'];
    const list = Array.isArray(category) && category.length > 0 ? this.intern.list(current, category) : current;
    if (text !== null) this.intern.noteWrittenList(text, list);
    return list;
  }

  private sharedFacts(f: SendFacts): SendFacts {
    // Long texts (a campaign name of a few kB) are not worth sharing: the record stays the message's.
    if ((f.campaign?.length ?? 0) > LONG_TEXT || (f.templateId?.length ?? 0) > LONG_TEXT || (f.sendingIp?.length ?? 0) > LONG_TEXT) return f;
    const byIp = level(level(level(level(this.facts, f.categories), f.asmGroupId), f.campaign), f.templateId);
    const known = byIp.get(f.sendingIp) as SendFacts | undefined;
    if (known !== undefined) return known;
    byIp.set(f.sendingIp, f);
    return f;
  }

  /**
   * Makes room for `messages` messages at once (a whole-input run estimates them from the input's
   * size). The columns are then never copied while they fill, so no old column waits for a
   * collection, and room no message reaches stays untouched address space, not memory.
   */
  reserve(messages: number): void {
    if (messages > this.capacity) this.growColumns(messages);
  }

  private growColumns(n = Math.max(1024, this.capacity * 2)): void {
    this.firstAt = growFloat(this.firstAt, n);
    this.lastAt = growFloat(this.lastAt, n);
    this.processedAt = growFloat(this.processedAt, n);
    this.firstDelivered = growFloat(this.firstDelivered, n);
    this.lastDelivered = growFloat(this.lastDelivered, n);
    this.firstDeferred = growFloat(this.firstDeferred, n);
    this.lastHuman = growFloat(this.lastHuman, n);
    this.events = growInt(this.events, n);
    this.duplicates = growInt(this.duplicates, n);
    this.deferrals = growInt(this.deferrals, n);
    this.machineOpens = growInt(this.machineOpens, n);
    this.kinds = growInt(this.kinds, n);
    this.flags = growInt(this.flags, n);
    this.next = growInt(this.next, n);
    this.prev = growInt(this.prev, n);
    this.idLength = growInt(this.idLength, n);
    this.capacity = n;
  }

  /** Doubles the index (kept at most half full: probe runs stay short). */
  private growIndex(): void {
    const { slots, hashes } = this;
    const size = slots.length * 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (let p = 0; p < slots.length; p++) if (slots[p] !== 0) this.place(hashes[p] as number, slots[p] as number);
  }

  private place(h: number, entry: number): void {
    const { mask, slots, hashes } = this;
    let p = h & mask;
    while (slots[p] !== 0) p = (p + 1) & mask;
    slots[p] = entry;
    hashes[p] = h;
  }
}

const ASM_GROUP_FIELD = 1 << F_ASM_GROUP_ID;
const CAMPAIGN_FIELDS = (1 << F_MARKETING_CAMPAIGN_NAME) | (1 << F_SINGLESEND_NAME);
const TEMPLATE_FIELD = 1 << F_TEMPLATE_ID;
const IP_FIELD = 1 << F_IP;

/** The fields (a LineEvent.givesAny mask) that could fill what `was` lacks, for an event of kind `bit`. */
function missingFacts(was: SendFacts, bit: number): number {
  let mask = 0;
  if (was.asmGroupId === null) mask |= ASM_GROUP_FIELD;
  if (was.campaign === null) mask |= CAMPAIGN_FIELDS;
  if (was.templateId === null) mask |= TEMPLATE_FIELD;
  if (was.sendingIp === null && (bit & SEND_EVENTS) !== 0) mask |= IP_FIELD;
  return mask;
}

/** One level of the send facts tree (see MessageStore.facts). */
type FactsLevel = Map<unknown, unknown>;

/** The level under `key`, made when missing. */
function level(map: FactsLevel, key: unknown): FactsLevel {
  let next = map.get(key) as FactsLevel | undefined;
  if (next === undefined) map.set(key, (next = new Map()));
  return next;
}

/** Texts longer than this are not shared between messages (see sharedFacts). */
const LONG_TEXT = 2048;

function lower(col: Float64Array, n: number, at: number): void {
  const v = col[n] as number;
  if (v !== v || at < v) col[n] = at;
}
function higher(col: Float64Array, n: number, at: number): void {
  const v = col[n] as number;
  if (v !== v || at > v) col[n] = at;
}

/**
 * A message of the store, seen as a MessageState. Its fields are read from the store's columns
 * while the message is held; once it is let go, from the snapshot taken then.
 */
export class StoredMessage implements MessageState {
  private snap: MessageState | null = null;

  constructor(
    private readonly store: MessageStore,
    private readonly n: number,
  ) {}

  /** Keeps the message's state as it is now: the store may reuse its number. */
  detach(): void {
    if (this.snap !== null) return;
    const s = this;
    this.snap = {
      email: s.email,
      emailKey: s.emailKey,
      messageId: s.messageId,
      sgMessageId: s.sgMessageId,
      events: s.events,
      duplicates: s.duplicates,
      firstAt: s.firstAt,
      lastAt: s.lastAt,
      processedAt: s.processedAt,
      firstDelivered: s.firstDelivered,
      lastDelivered: s.lastDelivered,
      deferrals: s.deferrals,
      firstDeferred: s.firstDeferred,
      deferralTimes: s.deferralTimes,
      lastDeferral: s.lastDeferral,
      bounces: s.bounces,
      dropped: s.dropped,
      lastHumanEngagement: s.lastHumanEngagement,
      machineOpens: s.machineOpens,
      kinds: s.kinds,
      groupChanges: s.groupChanges,
      categories: s.categories,
      asmGroupId: s.asmGroupId,
      campaign: s.campaign,
      templateId: s.templateId,
      sendingIp: s.sendingIp,
      inWindow: s.inWindow,
      timed: s.timed,
      kept: s.kept,
    };
  }

  get email(): string {
    return this.snap?.email ?? this.store.email(this.n);
  }
  get emailKey(): string {
    return this.snap?.emailKey ?? (this.store.emailKey[this.n] as string);
  }
  get messageId(): string | null {
    return this.snap ? this.snap.messageId : this.store.messageIdOf(this.n);
  }
  get sgMessageId(): string | null {
    return this.snap ? this.snap.sgMessageId : (this.store.sgMessageId[this.n] as string | null);
  }
  get events(): number {
    return this.snap?.events ?? (this.store.events[this.n] as number);
  }
  get duplicates(): number {
    return this.snap?.duplicates ?? (this.store.duplicates[this.n] as number);
  }
  get firstAt(): number {
    return this.snap?.firstAt ?? (this.store.firstAt[this.n] as number);
  }
  get lastAt(): number {
    return this.snap?.lastAt ?? (this.store.lastAt[this.n] as number);
  }
  get processedAt(): number | null {
    return this.snap ? this.snap.processedAt : orNull(this.store.processedAt[this.n] as number);
  }
  get firstDelivered(): number | null {
    return this.snap ? this.snap.firstDelivered : orNull(this.store.firstDelivered[this.n] as number);
  }
  get lastDelivered(): number | null {
    return this.snap ? this.snap.lastDelivered : orNull(this.store.lastDelivered[this.n] as number);
  }
  get deferrals(): number {
    return this.snap?.deferrals ?? (this.store.deferrals[this.n] as number);
  }
  get firstDeferred(): number | null {
    return this.snap ? this.snap.firstDeferred : orNull(this.store.firstDeferred[this.n] as number);
  }
  get lastHumanEngagement(): number | null {
    return this.snap ? this.snap.lastHumanEngagement : orNull(this.store.lastHuman[this.n] as number);
  }
  get machineOpens(): number {
    return this.snap?.machineOpens ?? (this.store.machineOpens[this.n] as number);
  }
  get kinds(): number {
    return this.snap?.kinds ?? (this.store.kinds[this.n] as number);
  }
  get inWindow(): boolean {
    return this.snap ? this.snap.inWindow : ((this.store.flags[this.n] as number) & IN_WINDOW) !== 0;
  }
  get timed(): boolean {
    return this.snap ? this.snap.timed : ((this.store.flags[this.n] as number) & TIMED) !== 0;
  }
  private get facts(): SendFacts {
    return this.store.send[this.n] as SendFacts;
  }
  get categories(): string[] | null {
    return this.snap ? this.snap.categories : this.facts.categories;
  }
  get asmGroupId(): number | string | null {
    return this.snap ? this.snap.asmGroupId : this.facts.asmGroupId;
  }
  get campaign(): string | null {
    return this.snap ? this.snap.campaign : this.facts.campaign;
  }
  get templateId(): string | null {
    return this.snap ? this.snap.templateId : this.facts.templateId;
  }
  get sendingIp(): string | null {
    return this.snap ? this.snap.sendingIp : this.facts.sendingIp;
  }
  private get rare(): Rare | null {
    return this.store.rare[this.n] as Rare | null;
  }
  get bounces(): BounceRecord[] {
    return this.snap ? this.snap.bounces : (this.rare?.bounces ?? NO_BOUNCES);
  }
  get lastDeferral(): DeferralRecord | null {
    return this.snap ? this.snap.lastDeferral : (this.rare?.lastDeferral ?? null);
  }
  get deferralTimes(): number[] | null {
    return this.snap ? this.snap.deferralTimes : (this.rare?.deferralTimes ?? null);
  }
  get dropped(): DropRecord | null {
    return this.snap ? this.snap.dropped : (this.rare?.dropped ?? null);
  }
  get groupChanges(): GroupChange[] | null {
    return this.snap ? this.snap.groupChanges : (this.rare?.groupChanges ?? null);
  }
  get kept(): KeptEvent[] | null {
    return this.snap ? this.snap.kept : (this.rare?.kept ?? null);
  }
  /** A live timeline stops keeping a message's events once it has shown them. */
  set kept(value: KeptEvent[] | null) {
    if (this.snap) this.snap.kept = value;
    else if (value !== null || this.rare !== null) this.store.rareOf(this.n).kept = value;
  }
}

/**
 * The messages of a whole input in output order, each seen through a handle made as it is reached:
 * a report that decides and lets go of one message at a time holds no object per message.
 */
export class MessageList implements Iterable<MessageState> {
  constructor(
    private readonly store: MessageStore,
    private readonly order: Int32Array,
  ) {}

  get length(): number {
    return this.order.length;
  }

  *[Symbol.iterator](): Iterator<MessageState> {
    for (const n of this.order) yield this.store.view(n);
  }

  filter(keep: (s: MessageState) => boolean): MessageState[] {
    const out: MessageState[] = [];
    for (const s of this) if (keep(s)) out.push(s);
    return out;
  }

  some(test: (s: MessageState) => boolean): boolean {
    for (const s of this) if (test(s)) return true;
    return false;
  }
}
