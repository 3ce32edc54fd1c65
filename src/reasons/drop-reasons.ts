/**
 * SendGrid's documented reasons for `dropped` events (the address is on a suppression list, or
 * the send request itself was refused, so the mail never left SendGrid), each with the kind of
 * advice it calls for. Keys are lower case.
 */
export const DROP_KINDS = ['on-bounce-list', 'unsubscribed', 'spam-reporter', 'malformed', 'smtpapi-header', 'spam-content', 'over-quota'] as const;

export type DropKind = (typeof DROP_KINDS)[number];

const DROP_REASONS: Readonly<Record<string, DropKind>> = {
  'bounced address': 'on-bounce-list',
  bounced: 'on-bounce-list', // an older spelling
  'unsubscribed address': 'unsubscribed',
  'spam reporting address': 'spam-reporter',
  invalid: 'malformed',
  'invalid address': 'malformed',
  'invalid smtpapi header': 'smtpapi-header',
  'spam content': 'spam-content',
  'recipient list over package quota': 'over-quota',
};

/** What to do about each kind of drop (the `hint` of JSON output; renderers have their own words). */
export const DROP_HINTS = {
  'on-bounce-list': 'An earlier bounce put the address on the bounce list; remove it there only if that bounce was a forward or a temporary fault.',
  unsubscribed: 'The recipient unsubscribed: do not mail them unless they opt in again.',
  'spam-reporter': 'The recipient reported your mail as spam: do not mail them again.',
  malformed: 'SendGrid considers the address malformed: fix or remove it.',
  'smtpapi-header': 'Fix the X-SMTPAPI header of the send request.',
  'spam-content': "SendGrid's spam checker flagged the content: review it before resending.",
  'over-quota': "The plan's recipient quota was exceeded: upgrade the plan or trim the list.",
} as const satisfies Record<DropKind, string>;

/** The kind of a drop reason, or null when the text is not one of SendGrid's drop reasons. */
export function dropReasonKind(text: string): DropKind | null {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(DROP_REASONS, key) ? (DROP_REASONS[key] ?? null) : null;
}

/** SendGrid's drop reason for a malformed address (`Invalid`, newer `Invalid Address`): the address is bad. */
export function isMalformedAddressDrop(text: string): boolean {
  return dropReasonKind(text) === 'malformed';
}

/** The drop reasons (lower case), and those that say the address is malformed. */
export const DROP_REASON_KEYS: readonly string[] = Object.keys(DROP_REASONS);
export const MALFORMED_DROP_KEYS: readonly string[] = DROP_REASON_KEYS.filter((k) => DROP_REASONS[k] === 'malformed');
