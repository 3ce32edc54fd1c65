import { asText } from '../common/text.js';
import { Hasher } from './hash.js';
import { HashSet52 } from './hash-set.js';
import { F_ATTEMPT, F_CATEGORY, F_IP, F_REASON, F_RESPONSE, F_SG_MACHINE_OPEN, F_TYPE, F_URL, F_USERAGENT } from './flat-object.js';
import { LineEvent } from './line-event.js';
import type { SgEvent } from './types.js';

/**
 * Duplicate removal (docs/rules.md#duplicates): a copy is the same event twice on the same
 * recipient message. By ID: the same `sg_event_id` for the same event name and type — documentation
 * examples, handler fixtures and test POSTs give different events one placeholder id, which must
 * not merge them. By content, because SendGrid's retries can carry a new `sg_event_id`: event,
 * timestamp, type, reason/response, url, attempt, category, machine-open flag, user agent, IP.
 *
 * Both keys come in two scopes. Within one message (`messageKeys`: the message is known, so it is
 * left out) they are what a grouping run checks against that message's own events (see
 * messages/event-keys.ts). Across the input (`inputKeys`) they add where the event goes — ID-less
 * or not, the address, the ID it is grouped under — so that a key seen anywhere decides exactly
 * what the message's own keys decide.
 */
const ID_KEY = 1;
const CONTENT_KEY = 2;
const WHERE_KEY = 3;

function part(v: unknown): string {
  return asText(v) ?? '';
}

const hasher = new Hasher();
const whereHasher = new Hasher();

/** The two keys of the event last passed to messageKeys or inputKeys (-1: the event has none). */
const keys = { id: -1, content: -1 };

/** The keys of `e` within its message. */
export function messageKeys(e: SgEvent): Readonly<typeof keys> {
  keys.id = idHash(e) ? hasher.value() : -1;
  keys.content = contentHash(e) ? hasher.value() : -1;
  return keys;
}

/** The keys of `e` across the input: messageKeys, each with the message it is grouped in. */
export function inputKeys(e: SgEvent): Readonly<typeof keys> {
  const where = whereItGoes(e);
  keys.id = idHash(e) ? hasher.num(where).value() : -1;
  keys.content = contentHash(e) ? hasher.num(where).value() : -1;
  return keys;
}

/** The hash of where `e` is grouped: ID-less or not, the address's key, the ID it is held under. */
function whereItGoes(e: SgEvent): number {
  whereHasher.reset(WHERE_KEY);
  if (e instanceof LineEvent) e.feedWhere(whereHasher);
  else whereHasher.str(e.idless ? 'i' : 'm').str(e.emailKey ?? '').str(e.messageId ?? e.sgMessageId ?? '');
  return whereHasher.value();
}

/** Feeds the ID key of `e` into the hasher; false when it has no `sg_event_id`. */
function idHash(e: SgEvent): boolean {
  if (e instanceof LineEvent) return lineIdHash(e);
  if (e.sgEventId === null) return false;
  hasher.reset(ID_KEY).str(e.sgEventId).str(e.event).str(part(e.fields['type']));
  return true;
}

/**
 * A list (categories, normalized to strings) is hashed item by item: the same items give the same
 * hash as its JSON text would decide, without making that text for every event.
 */
function hashList(v: unknown): void {
  if (!Array.isArray(v)) {
    hasher.str(part(v));
    return;
  }
  hasher.str('[');
  for (const item of v) hasher.str(part(item));
  hasher.str(']');
}

/** Feeds the content key of `e`; false for an event without a time (it cannot be told apart). */
function contentHash(e: SgEvent): boolean {
  if (e.timestamp === null) return false;
  if (e instanceof LineEvent) return lineContentHash(e, e.timestamp);
  const f = e.fields;
  hasher
    .reset(CONTENT_KEY)
    .str(e.event)
    .str(e.sgMessageId ?? '')
    .num(e.timestamp)
    .str(part(f['type']))
    .str(part(f['reason'] ?? f['response']))
    .str(part(f['url']))
    .str(part(f['attempt']));
  hashList(f['category']);
  hasher.str(part(f['sg_machine_open'])).str(part(f['useragent'])).str(part(f['ip']));
  return true;
}

/**
 * idHash and contentHash of an event of the lean path, the same numbers from the line's bytes:
 * plain strings are hashed where they lie, other values as their text (see LineEvent).
 */
function lineIdHash(e: LineEvent): boolean {
  hasher.reset(ID_KEY);
  if (!e.feedEventId(hasher)) {
    const id = e.sgEventId;
    if (id === null) return false;
    hasher.reset(ID_KEY).str(id);
  }
  hasher.str(e.event);
  e.feedText(hasher, F_TYPE);
  return true;
}

function lineContentHash(e: LineEvent, timestamp: number): boolean {
  hasher.reset(CONTENT_KEY).str(e.event);
  e.feedSgMessageId(hasher);
  hasher.num(timestamp);
  e.feedText(hasher, F_TYPE);
  e.feedText(hasher, e.given(F_REASON) ? F_REASON : F_RESPONSE);
  e.feedText(hasher, F_URL);
  hasher.str(part(e.field(F_ATTEMPT)));
  if (!e.feedCategories(hasher)) hashList(e.field(F_CATEGORY));
  hasher.str(part(e.field(F_SG_MACHINE_OPEN)));
  e.feedText(hasher, F_USERAGENT);
  e.feedText(hasher, F_IP);
  return true;
}

/** What drops copies: the input-wide Deduper, or a grouping run's per-message check. */
export interface CopyFilter {
  /** True when `e` is a copy of an event seen before (then counted in `removed`). */
  isCopy(e: SgEvent): boolean;
  readonly removed: number;
  /** A live run forgets old keys (see Deduper.age). */
  age?(): void;
}

/**
 * Remembers what it has seen as 52-bit hashes of the keys (never whole events). With
 * `trackCopies`, a hash also leads to the kept event's copy counter, for timelines that show
 * how many copies of each event were removed.
 */
export class Deduper implements CopyFilter {
  private seen = new HashSet52();
  /** The generation before `seen` (see age), or null. */
  private older: HashSet52 | null = null;
  private readonly copies: Map<number, { removed: number }> | null;
  removed = 0;

  /** Whose copies are counted: every kept event's, or those a predicate picks (a live timeline's). */
  private readonly tracks: (e: SgEvent) => boolean;

  constructor(options: { trackCopies?: boolean | ((e: SgEvent) => boolean) } = {}) {
    const track = options.trackCopies ?? false;
    this.copies = track === false ? null : new Map();
    this.tracks = typeof track === 'function' ? track : () => true;
  }

  /**
   * True when `e` is a copy of an event seen before (counted on the kept one when tracked).
   * Three probes at most: the ID, then the content key is looked up and added in one step.
   */
  isCopy(e: SgEvent): boolean {
    const { id, content } = inputKeys(e);
    if (id >= 0 && (this.seen.has(id) || this.older?.has(id) === true)) return this.copyOf(id);
    if (content >= 0 && (this.older?.has(content) === true || !this.seen.add(content))) return this.copyOf(content);
    this.keep(e, id, content);
    return false;
  }

  /**
   * Starts a new generation and forgets the one before the current: what was seen before the
   * previous call is no longer known. A live run calls it once per retention window of event time,
   * so that copies up to one window apart are still caught and memory stays bounded.
   */
  age(): void {
    this.older = this.seen;
    this.seen = new HashSet52();
    // Copy counters are let go at each step: a copy found after that is still removed, but no
    // longer counted on its kept event.
    this.copies?.clear();
  }

  private copyOf(hit: number): true {
    this.removed++;
    const kept = this.copies?.get(hit);
    if (kept) kept.removed++;
    return true;
  }

  /** Remembers a kept event's ID (its content key is already in); tracked, it gets a counter. */
  private keep(e: SgEvent, id: number, content: number): void {
    if (id >= 0) this.seen.add(id);
    if (this.copies === null || !this.tracks(e)) return;
    const counter = { removed: 0 };
    e.copies = counter;
    if (id >= 0) this.copies.set(id, counter);
    if (content >= 0) this.copies.set(content, counter);
  }
}
