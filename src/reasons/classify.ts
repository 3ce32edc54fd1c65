import { dropReasonKind, isMalformedAddressDrop } from './drop-reasons.js';
import { hintFor } from './hints.js';
import { findEnhancedStatus, findReplyCode, parseStatus, permanenceOf } from './smtp-codes.js';
import { scanWindow } from './scan-window.js';
import { refusalStage } from './smtp-stage.js';
import { classFromReplyCode, classFromStatus } from './status-classes.js';
import { TEXT_RULES } from './text-rules.js';
import type { ReasonClass, ReasonInfo, ReasonInput } from './types.js';

/**
 * Classes that say the address itself does not work. Only a permanent reply of such a class makes
 * an address hard (docs/rules.md#hardness): a 4xx "user unknown" may be a directory that is down.
 */
export const ADDRESS_CLASSES: ReadonlySet<ReasonClass> = new Set(['user-unknown', 'domain-invalid']);

/** Classes about the recipient's address or mailbox: wrong when the sender was what was refused. */
export const RECIPIENT_CLASSES: ReadonlySet<ReasonClass> = new Set([
  'user-unknown',
  'domain-invalid',
  'mailbox-disabled',
  'mailbox-full',
]);

export const RECIPIENT_REJECTED = /recipient address rejected:\s*(\S.*)/;

/**
 * Classify one bounce, block, deferral or drop reason from its text, the event's `status` and,
 * for drops, the event name. Pure, and cheap enough to run per event (see classOf for the order).
 */
export function classifyReason(input: ReasonInput): ReasonInfo {
  const text = scanWindow(input.text);
  const status = parseStatus(input.status) ?? findEnhancedStatus(text);
  const reply_code = findReplyCode(text);
  const permanent = permanenceOf(status, reply_code);
  const reason_class =
    input.event === 'dropped' || dropReasonKind(text) !== null ? 'suppressed' : classOf(text.toLowerCase(), status, reply_code);
  return {
    reason_class,
    permanent,
    hard: reason_class === 'suppressed' ? isMalformedAddressDrop(text) : permanent === true && ADDRESS_CLASSES.has(reason_class),
    status,
    reply_code,
    hint: hintFor(reason_class, permanent, text),
  };
}

/**
 * A specific wording rule decides; otherwise the enhanced status code; otherwise a generic
 * refusal ("rejected", "try later"); otherwise the bare reply code. When no specific wording
 * decided, a refusal at connection time is about the sending IP and one at MAIL FROM about the
 * sender, and so is a "no such user" at MAIL FROM.
 */
function classOf(lower: string, status: string | null, replyCode: string | null): ReasonClass {
  // "Recipient address rejected: <why>": the why decides (greylisting, a policy block, a check
  // in progress); the bare words only say the address was refused.
  const why = RECIPIENT_REJECTED.exec(lower)?.[1];
  const stated = why === undefined ? undefined : TEXT_RULES.find((r) => r.generic !== true && r.re.test(why));
  if (stated !== undefined) return stated.cls;
  const matched = TEXT_RULES.find((r) => r.re.test(lower));
  const specific = matched !== undefined && matched.generic !== true ? matched.cls : null;
  const found =
    specific ??
    (status ? classFromStatus(status) : null) ??
    matched?.cls ??
    (replyCode ? classFromReplyCode(replyCode) : null);
  const undecided = specific === null;
  if (undecided || (found !== null && RECIPIENT_CLASSES.has(found))) {
    const stage = refusalStage(lower);
    if (stage === 'connect' && undecided) return 'blocklisted';
    if (stage === 'mail-from') return 'sender-rejected';
  }
  return found ?? 'unknown';
}
