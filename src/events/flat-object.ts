import { sameBytes } from '../common/bytes.js';
import type { LentBuffer } from '../common/wasm.js';
import { WasmFlatReader, type Slots } from './flat-object-wasm-reader.js';
import {
  BACKSLASH,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DIGIT_0,
  DOT,
  isDigit,
  LOWER_E,
  LOWER_U,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  SLASH,
  SPACE,
  TAB,
  UPPER_E,
} from '../common/chars.js';

/**
 * The byte reader of the lean path (docs/rules.md#input-framings, "one object per line"): a line
 * that is one flat JSON object is read where it lies, without decoding it to a string or making an
 * object of it. Only where the fields that grouping reads lie is noted; their values become
 * strings later, if at all (see LineEvent).
 *
 * An array of such objects on one line (a POST body) is read the same way, each object in turn.
 *
 * It accepts exactly what JSON.parse accepts, or less: anything it does not take (a key written
 * with an escape, nesting deeper than MAX_NESTING, broken JSON) makes it answer false, and the line goes the general way (the framing scanner). So what it reads, it
 * reads as JSON.parse would: a key given twice keeps its last value.
 */

/** The fields grouping, duplicates and the report read, by number. */
export const FIELD_NAMES = [
  'event',
  'email',
  'timestamp',
  'sg_event_id',
  'sg_message_id',
  'smtp-id',
  'type',
  'reason',
  'response',
  'url',
  'attempt',
  'category',
  'sg_machine_open',
  'useragent',
  'ip',
  'status',
  'bounce_classification',
  'asm_group_id',
  'marketing_campaign_name',
  'singlesend_name',
  'template_id',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const F_EVENT = 0;
export const F_EMAIL = 1;
export const F_TIMESTAMP = 2;
export const F_SG_EVENT_ID = 3;
export const F_SG_MESSAGE_ID = 4;
export const F_SMTP_ID = 5;
export const F_TYPE = 6;
export const F_REASON = 7;
export const F_RESPONSE = 8;
export const F_URL = 9;
export const F_ATTEMPT = 10;
export const F_CATEGORY = 11;
export const F_SG_MACHINE_OPEN = 12;
export const F_USERAGENT = 13;
export const F_IP = 14;
export const F_ASM_GROUP_ID = 17;
export const F_MARKETING_CAMPAIGN_NAME = 18;
export const F_SINGLESEND_NAME = 19;
export const F_TEMPLATE_ID = 20;

// What a field's value is.
export const ABSENT = 0;
export const NULL = 1;
export const TRUE = 2;
export const FALSE = 3;
export const NUMBER = 4;
/** A string of ASCII without escapes: its bytes are its characters. */
export const PLAIN = 5;
/** Any other string (escapes, other scripts): decoded when its value is needed. */
export const STRING = 6;
/** An array of PLAIN strings (categories): read item by item. */
export const LIST = 7;
/** Any other array or object: parsed when its value is needed. */
export const NESTED = 8;

/**
 * Deepest nesting read here; deeper lines go the general way. (Far below MAX_JSON_DEPTH: a value
 * the general path would refuse as too deep must never be read here.)
 */
const MAX_NESTING = 16;

/**
 * The bytes of each field name, and a small table from a name's length, first and last byte (no
 * two names share all three) to its number; the bytes are compared on a hit.
 */
const NAME_BYTES = FIELD_NAMES.map((name) => Buffer.from(name, 'latin1'));
const TABLE_MASK = 127;
const NAME_TABLE = new Int8Array(TABLE_MASK + 1).fill(-1);

function nameSlot(length: number, first: number, last: number): number {
  return (length * 7 + first * 3 + last) & TABLE_MASK;
}
for (const [field, bytes] of NAME_BYTES.entries()) {
  let slot = nameSlot(bytes.length, bytes[0] as number, bytes[bytes.length - 1] as number);
  while (NAME_TABLE[slot] !== -1) slot = (slot + 1) & TABLE_MASK;
  NAME_TABLE[slot] = field;
}

/** Is `c` one of the characters that may follow a backslash (other than `u`)? */
function isSimpleEscape(c: number): boolean {
  // " \ / b f n r t
  return c === QUOTE || c === BACKSLASH || c === SLASH || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Fields noted per object: object `o`'s field `k` is slot `o * FIELDS + k` below. */
export const FIELDS = FIELD_NAMES.length;
/** Most objects in one array line (a POST body) read here; a larger body goes the general way. */
const MAX_OBJECTS = 10_000;

let wasmReader: WasmFlatReader | null | undefined;

/** The WebAssembly reader, made on first use; null where it cannot run. */
function wasm(): WasmFlatReader | null {
  if (wasmReader === undefined) wasmReader = WasmFlatReader.load({ table: NAME_TABLE, names: NAME_BYTES, listField: F_CATEGORY });
  return wasmReader;
}

/**
 * A buffer for one input's reads where the WebAssembly reader reads lines (see
 * WasmFlatReader.lend), or undefined.
 */
export function lendFlatReadBuffer(size: number): LentBuffer | undefined {
  return wasm()?.lend(size);
}

export class FlatObject {
  /** The bytes read last; the positions below point into them. */
  bytes: Buffer = Buffer.alloc(0);
  /** Counts lines read and events let go: a reader holding an older number is stale (LineEvent). */
  generation = 0;
  /** Objects the line held: 1 for an object, the number of elements for an array of objects. */
  count = 0;
  /** The line was an array (a POST body), not one object. */
  isArray = false;
  /** The JavaScript reader's slots (the five arrays below are these, or the WebAssembly reader's). */
  private own: Slots = { kind: new Uint8Array(FIELDS), start: new Int32Array(FIELDS), end: new Int32Array(FIELDS), objectStart: new Int32Array(1), objectEnd: new Int32Array(1) };
  /** Each slot's kind of value. */
  kind = this.own.kind;
  /** A string's first byte after its quote, a number's first byte, a list's `[`. */
  start = this.own.start;
  /** A string's closing quote, the byte after a number or a list. */
  end = this.own.end;
  /** Where each object starts (its `{`) and ends (after its `}`). */
  objectStart = this.own.objectStart;
  objectEnd = this.own.objectEnd;
  /** Where the string scanned last ends (its closing quote), and whether it was PLAIN. */
  private stringEnd = 0;
  private stringPlain = true;
  /** Whether the list scanned last held only PLAIN strings. */
  private listPlain = true;

  /**
   * Reads `bytes[start, end)` as one JSON object, or as an array of one or more objects (a POST
   * body on one line); blanks around it are allowed. False when it is anything else (the caller
   * reads it the general way): then what this holds means nothing.
   */
  read(bytes: Buffer, start: number, end: number): boolean {
    this.bytes = bytes;
    this.generation++;
    this.count = 0;
    const w = wasm();
    if (w !== null && w.holds(bytes, end)) {
      // The WebAssembly reader's slots are one set for the process: the events of the reader
      // that used them before read from them no more (they throw, see LineEvent).
      w.takenBy(this);
      const count = w.read(bytes, start, end);
      if (count !== 0) {
        this.use(w.slots);
        if (count < 0) return false;
        this.count = count;
        this.isArray = w.isArray;
        return true;
      }
    }
    this.use(this.own);
    const b = bytes;
    let i = skipBlanks(b, start, end);
    this.isArray = i < end && b[i] === OPEN_BRACKET;
    if (this.isArray) {
      i = skipBlanks(b, i + 1, end);
      for (;;) {
        if (this.count === MAX_OBJECTS) return false;
        i = this.object(b, i, end, this.count++);
        if (i < 0) return false;
        i = skipBlanks(b, i, end);
        if (i >= end) return false;
        if (b[i] === CLOSE_BRACKET) return skipBlanks(b, i + 1, end) === end;
        if (b[i] !== COMMA) return false;
        i = skipBlanks(b, i + 1, end);
      }
    }
    i = this.object(b, i, end, this.count++);
    return i >= 0 && skipBlanks(b, i, end) === end;
  }

  /** Reads the object at `i` as object number `o`; returns the index after its `}`, or -1. */
  private object(b: Buffer, i: number, end: number, o: number): number {
    const base = o * FIELDS;
    if (o >= this.objectStart.length) this.grow();
    this.kind.fill(ABSENT, base, base + FIELDS);
    if (i >= end || b[i] !== OPEN_BRACE) return -1;
    this.objectStart[o] = i;
    i = skipBlanks(b, i + 1, end);
    if (i < end && b[i] === CLOSE_BRACE) return (this.objectEnd[o] = i + 1);
    for (;;) {
      if (i >= end || b[i] !== QUOTE) return -1;
      // The key: one with an escape or outside ASCII is not read here.
      const keyStart = i + 1;
      i = keyStart;
      for (;;) {
        if (i >= end) return -1;
        const c = b[i] as number;
        if (c === QUOTE) break;
        if (c === BACKSLASH || c < SPACE || c >= 0x80) return -1;
        i++;
      }
      const field = i > keyStart ? fieldOf(b, keyStart, i - keyStart) : -1;
      i = skipBlanks(b, i + 1, end);
      if (i >= end || b[i] !== COLON) return -1;
      i = skipBlanks(b, i + 1, end);
      if (i >= end) return -1;
      i = this.value(b, i, end, field < 0 ? -1 : base + field, field === F_CATEGORY);
      if (i < 0) return -1;
      i = skipBlanks(b, i, end);
      if (i >= end) return -1;
      const c = b[i];
      if (c === CLOSE_BRACE) return (this.objectEnd[o] = i + 1);
      if (c !== COMMA) return -1;
      i = skipBlanks(b, i + 1, end);
    }
  }

  /**
   * The events made of what was read are done with: reading them from here on throws (see
   * LineEvent). What was noted stays, for the line's other objects.
   */
  letGo(): void {
    this.generation++;
  }

  /** Room for twice as many objects. */
  private grow(): void {
    const objects = this.objectStart.length * 2;
    const kind = new Uint8Array(objects * FIELDS);
    const start = new Int32Array(kind.length);
    const end = new Int32Array(kind.length);
    kind.set(this.kind);
    start.set(this.start);
    end.set(this.end);
    const objectStart = new Int32Array(objects);
    const objectEnd = new Int32Array(objects);
    objectStart.set(this.objectStart);
    objectEnd.set(this.objectEnd);
    this.own = { kind, start, end, objectStart, objectEnd };
    this.use(this.own);
  }

  /** Notes the fields in `slots` from here on (the JavaScript reader's own, or the WebAssembly reader's). */
  private use(slots: Slots): void {
    this.kind = slots.kind;
    this.start = slots.start;
    this.end = slots.end;
    this.objectStart = slots.objectStart;
    this.objectEnd = slots.objectEnd;
  }

  /**
   * Reads the value at `i` into `slot` (or nowhere: -1); `list`: a list of strings is read item by
   * item later (categories). Returns the index after the value, or -1.
   */
  private value(b: Buffer, i: number, end: number, slot: number, list: boolean): number {
    const c = b[i] as number;
    let kind: number;
    let from = i;
    let to: number;
    if (c === QUOTE) {
      if (!this.string(b, i + 1, end)) return -1;
      from = i + 1;
      to = this.stringEnd;
      kind = this.stringPlain ? PLAIN : STRING;
      i = to + 1;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      // Categories are most often a list of strings, read item by item later; anything else
      // nested is only checked here, and parsed if ever read.
      const listEnd = list && c === OPEN_BRACKET ? this.list(b, i, end) : -1;
      i = listEnd >= 0 ? listEnd : this.nested(b, i, end, 1);
      if (i < 0) return -1;
      kind = listEnd >= 0 && this.listPlain ? LIST : NESTED;
      to = i;
    } else if (c === MINUS || isDigit(c)) {
      i = number(b, i, end);
      if (i < 0) return -1;
      kind = NUMBER;
      to = i;
    } else {
      kind = literal(b, i, end);
      if (kind < 0) return -1;
      i += kind === FALSE ? 5 : 4;
      to = i;
    }
    if (slot >= 0) {
      this.kind[slot] = kind;
      this.start[slot] = from;
      this.end[slot] = to;
    }
    return i;
  }

  /**
   * Scans a string from just after its quote; sets stringEnd and stringPlain. The loop has no
   * bound check: it stops at a quote, at a byte below a space (a newline ends every line) or past
   * the buffer (undefined), and a string that did not close before `end` is refused after it.
   */
  private string(b: Buffer, i: number, end: number): boolean {
    let bits = 0;
    for (;;) {
      const c = b[i] as number;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (i + 1 >= end) return false;
        bits = 0x80;
        const e = b[i + 1] as number;
        if (e === LOWER_U) {
          if (i + 5 >= end) return false;
          for (let k = i + 2; k < i + 6; k++) if (!isHex(b[k] as number)) return false;
          i += 6;
        } else if (isSimpleEscape(e)) {
          i += 2;
        } else {
          return false;
        }
        continue;
      }
      // Below a space: a control character, or the newline (or nothing) that ends the line.
      if (!(c >= SPACE)) return false;
      bits |= c;
      i++;
    }
    if (i >= end) return false;
    this.stringEnd = i;
    this.stringPlain = bits < 0x80;
    return true;
  }

  /** Any array or object from its opener, `depth` deep; returns the index after its closer, or -1. */
  private nested(b: Buffer, i: number, end: number, depth: number): number {
    if (depth > MAX_NESTING) return -1;
    const isObject = b[i] === OPEN_BRACE;
    const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
    i = skipBlanks(b, i + 1, end);
    if (i < end && b[i] === close) return i + 1;
    for (;;) {
      if (isObject) {
        if (i >= end || b[i] !== QUOTE || !this.string(b, i + 1, end)) return -1;
        i = skipBlanks(b, this.stringEnd + 1, end);
        if (i >= end || b[i] !== COLON) return -1;
        i = skipBlanks(b, i + 1, end);
        if (i >= end) return -1;
      }
      const c = b[i] as number;
      if (c === QUOTE) {
        if (!this.string(b, i + 1, end)) return -1;
        i = this.stringEnd + 1;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        i = this.nested(b, i, end, depth + 1);
      } else if (c === MINUS || isDigit(c)) {
        i = number(b, i, end);
      } else {
        const kind = literal(b, i, end);
        i = kind < 0 ? -1 : i + (kind === FALSE ? 5 : 4);
      }
      if (i < 0) return -1;
      i = skipBlanks(b, i, end);
      if (i >= end) return -1;
      if (b[i] === close) return i + 1;
      if (b[i] !== COMMA) return -1;
      i = skipBlanks(b, i + 1, end);
    }
  }

  /** A list of strings from its `[`; returns the index after its `]`, or -1. */
  private list(b: Buffer, i: number, end: number): number {
    this.listPlain = true;
    i = skipBlanks(b, i + 1, end);
    if (i < end && b[i] === CLOSE_BRACKET) return i + 1;
    for (;;) {
      if (i >= end || b[i] !== QUOTE || !this.string(b, i + 1, end)) return -1;
      if (!this.stringPlain) this.listPlain = false;
      i = skipBlanks(b, this.stringEnd + 1, end);
      if (i >= end) return -1;
      if (b[i] === CLOSE_BRACKET) return i + 1;
      if (b[i] !== COMMA) return -1;
      i = skipBlanks(b, i + 1, end);
    }
  }
}

/** The field the key `b[start, start + length)` names, or -1 for a field nobody here reads. */
function fieldOf(b: Buffer, start: number, length: number): number {
  let slot = nameSlot(length, b[start] as number, b[start + length - 1] as number);
  for (;;) {
    const field = NAME_TABLE[slot] as number;
    if (field < 0) return -1;
    const name = NAME_BYTES[field] as Buffer;
    if (name.length === length && sameBytes(b, start, name)) return field;
    slot = (slot + 1) & TABLE_MASK;
  }
}

function skipBlanks(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== SPACE && c !== TAB && c !== CARRIAGE_RETURN) break;
    i++;
  }
  return i;
}

/** A JSON number from `i`; the index after it, or -1 when it is not one. */
function number(b: Buffer, i: number, end: number): number {
  if (b[i] === MINUS) i++;
  if (i >= end) return -1;
  if (b[i] === DIGIT_0) {
    i++;
  } else if (isDigit(b[i] as number)) {
    while (i < end && isDigit(b[i] as number)) i++;
  } else {
    return -1;
  }
  if (i < end && b[i] === DOT) {
    i++;
    if (i >= end || !isDigit(b[i] as number)) return -1;
    while (i < end && isDigit(b[i] as number)) i++;
  }
  if (i < end && (b[i] === LOWER_E || b[i] === UPPER_E)) {
    i++;
    if (i < end && (b[i] === PLUS || b[i] === MINUS)) i++;
    if (i >= end || !isDigit(b[i] as number)) return -1;
    while (i < end && isDigit(b[i] as number)) i++;
  }
  return i;
}

const LITERALS: [Buffer, number][] = [
  [Buffer.from('true'), TRUE],
  [Buffer.from('false'), FALSE],
  [Buffer.from('null'), NULL],
];

/** TRUE, FALSE or NULL for the literal at `i`, or -1. */
function literal(b: Buffer, i: number, end: number): number {
  for (const [word, kind] of LITERALS) {
    if (i + word.length <= end && sameBytes(b, i, word)) return kind;
  }
  return -1;
}
