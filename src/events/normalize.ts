import { deriveMessageId } from './message-id.js';
import { toUnixSeconds } from './timestamp.js';
import { NO_COPIES, type JsonObject, type SgEvent } from './types.js';

export interface EventOrigin {
  file: string;
  line: number;
  seq: number;
  /** Time at the start of the log line, or of the enclosing logger record (raw). */
  contextTime: unknown;
}

/** A numeric string, spaces around it allowed: `attempt` and `tls` become numbers. */
export const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

export function asNumber(v: unknown): unknown {
  if (typeof v === 'string' && NUMERIC_TEXT.test(v)) return Number(v);
  return v;
}

export function asBoolean(v: unknown): unknown {
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return v;
}

export function nonEmptyString(v: unknown): string | null {
  if (typeof v === 'string') {
    const s = v.trim();
    return s.length > 0 ? s : null;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Categories as a list of strings: one string becomes a list of it. */
export function normalCategory(category: unknown): unknown {
  if (typeof category === 'string') return [category];
  if (Array.isArray(category) && !category.every((c) => typeof c === 'string')) {
    // JSON.stringify, not String(): an object from a log can carry a `toString` that is no function.
    return category.filter((c) => c !== null && c !== undefined).map((c) => (typeof c === 'string' ? c : JSON.stringify(c)));
  }
  return category;
}

/**
 * Normalizes an event object in place (docs/rules.md#normalization) and returns its typed view. Unknown
 * fields (custom args) are kept untouched; only the documented fields change representation.
 */
export function normalizeEvent(fields: JsonObject, origin: EventOrigin): SgEvent {
  let timestamp = toUnixSeconds(fields['timestamp']);
  if (timestamp === null) timestamp = toUnixSeconds(origin.contextTime);
  fields['timestamp'] = timestamp;

  const category = normalCategory(fields['category']);
  if (category !== fields['category']) fields['category'] = category;

  const sgMessageId = nonEmptyString(fields['sg_message_id']);
  if (sgMessageId === null) delete fields['sg_message_id'];
  const smtpId = nonEmptyString(fields['smtp-id']);
  if (smtpId === null && fields['smtp-id'] === '') delete fields['smtp-id'];

  if ('attempt' in fields) fields['attempt'] = asNumber(fields['attempt']);
  if ('tls' in fields) fields['tls'] = asNumber(fields['tls']);
  if ('sg_machine_open' in fields) fields['sg_machine_open'] = asBoolean(fields['sg_machine_open']);

  // Event names are read case-insensitively (the reference itself shows `"Processed"`).
  const event = String(fields['event']);
  const name = event.toLowerCase();
  if (name !== event) fields['event'] = name;

  const email = nonEmptyString(fields['email']);
  if (email !== null) fields['email'] = email;
  const sgEventId = nonEmptyString(fields['sg_event_id']);
  const messageId = deriveMessageId(sgMessageId, smtpId);

  return {
    fields,
    event: name,
    email,
    emailKey: email === null ? null : email.toLowerCase(),
    timestamp,
    messageId,
    sgMessageId,
    sgEventId,
    idless: messageId === null && sgMessageId === null && smtpId === null && !fields['ip'],
    file: origin.file,
    line: origin.line,
    seq: origin.seq,
    copies: NO_COPIES,
  };
}
