import { describe, expect, it } from 'vitest';
import { classifyReason, REASON_CLASSES, REASON_CLASS_DESCRIPTIONS } from '../../src/reasons/index.js';
import type { ReasonClass } from '../../src/reasons/index.js';
import { TEXT_RULES } from '../../src/reasons/text-rules.js';

// At least one realistic reply per class, from no provider in particular.
const CASES: ReadonlyArray<[string, ReasonClass]> = [
  ['550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown', 'user-unknown'],
  ['550 No such user here', 'user-unknown'],
  ['550 5.1.6 recipient no longer on server: someone@example.org', 'user-unknown'],
  ['551 User not local; please try <other@example.net>', 'user-unknown'],
  ['550 5.1.2 Host unknown (Name server: example.invalid: host not found)', 'domain-invalid'],
  ['No MX found for domain example.invalid', 'domain-invalid'],
  ['556 5.1.10 Recipient address has null MX', 'domain-invalid'],
  ['550 5.2.1 Mailbox disabled, not accepting messages', 'mailbox-disabled'],
  ['550 Account suspended', 'mailbox-disabled'],
  ['552 5.2.2 Quota exceeded (mailbox for user is full)', 'mailbox-full'],
  ['452 4.2.2 Over quota', 'mailbox-full'],
  ['552 5.3.4 Message too big for system', 'message-too-large'],
  ['552 5.2.3 Message length exceeds administrative limit', 'message-too-large'],
  ['554 5.7.1 Virus found in message', 'content-rejected'],
  ['552 5.7.0 Our system detected an illegal attachment on your message', 'content-rejected'],
  ['554 5.7.1 Message rejected as spam by Content Filtering', 'spam-content'],
  ['550 5.7.1 Blacklisted URL in message (example.com) - see surbl.org', 'spam-content'],
  ['554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org', 'blocklisted'],
  ['550 5.7.1 Mail from your IP address 192.0.2.7 is rejected: listed on our blocklist', 'blocklisted'],
  ['421 4.7.0 Sending IP has a bad reputation; try again later', 'reputation'],
  ['450 4.7.1 Rate limit exceeded for 192.0.2.7, try again later', 'rate-limited'],
  ['421 4.7.0 Too many concurrent SMTP connections from this IP', 'rate-limited'],
  ['550 5.7.23 SPF validation failed', 'auth-failure'],
  ['550 5.7.1 Email rejected per DMARC policy for example.com', 'auth-failure'],
  ['550 5.7.1 Client host rejected: cannot find your hostname, [192.0.2.7]', 'sender-config'],
  ['554 5.7.1 <someone@example.org>: Relay access denied', 'sender-config'],
  ['501 5.1.8 Sender address rejected: Domain not found', 'sender-rejected'],
  ['550 5.1.7 Invalid sender address syntax', 'sender-rejected'],
  ['550 5.7.1 Delivery not authorized, message refused', 'policy'],
  ['554 5.7.1 Message rejected due to local policy', 'policy'],
  ['retry timeout exceeded', 'expired'],
  ["I'm not going to try again; this message has been in the queue too long.", 'expired'],
  ['lost connection with mx.example.org[192.0.2.9] while receiving the initial server greeting', 'network-error'],
  ['554 5.4.6 Too many hops: mail loop detected', 'network-error'],
  ['451 4.3.0 Error: queue file write error', 'remote-error'],
  ['451 4.3.5 Server configuration problem: internal server error', 'remote-error'],
  ['Mailbox is now available', 'unknown'],
  ['', 'unknown'],
];

describe('classifyReason: one reply per class', () => {
  it.each(CASES)('%s → %s', (text, expected) => {
    expect(classifyReason({ text }).reason_class).toBe(expected);
  });

  it('covers every class of the vocabulary', () => {
    const covered = new Set<string>(CASES.map(([, c]) => c));
    covered.add('suppressed'); // tested with dropped events
    expect([...REASON_CLASSES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it('has a description for every class', () => {
    for (const c of REASON_CLASSES) expect(REASON_CLASS_DESCRIPTIONS[c]).toMatch(/\w/);
  });
});

describe('classifyReason: status code fallbacks when the words say nothing', () => {
  it.each<[string, string, ReasonClass]>([
    ['550 Rejected', '5.1.1', 'user-unknown'],
    ['550 Rejected', '5.1.2', 'domain-invalid'],
    ['550 Rejected', '5.2.2', 'mailbox-full'],
    ['550 Rejected', '5.3.4', 'message-too-large'],
    ['450 try later', '4.7.28', 'rate-limited'],
    ['550 error', '5.7.26', 'auth-failure'],
    ['550 error', '5.7.1', 'policy'],
    ['550 error', '5.7.606', 'blocklisted'],
    ['450 error', '4.4.7', 'expired'],
    ['550 error', '5.1.8', 'sender-rejected'],
    ['550 5.2.2 error', '', 'mailbox-full'],
  ])('%s with status %s → %s', (text, status, expected) => {
    expect(classifyReason({ text, status }).reason_class).toBe(expected);
  });
});

describe('classifyReason: when in the dialogue the refusal came', () => {
  it.each<[string, ReasonClass]>([
    ['SMTP error from remote mail server after initial connection: 554 Access denied', 'blocklisted'],
    ['host mx.example.org[192.0.2.9] refused to talk to me: 421 Service not available, closing transmission channel', 'blocklisted'],
    ['host mx.example.org[192.0.2.9] said: 550 5.7.1 Access denied (in reply to MAIL FROM command)', 'sender-rejected'],
    ['host mx.example.org[192.0.2.9] said: 550 5.1.1 No such user (in reply to MAIL FROM command)', 'sender-rejected'],
    ['host mx.example.org[192.0.2.9] said: 550 5.7.1 Access denied (in reply to RCPT TO command)', 'policy'],
    ['host mx.example.org[192.0.2.9] said: 550 5.1.1 No such user (in reply to RCPT TO command)', 'user-unknown'],
  ])('%s → %s', (text, expected) => {
    expect(classifyReason({ text }).reason_class).toBe(expected);
  });
});

describe('the wording table', () => {
  it('is written in lower case, as the classifier lower-cases the text once', () => {
    for (const { re } of TEXT_RULES) expect(re.source.replace(/\\./g, '')).not.toMatch(/[A-Z]/);
  });
});
