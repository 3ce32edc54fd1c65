import { OPEN_BRACE, OPEN_BRACKET, SPACE, TAB } from '../common/chars.js';
import { nestsDeeper } from '../common/json-depth.js';
import { MAX_JSON_DEPTH } from '../common/limits.js';
import type { JsonObject } from './types.js';

/**
 * Finding SendGrid events inside whatever JSON value a log line held (docs/rules.md#recognising-events): the event
 * itself, a webhook POST body (an array), or a structured-logger record whose field holds either
 * of those — possibly as a string of JSON (a logged raw body).
 */

/** A SendGrid event: an object with a string `event` and an `email`, `sg_event_id` or `sg_message_id`. */
export function isSendGridEvent(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as JsonObject;
  if (typeof o['event'] !== 'string') return false;
  return present(o['email']) || present(o['sg_event_id']) || present(o['sg_message_id']);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** How deep into logger records and nested bodies we look for events. */
const MAX_DEPTH = 6;
const LOGGER_TIME_KEYS = ['time', 'timestamp', '@timestamp', 'ts'] as const;

export interface Found {
  event(obj: JsonObject, contextTime: unknown): void;
  /** A value (or array element) with no event in it. */
  nonEvent(): void;
}

/**
 * Walks `value` and reports every event in it; `contextTime` is the time of the enclosing logger
 * record, if any (raw, to be normalized like a timestamp). Returns the number of events found.
 */
export function collectEvents(value: unknown, found: Found, contextTime: unknown = undefined): number {
  if (!Array.isArray(value)) {
    const n = walk(value, found, contextTime, 0);
    if (n === 0) found.nonEvent();
    return n;
  }
  // A POST body: each stray non-event object in it is skipped input, counted once; a body with
  // no object at all (`[]`) is one value holding no event. (Counting the body as well as its
  // strays would make the count depend on whether the body was pretty-printed.)
  let total = 0;
  let strays = 0;
  for (const item of value) {
    const n = collectElement(item, found, contextTime);
    if (n === 0 && item !== null && typeof item === 'object') strays++;
    total += n;
  }
  if (total === 0 && strays === 0) found.nonEvent();
  return total;
}

/** One element of a POST body (see collectEvents): its events, or a stray object counted once. */
export function collectElement(item: unknown, found: Found, contextTime: unknown): number {
  const n = walk(item, found, contextTime, 1);
  if (n === 0 && item !== null && typeof item === 'object') found.nonEvent();
  return n;
}

function walk(value: unknown, found: Found, contextTime: unknown, depth: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) {
    // Arrays nested without end (`[[[[...`) would otherwise overflow the stack.
    if (depth > MAX_DEPTH) return 0;
    let total = 0;
    for (const item of value) total += walk(item, found, contextTime, depth + 1);
    return total;
  }
  if (isSendGridEvent(value)) {
    found.event(value, contextTime);
    return 1;
  }
  if (depth >= MAX_DEPTH) return 0;
  const record = value as JsonObject;
  let time = contextTime;
  for (const key of LOGGER_TIME_KEYS) {
    if (Object.hasOwn(record, key) && present(record[key])) {
      time = record[key];
      break;
    }
  }
  let total = 0;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (typeof field === 'string') {
      total += walkJsonString(field, found, time, depth);
    } else if (field !== null && typeof field === 'object') {
      total += walk(field, found, time, depth + 1);
    }
  }
  return total;
}

/** A logger field holding a raw body as a string: parse it when it looks like JSON. */
function walkJsonString(s: string, found: Found, time: unknown, depth: number): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === SPACE || s.charCodeAt(i) === TAB)) i++;
  const c = s.charCodeAt(i);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) return 0;
  // An event parsed from a string is printed again as JSON: nesting too deep for that is no event.
  if (nestsDeeper(s, i, MAX_JSON_DEPTH)) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return 0;
  }
  return walk(parsed, found, time, depth + 1);
}
