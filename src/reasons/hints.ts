import { DROP_HINTS, dropReasonKind, type DropKind } from './drop-reasons.js';
import type { ReasonClass } from './types.js';

/** A short human label per class: renderers turn a class into words through this table. */
export const REASON_CLASS_DESCRIPTIONS = {
  'user-unknown': 'the mailbox does not exist',
  'domain-invalid': 'the recipient domain does not exist or takes no mail',
  'mailbox-disabled': 'the mailbox exists but is disabled or inactive',
  'mailbox-full': 'the mailbox is full',
  'message-too-large': 'the message is larger than the receiver accepts',
  'content-rejected': 'the content was refused (attachment, malware or format)',
  'spam-content': 'the message was judged to be spam',
  blocklisted: 'the sending IP or domain is on a blocklist',
  reputation: "the receiver distrusts the sender's reputation or complaint rate",
  'rate-limited': 'the receiver limits how fast it accepts mail from the sender',
  'auth-failure': 'SPF, DKIM or DMARC authentication failed',
  'sender-config': 'the sending setup was refused (reverse DNS, relaying, HELO, TLS)',
  'sender-rejected': 'the receiver refused the sender address or domain',
  policy: "refused by the receiver's local policy",
  expired: 'delivery was retried until the retry period ran out',
  'network-error': 'the receiving server could not be reached (DNS, connection, TLS)',
  'remote-error': 'the receiving server failed internally',
  unknown: 'the reason could not be classified',
  suppressed: 'SendGrid dropped it without sending: a suppression list or an invalid request',
} as const satisfies Record<ReasonClass, string>;

const HINTS = {
  'user-unknown': 'Remove the address from your list: it will bounce again (check it for typos if it came from a form).',
  'domain-invalid': 'Check the domain for typos; if it is spelt right it takes no mail, so remove the address.',
  'mailbox-disabled': 'Stop sending to this address and ask the recipient for a current one.',
  'mailbox-full': 'The address is fine: resend later or reach the recipient another way; suppress it only if it stays full for weeks.',
  'message-too-large': 'Send a smaller message: link to large files instead of attaching them.',
  'content-rejected': 'Change or remove the attachment or content the receiver refused, then resend.',
  'spam-content': 'Review the content, links and list hygiene for spam signals before resending.',
  blocklisted: 'Look the sending IP or domain up on the named blocklist and request removal (on shared SendGrid IPs, ask SendGrid support).',
  reputation: "Slow down to this provider, mail only engaged recipients, and check the provider's postmaster tools.",
  'rate-limited': 'Send more slowly to this provider: SendGrid retries deferrals for up to 72 hours, a bounce needs a resend later.',
  'auth-failure': 'Authenticate your sending domain in SendGrid (SPF and DKIM) so that DMARC passes for your From domain.',
  'sender-config': 'Fix the sending setup the reply names (reverse DNS of the IP, relay or TLS settings) before resending.',
  'sender-rejected': 'Send from an existing address on an authenticated domain that this recipient accepts (for lists: be a member).',
  policy: "Ask the recipient to allow your sender, or contact the receiving domain's postmaster with the reply text.",
  expired: 'SendGrid stopped retrying; the address may be fine, so check the receiving servers and resend later.',
  'network-error': 'Usually temporary and retried by SendGrid; if it persists, the recipient domain has broken DNS or mail servers.',
  'remote-error': 'A fault on the receiving side, not in the address: resend later.',
  unknown: 'Read the full reply text: no rule recognised it.',
  suppressed: 'SendGrid did not send it: check its suppression lists before removing the address from them.',
} as const satisfies Record<ReasonClass, string>;

/** Where a 4xx answer changes what to do: the mail is still being retried. */
const TRANSIENT_HINTS = {
  'mailbox-full': 'The mailbox is full for now: SendGrid keeps retrying for up to 72 hours, nothing to do yet.',
  blocklisted: 'Deferred because of a blocklist listing: request removal now, SendGrid retries for up to 72 hours.',
  reputation: 'Deferred for reputation or volume: slow down to this provider; SendGrid retries for up to 72 hours.',
  policy: 'Deferred by local policy: SendGrid retries for up to 72 hours; if it ends in a bounce, contact the postmaster.',
} as const satisfies Partial<Record<ReasonClass, string>>;

/** A language's hint tables: one per class, the 4xx variants, one per kind of drop. */
export interface HintTables {
  classes: Readonly<Record<ReasonClass, string>>;
  transient: Readonly<Record<keyof typeof TRANSIENT_HINTS, string>>;
  drops: Readonly<Record<DropKind, string>>;
}

/** The English tables (the `hint` of JSON output). */
const ENGLISH_HINTS: HintTables = { classes: HINTS, transient: TRANSIENT_HINTS, drops: DROP_HINTS };

/** The hint for a class in the given tables, refined by permanence and, for drops, by SendGrid's drop reason. */
export function pickHint(tables: HintTables, cls: ReasonClass, permanent: boolean | null, text: string): string {
  if (cls === 'suppressed') {
    const kind = dropReasonKind(text);
    return kind === null ? tables.classes.suppressed : tables.drops[kind];
  }
  if (permanent === false && Object.hasOwn(tables.transient, cls)) return tables.transient[cls as keyof typeof TRANSIENT_HINTS];
  return tables.classes[cls];
}

/** The English hint for a class, refined by permanence and, for drops, by SendGrid's drop reason. */
export function hintFor(cls: ReasonClass, permanent: boolean | null, text: string): string {
  return pickHint(ENGLISH_HINTS, cls, permanent, text);
}

/**
 * What to do when the reply is about an address the recipient's server passed the mail on to:
 * the recipient's own address is fine either way.
 */
function forwardHint(targetBad: boolean): string {
  return targetBad
    ? "Keep the recipient: their address works, but their server forwards to an address that does not exist. Ask them to fix or remove the forwarding."
    : "Keep the recipient: their address works; the failure is at the address their server forwards to. Tell them if it persists.";
}

/** A language's words for hints: the tables, and the advice for a reply about a forward target. */
export interface HintWords {
  tables: HintTables;
  forward(targetBad: boolean): string;
}

export const ENGLISH_HINT_WORDS: HintWords = { tables: ENGLISH_HINTS, forward: forwardHint };
