import { indexOfBytes, sameText } from '../common/bytes.js';
import { AT_SIGN, DIGIT_0, DOT, isCapital, isDigit, LESS_THAN, MINUS, QUOTE, SPACE, UNDERSCORE } from '../common/chars.js';
import { asText } from '../common/text.js';
import {
  ABSENT,
  FALSE,
  FIELDS,
  FIELD_NAMES,
  F_ATTEMPT,
  F_CATEGORY,
  F_EMAIL,
  F_EVENT,
  F_IP,
  F_SG_EVENT_ID,
  F_SG_MACHINE_OPEN,
  F_SG_MESSAGE_ID,
  F_SMTP_ID,
  F_TIMESTAMP,
  LIST,
  NESTED,
  NULL,
  NUMBER,
  PLAIN,
  STRING,
  TRUE,
  type FlatObject,
} from './flat-object.js';
import type { Hasher } from './hash.js';
import { deriveMessageId, FILTER_MARKERS } from './message-id.js';
import { asBoolean, asNumber, nonEmptyString, normalCategory } from './normalize.js';
import { toUnixSeconds } from './timestamp.js';
import { NO_COPIES, type JsonObject, type SgEvent } from './types.js';

/**
 * An event read by the lean path (see FlatObject): what grouping needs first — name, address,
 * time, IDs — is made at once, by the same rules as normalizeEvent; every other field becomes a
 * value only when it is read, and duplicate keys hash the fields' bytes where they lie.
 *
 * It lives as long as the line does: the sink must be done with it when its call returns (the
 * bytes are then reused). So the lean path serves only sinks that keep no event — grouping without
 * kept events, the report's counts — and an event that would wait (an ID-less bounce, attached at
 * the end) goes the general way. A late read throws rather than read another line's bytes.
 */
export class LineEvent implements SgEvent {
  private readonly generation: number;
  private fieldsView: JsonObject | null = null;
  copies: { readonly removed: number } = NO_COPIES;
  readonly idless = false;
  /**
   * The IDs as strings, made when first read. Most events belong to a message already held, which
   * grouping finds by their bytes (MessageStore.findLine), so most never need them.
   */
  private emailText: string | undefined;
  private emailKeyText: string | undefined;
  private sgMessageIdText: string | null | undefined;
  private smtpIdText: string | null | undefined;
  private messageIdText: string | null | undefined;
  /**
   * Where the address and the message key lie, when the IDs are the common kind (see
   * plainIdsLength); else `keyEnd` is -1 and the strings were made at once.
   */
  readonly keyEnd: number;

  private constructor(
    private readonly flat: FlatObject,
    readonly event: string,
    readonly timestamp: number | null,
    readonly file: string,
    readonly line: number,
    readonly seq: number,
    private readonly base: number,
    keyEnd: number,
  ) {
    this.generation = flat.generation;
    this.keyEnd = keyEnd;
  }

  /**
   * The event that object `o` of what `flat` just read is, or null when it must go the general
   * way: no string `event`, no address (account events), or no ID at all (an asynchronous bounce
   * waits).
   */
  static of(flat: FlatObject, o: number, file: string, line: number, seq: number): LineEvent | null {
    const base = o * FIELDS;
    const kindOfEvent = flat.kind[base + F_EVENT];
    const kindOfEmail = flat.kind[base + F_EMAIL];
    if ((kindOfEvent !== PLAIN && kindOfEvent !== STRING) || (kindOfEmail !== PLAIN && kindOfEmail !== STRING)) return null;
    const name = kindOfEvent === PLAIN ? eventName(flat, base) : (rawValue(flat, base + F_EVENT) as string).toLowerCase();
    const timestamp = toUnixSeconds(rawValue(flat, base + F_TIMESTAMP));
    const keyEnd = plainIdsLength(flat, base);
    if (keyEnd >= 0) return new LineEvent(flat, name, timestamp, file, line, seq, base, flat.start[base + F_SG_MESSAGE_ID] as number + keyEnd);
    // Any other IDs: made into strings now, by normalizeEvent's rules.
    const email = nonEmptyString(rawValue(flat, base + F_EMAIL));
    if (email === null) return null;
    const sgMessageId = nonEmptyString(rawValue(flat, base + F_SG_MESSAGE_ID));
    const smtpId = nonEmptyString(rawValue(flat, base + F_SMTP_ID));
    const messageId = deriveMessageId(sgMessageId, smtpId);
    if (messageId === null && sgMessageId === null && smtpId === null && !rawValue(flat, base + F_IP)) return null;
    const e = new LineEvent(flat, name, timestamp, file, line, seq, base, -1);
    e.emailText = email;
    e.emailKeyText = email.toLowerCase();
    e.sgMessageIdText = sgMessageId;
    e.smtpIdText = smtpId;
    e.messageIdText = messageId;
    return e;
  }

  get email(): string {
    return (this.emailText ??= this.text(F_EMAIL));
  }
  get emailKey(): string {
    return (this.emailKeyText ??= this.email.toLowerCase());
  }
  get sgMessageId(): string | null {
    if (this.sgMessageIdText === undefined) this.sgMessageIdText = this.text(F_SG_MESSAGE_ID);
    return this.sgMessageIdText;
  }
  get messageId(): string | null {
    if (this.messageIdText === undefined) this.messageIdText = (this.sgMessageId as string).slice(0, this.keyEnd - this.start(F_SG_MESSAGE_ID));
    return this.messageIdText;
  }
  private get smtpId(): string | null {
    if (this.smtpIdText === undefined) this.smtpIdText = this.live().kind[this.base + F_SMTP_ID] === PLAIN ? this.text(F_SMTP_ID) : null;
    return this.smtpIdText;
  }

  /** The line's bytes, while the event is live: the address and the key (message_id) lie in them. */
  get bytes(): Buffer {
    return this.live().bytes;
  }
  get emailStart(): number {
    return this.start(F_EMAIL);
  }
  get emailEnd(): number {
    return this.live().end[this.base + F_EMAIL] as number;
  }
  get keyStart(): number {
    return this.start(F_SG_MESSAGE_ID);
  }

  private start(k: number): number {
    return this.live().start[this.base + k] as number;
  }

  /** A PLAIN field's text. */
  private text(k: number): string {
    const flat = this.live();
    return latin1(flat.bytes, flat.start[this.base + k] as number, flat.end[this.base + k] as number);
  }

  /** The event's fields, normalized as normalizeEvent leaves them; each read when asked for. */
  get fields(): JsonObject {
    return (this.fieldsView ??= new LineFields(this) as unknown as JsonObject);
  }

  get sgEventId(): string | null {
    return nonEmptyString(this.raw(F_SG_EVENT_ID));
  }

  /** Field `k` (FIELD_NAMES) as normalizeEvent leaves it in `fields`; undefined when absent. */
  field(k: number): unknown {
    switch (k) {
      case F_EVENT:
        return this.event;
      case F_EMAIL:
        return this.email;
      case F_TIMESTAMP:
        return this.timestamp;
      default:
        break;
    }
    // Any other field that is not there is not in `fields` either (most reads are of such).
    if (!this.has(k)) return undefined;
    switch (k) {
      case F_SG_MESSAGE_ID:
        return this.sgMessageId === null ? undefined : this.raw(k);
      case F_SMTP_ID: {
        const v = this.raw(k);
        return this.smtpId === null && v === '' ? undefined : v;
      }
      case F_CATEGORY:
        return normalCategory(this.raw(k));
      case F_ATTEMPT:
        return asNumber(this.raw(k));
      case F_SG_MACHINE_OPEN:
        return asBoolean(this.raw(k));
      default:
        return this.raw(k);
    }
  }

  /** Is field `k` in the line (null counts)? */
  has(k: number): boolean {
    return this.live().kind[this.base + k] !== ABSENT;
  }

  /** Is field `k` there and not null (what `??` picks)? */
  given(k: number): boolean {
    const kind = this.live().kind[this.base + k];
    return kind !== ABSENT && kind !== NULL;
  }

  /** Is any field of `mask` (bit k: field k) there and not null? What `fields` would show, without reading it. */
  givesAny(mask: number): boolean {
    const kind = this.live().kind;
    for (let rest = mask; rest !== 0; ) {
      const k = 31 - Math.clz32(rest);
      rest ^= 1 << k;
      const v = kind[this.base + k];
      if (v !== ABSENT && v !== NULL) return true;
    }
    return false;
  }

  /**
   * Feeds field `k`, one whose value is kept as written (no normalization), to `h` as the text
   * asText gives it: a plain string's bytes where they lie, anything else made into its value.
   */
  feedText(h: Hasher, k: number): void {
    const flat = this.live();
    const kind = flat.kind[this.base + k];
    if (kind === PLAIN) h.bytes(flat.bytes, flat.start[this.base + k] as number, flat.end[this.base + k] as number);
    else if (kind === ABSENT || kind === NULL) h.str('');
    else h.str(asText(this.raw(k)) ?? '');
  }

  /**
   * Where the event is grouped (an input-wide dedupe key's part, see dedupe.ts) fed to `h`, from
   * the bytes for the common IDs: not ID-less, the address's key, the key it is held under.
   */
  feedWhere(h: Hasher): void {
    h.str('m');
    if (this.keyEnd >= 0) h.bytes(this.bytes, this.emailStart, this.emailEnd, true).bytes(this.bytes, this.keyStart, this.keyEnd);
    else h.str(this.emailKey).str(this.messageId ?? this.sgMessageId ?? '');
  }

  /** `sgMessageId ?? ''` (a dedupe key's part) fed to `h`. */
  feedSgMessageId(h: Hasher): void {
    if (this.keyEnd >= 0) h.bytes(this.bytes, this.keyStart, this.flat.end[this.base + F_SG_MESSAGE_ID] as number);
    else h.str(this.sgMessageId ?? '');
  }

  /** The `sg_event_id` fed to `h` as it is (plain, nothing to trim); false when it is not that simple. */
  feedEventId(h: Hasher): boolean {
    const flat = this.live();
    const start = flat.start[this.base + F_SG_EVENT_ID] as number;
    const end = flat.end[this.base + F_SG_EVENT_ID] as number;
    if (flat.kind[this.base + F_SG_EVENT_ID] !== PLAIN || end === start || flat.bytes[start] === SPACE || flat.bytes[end - 1] === SPACE) return false;
    h.bytes(flat.bytes, start, end);
    return true;
  }

  /**
   * Feeds the categories as a list of their texts (what dedupe's list hashing gives for the
   * normalized field); false when they are not plain strings.
   */
  feedCategories(h: Hasher): boolean {
    const flat = this.live();
    const kind = flat.kind[this.base + F_CATEGORY];
    const start = flat.start[this.base + F_CATEGORY] as number;
    const end = flat.end[this.base + F_CATEGORY] as number;
    if (kind === PLAIN) {
      h.str('[').bytes(flat.bytes, start, end).str(']');
      return true;
    }
    if (kind !== LIST) return false;
    h.str('[');
    const b = flat.bytes;
    for (let open = nextQuote(b, start, end); open >= 0; ) {
      const close = nextQuote(b, open + 1, end);
      h.bytes(b, open + 1, close);
      open = nextQuote(b, close + 1, end);
    }
    h.str(']');
    return true;
  }

  /**
   * True when every category of the event is in `list` (none counts), so that the list a message
   * has would not change; false when not, or when they are not plain strings (then ask `fields`).
   */
  categoriesWithin(list: readonly string[] | null): boolean {
    const flat = this.live();
    const kind = flat.kind[this.base + F_CATEGORY];
    if (kind === ABSENT || kind === NULL) return true;
    const b = flat.bytes;
    const start = flat.start[this.base + F_CATEGORY] as number;
    const end = flat.end[this.base + F_CATEGORY] as number;
    if (kind === PLAIN) return list !== null && listHas(list, b, start, end);
    if (kind !== LIST) return false;
    for (let open = nextQuote(b, start, end); open >= 0; ) {
      const close = nextQuote(b, open + 1, end);
      if (list === null || !listHas(list, b, open + 1, close)) return false;
      open = nextQuote(b, close + 1, end);
    }
    return true;
  }

  /**
   * The categories as the line writes them, a key for the list they make: a plain string's text
   * after a quote (it holds none itself), a list's text from its `[`. Null for any other value, none,
   * or a text longer than 256 bytes.
   */
  categoryText(): string | null {
    const flat = this.live();
    const k = this.base + F_CATEGORY;
    const kind = flat.kind[k];
    const start = flat.start[k] as number;
    const end = flat.end[k] as number;
    if ((kind !== PLAIN && kind !== LIST) || end - start > 256) return null;
    const text = latin1(flat.bytes, start, end);
    return kind === PLAIN ? `"${text}` : text;
  }

  private raw(k: number): unknown {
    return rawValue(this.live(), this.base + k);
  }

  private live(): FlatObject {
    if (this.flat.generation !== this.generation) throw new Error('a line event was read after its line was let go');
    return this.flat;
  }
}

/**
 * With the common IDs, the length of the message_id at the start of the sg_message_id, found as
 * deriveMessageId finds it; else -1 (the IDs are then made into strings and derived from those).
 * Common: a plain address and sg_message_id with nothing to trim, and either a plain smtp-id
 * `<local@host>` (or `local@host`) whose local part starts the sg_message_id before a dot, or no
 * smtp-id at all (opens and clicks carry none), with a filter marker or a 22-character ID first.
 */
function plainIdsLength(flat: FlatObject, base: number): number {
  if (!plainTrimmed(flat, base + F_EMAIL) || !plainTrimmed(flat, base + F_SG_MESSAGE_ID)) return -1;
  const smtpKind = flat.kind[base + F_SMTP_ID];
  if (smtpKind === ABSENT || smtpKind === NULL) return markedLength(flat, base);
  if (!plainTrimmed(flat, base + F_SMTP_ID)) return -1;
  const b = flat.bytes;
  const sg = flat.start[base + F_SG_MESSAGE_ID] as number;
  const sgEnd = flat.end[base + F_SG_MESSAGE_ID] as number;
  const smtp = flat.start[base + F_SMTP_ID] as number;
  const smtpEnd = flat.end[base + F_SMTP_ID] as number;
  const open = b[smtp] === LESS_THAN ? 1 : 0;
  let at = smtpEnd - 1;
  while (at >= smtp && b[at] !== AT_SIGN) at--;
  const length = at - smtp - open;
  if (at < smtp || length <= 0 || sg + length >= sgEnd || b[sg + length] !== DOT) return -1;
  for (let i = 0; i < length; i++) if (b[sg + i] !== b[smtp + open + i]) return -1;
  return length;
}

const MARKERS = FILTER_MARKERS.map((m) => Buffer.from(m, 'latin1'));

/** deriveMessageId without an smtp-id: the first marker's place, else 22 base64url characters. */
function markedLength(flat: FlatObject, base: number): number {
  const b = flat.bytes;
  const sg = flat.start[base + F_SG_MESSAGE_ID] as number;
  const sgEnd = flat.end[base + F_SG_MESSAGE_ID] as number;
  for (const marker of MARKERS) {
    // Where indexOf would find it first; a marker at the very start does not count.
    const at = indexOfBytes(b, sg, sgEnd, marker);
    if (at > sg) return at - sg;
  }
  if (sgEnd - sg < 23 || b[sg + 22] !== DOT) return -1;
  for (let i = sg; i < sg + 22; i++) {
    const c = b[i] as number;
    // A letter of either case is a capital once bit 5 is cleared.
    const word = isDigit(c) || isCapital(c & 0xdf) || c === UNDERSCORE || c === MINUS;
    if (!word) return -1;
  }
  return 22;
}

/**
 * The next quote in `b[from, end)`, or -1. The items of a LIST are PLAIN strings, without
 * escapes: each runs from a quote to the next.
 */
function nextQuote(b: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) if (b[i] === QUOTE) return i;
  return -1;
}

/** Does `list` hold the text of the ASCII bytes `b[start, end)`? */
function listHas(list: readonly string[], b: Buffer, start: number, end: number): boolean {
  for (const item of list) if (sameText(item, b, start, end)) return true;
  return false;
}

/** Is field `k` a PLAIN string, not empty, with no space at either end (trim() would leave it)? */
function plainTrimmed(flat: FlatObject, s: number): boolean {
  const start = flat.start[s] as number;
  const end = flat.end[s] as number;
  return flat.kind[s] === PLAIN && end > start && flat.bytes[start] !== SPACE && flat.bytes[end - 1] !== SPACE;
}

/** Event names seen, lower-case: the usual ones are found by their bytes, not made again. */
const NAMES: string[] = [];

/** The PLAIN `event` field, lower-cased. */
function eventName(flat: FlatObject, base: number): string {
  const b = flat.bytes;
  const start = flat.start[base + F_EVENT] as number;
  const length = (flat.end[base + F_EVENT] as number) - start;
  for (const name of NAMES) if (sameText(name, b, start, start + length)) return name;
  const text = latin1(b, start, start + length);
  const name = text.toLowerCase();
  if (name === text && NAMES.length < 32) NAMES.push(name);
  return name;
}

/** The JSON value in slot `s` as JSON.parse would give it; undefined when absent. */
function rawValue(flat: FlatObject, s: number): unknown {
  const start = flat.start[s] as number;
  const end = flat.end[s] as number;
  switch (flat.kind[s]) {
    case ABSENT:
      return undefined;
    case NULL:
      return null;
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NUMBER:
      return numberAt(flat.bytes, start, end);
    case PLAIN:
      return latin1(flat.bytes, start, end);
    case STRING:
      return JSON.parse(flat.bytes.toString('utf8', start - 1, end + 1));
    case LIST:
    case NESTED:
      return JSON.parse(flat.bytes.toString('utf8', start, end));
    default:
      return undefined;
  }
}

type Latin1Slice = (this: Buffer, start: number, end: number) => string;
/**
 * Buffer's own latin1Slice, which toString('latin1') calls after checks that cost more than the
 * copy on strings this short. It is not documented: where a Node lacks it, toString is used.
 */
const LATIN1_SLICE = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;

/** Bytes as Latin-1 text (ASCII here). */
function latin1(b: Buffer, start: number, end: number): string {
  return LATIN1_SLICE !== undefined ? LATIN1_SLICE.call(b, start, end) : b.toString('latin1', start, end);
}

/** A JSON number's value: whole numbers of up to 15 digits are summed from their digits. */
function numberAt(b: Buffer, start: number, end: number): number {
  if (end - start > 15) return Number(latin1(b, start, end));
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = (b[i] as number) - DIGIT_0;
    if (d < 0 || d > 9) return Number(latin1(b, start, end));
    n = n * 10 + d;
  }
  return n;
}

const EVENT = Symbol('event');

/** `fields` of a LineEvent: one getter per field name, reading the line when asked. */
class LineFields {
  readonly [EVENT]: LineEvent;
  constructor(e: LineEvent) {
    this[EVENT] = e;
  }
}
for (const [k, name] of FIELD_NAMES.entries()) {
  Object.defineProperty(LineFields.prototype, name, {
    get(this: LineFields) {
      return this[EVENT].field(k);
    },
    enumerable: true,
  });
}
