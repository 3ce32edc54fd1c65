/**
 * Reading SMTP codes out of free text: the three-digit reply code (RFC 5321) and the enhanced
 * status code `class.subject.detail` (RFC 3463). Bounce texts quote IP addresses, dates, version
 * strings and bracketed provider codes (`[416]`), so both finders insist on the boundaries a real
 * code has. The boundaries are characters matched around the code, not lookarounds: the same
 * patterns run as SQL (src/sql), and RE2 (DuckDB) has none. Only the captured code is used.
 */

/** `4.7.0`, `5.1.10`, `5.7.606`, not `192.0.2.1`, `4.16.55.1` or `v1.2.3`. */
export const ENHANCED = /(?:^|[^\w.])([245])\.(\d{1,3})\.(\d{1,3})(?:$|[^\w.]|\.$|\.\D)/;

/**
 * A reply code where SMTP puts one: at the start, after a separator or a quote, followed by a
 * space, `-` (multi-line replies), `:`, `,`, or the end. The second digit of a real code is 0–5.
 */
export const REPLY = /(?:^|[\s'"(:;<>=#])([245][0-5]\d)(?:[\s\-:,.'")<]|$)/;

/** An enhanced status code right after the reply code: `550 5.1.1`, `550-5.7.1`, `554:5.0.0`. */
export const REPLY_WITH_ENHANCED = /(?:^|[\s'"(:;<>=#])([245][0-5]\d)[\s\-:]+#?[245]\.\d{1,3}\.\d{1,3}(?:$|\.$|\.\D|[^.\d])/;

/** The first enhanced status code in the text, or null. */
export function findEnhancedStatus(text: string): string | null {
  const m = ENHANCED.exec(text);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/**
 * The reply code of the text: one followed by an enhanced code wins (it is certainly a reply);
 * otherwise the first code in a reply position.
 */
export function findReplyCode(text: string): string | null {
  const paired = REPLY_WITH_ENHANCED.exec(text);
  if (paired) return paired[1] ?? null;
  const m = REPLY.exec(text);
  return m ? (m[1] ?? null) : null;
}

/** An event's `status` field that is an enhanced status code, spaces around it allowed. */
export const STATUS_FIELD = /^\s*#?([245])\.(\d{1,3})\.(\d{1,3})\s*$/;

/** A usable enhanced status code from an event's `status` field (trimmed), else null. */
export function parseStatus(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const m = STATUS_FIELD.exec(value);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** 5: permanent, 4: transient, anything else: unknown. The enhanced status decides first. */
export function permanenceOf(status: string | null, replyCode: string | null): boolean | null {
  const digit = status?.[0] ?? replyCode?.[0];
  if (digit === '5') return true;
  if (digit === '4') return false;
  return null;
}
