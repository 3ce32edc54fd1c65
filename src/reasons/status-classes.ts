import type { ReasonClass } from './types.js';

/**
 * What an enhanced status code says when the wording matched no rule. Subjects and details are
 * RFC 3463's (plus RFC 7372 for x.7.20–x.7.26, RFC 7505 for null MX, the IANA registry for
 * x.7.27/x.7.28, and Microsoft's documented 5.7.5xx–4.7.6xx extensions). Keys are
 * `subject.detail` (the class digit only says permanent or transient), then `subject` alone.
 */
export const BY_DETAIL: Readonly<Record<string, ReasonClass>> = {
  '1.0': 'user-unknown', // other address status: in practice an address rejection
  '1.1': 'user-unknown', // bad destination mailbox address
  '1.2': 'domain-invalid', // bad destination system address
  '1.3': 'user-unknown', // bad destination mailbox address syntax
  '1.4': 'user-unknown', // destination mailbox address ambiguous
  '1.6': 'user-unknown', // destination mailbox has moved
  '1.7': 'sender-rejected', // bad sender's mailbox address syntax
  '1.8': 'sender-rejected', // bad sender's system address
  '1.10': 'domain-invalid', // recipient address has null MX (RFC 7505)
  '2.1': 'mailbox-disabled', // mailbox disabled, not accepting messages
  '2.2': 'mailbox-full', // mailbox full
  '2.3': 'message-too-large', // message length exceeds administrative limit
  '2.4': 'remote-error', // mailing list expansion problem
  '3.0': 'remote-error', // other or undefined mail system status
  '3.1': 'remote-error', // mail system full
  '3.2': 'remote-error', // system not accepting network messages (now; 4.3.2 "service not available")
  '3.3': 'content-rejected', // system not capable of selected features
  '3.4': 'message-too-large', // message too big for system
  '3.5': 'remote-error', // system incorrectly configured
  '4.0': 'network-error', // other or undefined network or routing status
  '4.1': 'network-error', // no answer from host
  '4.2': 'network-error', // bad connection
  '4.3': 'remote-error', // directory server failure
  '4.4': 'domain-invalid', // unable to route
  '4.5': 'remote-error', // mail system congestion
  '4.6': 'network-error', // routing loop detected
  '4.7': 'expired', // delivery time expired
  '5.3': 'rate-limited', // too many recipients
  '7.0': 'policy', // other or undefined security status
  '7.1': 'policy', // delivery not authorized, message refused
  '7.2': 'policy', // mailing list expansion prohibited
  '7.7': 'content-rejected', // message integrity failure
  '7.8': 'sender-config', // authentication credentials invalid
  '7.13': 'mailbox-disabled', // user account disabled
  '7.20': 'auth-failure', // no passing DKIM signature (RFC 7372)
  '7.21': 'auth-failure',
  '7.22': 'auth-failure',
  '7.23': 'auth-failure', // SPF validation failed
  '7.24': 'auth-failure', // SPF validation error
  '7.25': 'sender-config', // reverse DNS validation failed
  '7.26': 'auth-failure', // multiple authentication checks failed
  '7.27': 'sender-rejected', // sender address has null MX
  '7.28': 'rate-limited', // mail flood detected (Gmail: rate limited)
  '7.509': 'auth-failure', // Microsoft: DMARC reject
  '7.510': 'auth-failure',
  '7.515': 'auth-failure', // Microsoft: required authentication level
  '7.650': 'reputation', // Microsoft: rate limited due to IP reputation
  '7.651': 'reputation',
  '7.708': 'reputation', // Microsoft: traffic not accepted from this IP
};

export const BY_SUBJECT: Readonly<Record<string, ReasonClass>> = {
  '1': 'user-unknown',
  '2': 'mailbox-disabled',
  '3': 'remote-error',
  '4': 'network-error',
  '5': 'remote-error',
  '6': 'content-rejected',
  '7': 'policy',
};

/** The class an enhanced status code implies, or null when it says nothing specific. */
export function classFromStatus(status: string): ReasonClass | null {
  const [, subject = '', detail = ''] = status.split('.');
  const key = `${subject}.${detail}`;
  const exact = BY_DETAIL[key];
  if (exact) return exact;
  // x.0.0 says nothing; x.y.0 is "other or undefined" status of that subject, unless listed above.
  if (subject === '0' || detail === '0') return null;
  if (subject === '7' && Number(detail) >= 606 && Number(detail) <= 649) return 'blocklisted'; // Microsoft banned IPs
  return BY_SUBJECT[subject] ?? null;
}

/** Reply codes whose RFC 5321 meaning is specific enough to classify on their own. */
export const BY_REPLY: Readonly<Record<string, ReasonClass>> = {
  '551': 'user-unknown', // user not local
  '552': 'mailbox-full', // exceeded storage allocation
  '553': 'user-unknown', // mailbox name not allowed
};

/** The class a bare reply code implies, or null. */
export function classFromReplyCode(code: string): ReasonClass | null {
  return BY_REPLY[code] ?? null;
}
