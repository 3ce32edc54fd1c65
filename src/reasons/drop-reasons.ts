/**
 * SendGrid's documented reasons for `dropped` events (the address is on a suppression list, or
 * the send request itself was refused, so the mail never left SendGrid), each with what the
 * sender should do. Keys are lower case.
 */
const ON_BOUNCE_LIST =
  'An earlier bounce put the address on the bounce list; remove it there only if that bounce was a forward or a temporary fault.';

const MALFORMED = 'SendGrid considers the address malformed: fix or remove it.';

const DROP_REASONS: Readonly<Record<string, string>> = {
  'bounced address': ON_BOUNCE_LIST,
  bounced: ON_BOUNCE_LIST, // an older spelling
  'unsubscribed address': 'The recipient unsubscribed: do not mail them unless they opt in again.',
  'spam reporting address': 'The recipient reported your mail as spam: do not mail them again.',
  invalid: MALFORMED,
  'invalid address': MALFORMED,
  'invalid smtpapi header': 'Fix the X-SMTPAPI header of the send request.',
  'spam content': "SendGrid's spam checker flagged the content: review it before resending.",
  'recipient list over package quota': "The plan's recipient quota was exceeded: upgrade the plan or trim the list.",
};

/** What to do about a drop reason, or null when the text is not one of SendGrid's drop reasons. */
export function dropReasonHint(text: string): string | null {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(DROP_REASONS, key) ? (DROP_REASONS[key] ?? null) : null;
}

/** SendGrid's drop reason for a malformed address (`Invalid`, newer `Invalid Address`): the address is bad. */
export function isMalformedAddressDrop(text: string): boolean {
  return dropReasonHint(text) === MALFORMED;
}

/** The drop reasons (lower case), and those that say the address is malformed. */
export const DROP_REASON_KEYS: readonly string[] = Object.keys(DROP_REASONS);
export const MALFORMED_DROP_KEYS: readonly string[] = DROP_REASON_KEYS.filter((k) => DROP_REASONS[k] === MALFORMED);
