import { describe, expect, it } from 'vitest';
import { classifyReason } from '../../src/reasons/index.js';
import type { ReasonClass } from '../../src/reasons/index.js';

// One realistic reply per line, grouped by who writes it. Addresses are placeholders.
const cls = (text: string, status?: string): ReasonClass => classifyReason({ text, status: status ?? null }).reason_class;

describe('SendGrid deferral and bounce wording', () => {
  it.each<[string, ReasonClass]>([
    ['unable to get mx info: failed to get IPs from PTR record: lookup mx.example.net: no such host', 'domain-invalid'],
    ['unable to get mx info: failed to get IPs from PTR record: lookup mx.example.net on 10.0.0.2:53: read udp: i/o timeout', 'network-error'],
    ['Email was deferred due to the following reason(s): [IPs were throttled by recipient server]', 'rate-limited'],
    ['IPs reached ISP-suggested hourly limits', 'rate-limited'],
    ['TLS connection failed', 'network-error'],
    ['421 4.7.0 Try again later, closing connection. (EHLO) a1si123456pbc.77 - gsmtp', 'rate-limited'],
    ['554 4.4.7 Message expired: unable to deliver in 4320 minutes.', 'expired'],
    ['4.4.7 Message expired', 'expired'],
    ['dial tcp 192.0.2.10:25: connect: connection refused', 'network-error'],
    ['dial tcp 192.0.2.10:25: i/o timeout', 'network-error'],
    ['Delayed Bounce - Unable to Parse Server Reason', 'unknown'],
    ['500 unknown recipient', 'user-unknown'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('SendGrid drop reasons', () => {
  it.each([
    'Bounced Address',
    'Unsubscribed Address',
    'Spam Reporting Address',
    'Invalid',
    'Invalid SMTPAPI header',
    'Spam Content',
    'Recipient List over Package Quota',
  ])('dropped "%s" → suppressed', (text) => {
    expect(classifyReason({ text, event: 'dropped' }).reason_class).toBe('suppressed');
    expect(classifyReason({ text }).reason_class).toBe('suppressed');
  });

  it('any dropped event is suppressed, whatever the words', () => {
    expect(classifyReason({ text: 'Some future drop reason', event: 'dropped' }).reason_class).toBe('suppressed');
  });
});

describe('Gmail', () => {
  it.each<[string, ReasonClass]>([
    ["550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser a1si123456pbc.77 - gsmtp", 'user-unknown'],
    ['552-5.2.2 The email account that you tried to reach is over quota and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm b2si99.1 - gsmtp', 'mailbox-full'],
    ["452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp c3si7.2 - gsmtp", 'mailbox-full'],
    ['550-5.2.1 The email account that you tried to reach is disabled. https://support.google.com/mail/?p=DisabledUser d4si1.3 - gsmtp', 'mailbox-disabled'],
    ["550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp", 'auth-failure'],
    ["550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain. - gsmtp", 'auth-failure'],
    ['421-4.7.28 [192.0.2.1 15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. - gsmtp', 'rate-limited'],
    ['550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. - gsmtp', 'spam-content'],
    ['550-5.7.1 [192.0.2.1 12] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. - gsmtp', 'reputation'],
    ['552-5.7.0 This message was blocked because its content presents a potential security issue. Please visit https://support.google.com/mail/?p=BlockedMessage - gsmtp', 'content-rejected'],
    ['550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. - gsmtp', 'sender-config'],
    ['550 5.7.1 The message has been blocked. - gsmtp', 'policy'],
    ['552-5.3.4 Your message exceeded Google\'s message size limits. - gsmtp', 'message-too-large'],
    ['550-5.7.1 This message is not RFC 5322 compliant. There are multiple From headers. - gsmtp', 'content-rejected'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('Microsoft 365 / Outlook.com', () => {
  it.each<[string, ReasonClass]>([
    ['550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]', 'user-unknown'],
    ["550 5.7.1 Unfortunately, messages from [192.0.2.7] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.", 'blocklisted'],
    ['550 5.7.606 Access denied, banned sending IP [192.0.2.7]. To request removal from this list please visit https://sender.office.com/', 'blocklisted'],
    ['550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [AM4PEPF00012345.eurprd04.prod.outlook.com]', 'user-unknown'],
    ['451 4.7.650 The mail server [192.0.2.7] has been temporarily rate limited due to IP reputation.', 'reputation'],
    ['550 5.7.509 Access denied, sending domain [EXAMPLE.COM] does not pass DMARC verification and has a DMARC policy of reject.', 'auth-failure'],
    ['550 5.7.1 Service unavailable, Client host [192.0.2.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.7', 'blocklisted'],
    ['#550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup ##', 'user-unknown'],
    ['#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##', 'user-unknown'],
    ['550 5.2.2 STOREDRV.Deliver: mailbox full. The following information should help identify the cause: "MapiExceptionShutoffQuotaExceeded"', 'mailbox-full'],
    ['#550 5.7.1 RESOLVER.RST.AuthRequired; authentication required ##', 'policy'],
    ['#550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient ##', 'message-too-large'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('Yahoo / AOL', () => {
  it.each<[string, ReasonClass]>([
    ["554 delivery error: dd This user doesn't have a yahoo.com account (someone@yahoo.com) [0] - mta1234.mail.bf1.yahoo.com", 'user-unknown'],
    ["554 delivery error: dd Sorry your message to someone@aol.com cannot be delivered. This account has been disabled or discontinued [#102]. - mta7.mail.ne1.aol.com", 'mailbox-disabled'],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes', 'reputation'],
    ['553 5.7.2 [TSS09] All messages from 192.0.2.7 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes', 'reputation'],
    ['554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes', 'policy'],
    ['452 4.2.2 Mailbox full', 'mailbox-full'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('Apple iCloud', () => {
  it.each<[string, ReasonClass]>([
    ['550 5.1.1 <someone@icloud.com>: user does not exist', 'user-unknown'],
    ['550 5.1.1 <someone@icloud.com>: inactive email address', 'user-unknown'],
    ['554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137', 'policy'],
    ['552 5.2.2 <someone@icloud.com>: user is over quota', 'mailbox-full'],
    ["554 5.7.1 Your message was rejected due to example.com's DMARC policy. See https://support.apple.com/en-us/HT204137", 'auth-failure'],
    ['421 4.7.0 mx01.mail.icloud.com Error: too many connections from 192.0.2.7', 'rate-limited'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('Japanese carriers (docomo, au/ezweb, SoftBank)', () => {
  it.each<[string, ReasonClass]>([
    ['550 Unknown user someone@docomo.ne.jp', 'user-unknown'],
    ['550 <someone@ezweb.ne.jp>: User unknown', 'user-unknown'],
    ['550 5.1.1 <someone@au.com>... User unknown', 'user-unknown'],
    ['550 5.1.1 <someone@softbank.ne.jp>: User unknown', 'user-unknown'],
    ['554 5.7.1 <someone@ezweb.ne.jp>: Relaying denied', 'sender-config'],
    ['550 Relaying denied', 'sender-config'],
    ['552 Too many recipients', 'rate-limited'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });

  it('a bare "Message rejected" is a policy refusal', () => {
    expect(cls('554 Message rejected')).toBe('policy');
  });
});

describe('Postfix', () => {
  it.each<[string, ReasonClass]>([
    ['550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in local recipient table', 'user-unknown'],
    ['450 4.1.1 <someone@example.org>: Recipient address rejected: User unknown in virtual alias table', 'user-unknown'],
    ['554 5.7.1 <mail.example.com[192.0.2.7]>: Client host rejected: Access denied', 'blocklisted'],
    ['450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.7]', 'sender-config'],
    ['553 5.7.1 <bounce@example.com>: Sender address rejected: not owned by user', 'sender-rejected'],
    ['450 4.1.8 <bounce@example.com>: Sender address rejected: Domain not found', 'sender-rejected'],
    ['504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname', 'sender-config'],
    ['552 5.2.2 <someone@example.org>: mailbox is full', 'mailbox-full'],
    ['connect to mx.example.org[192.0.2.9]:25: Connection timed out', 'network-error'],
    ['Host or domain name not found. Name service error for name=example.invalid type=MX: Host not found', 'domain-invalid'],
    ['Name service error for name=example.org type=MX: Host not found, try again', 'network-error'],
    ['554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.7', 'blocklisted'],
    ['554 5.7.1 <someone@example.org>: Relay access denied', 'sender-config'],
    ['host mx.example.org[192.0.2.9] refused to talk to me: 554 5.7.1 Service unavailable', 'blocklisted'],
    ['552 5.3.4 Message size exceeds fixed limit', 'message-too-large'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('Exim, Sendmail, qmail', () => {
  it.each<[string, ReasonClass]>([
    ['retry timeout exceeded', 'expired'],
    ["all hosts for 'example.org' have been failing for a long time (and retry time not reached)", 'expired'],
    ['550 Unrouteable address', 'domain-invalid'],
    ['SMTP error from remote mail server after RCPT TO:<someone@example.org>: 550 5.1.1 <someone@example.org>... User unknown', 'user-unknown'],
    ['SMTP error from remote mail server after MAIL FROM:<bounce@example.com> SIZE=4096: 553 5.1.8 <bounce@example.com>... Domain of sender address bounce@example.com does not exist', 'sender-rejected'],
    ['SMTP error from remote mail server after MAIL FROM:<bounce@example.com>: 550 5.7.1 Access denied', 'sender-rejected'],
    ['550 5.1.1 <someone@example.org>... User unknown', 'user-unknown'],
    ['554 5.0.0 Service unavailable', 'remote-error'],
    ['550 sorry, no mailbox here by that name. (#5.1.1)', 'user-unknown'],
    ["Sorry, I couldn't find any host named example.invalid. (#5.1.2)", 'domain-invalid'],
    ['Connected to 192.0.2.9 but sender was rejected. Remote host said: 553 sorry, your envelope sender domain must exist (#5.7.1)', 'sender-rejected'],
    ['SMTP error from remote mail server after initial connection: 554 Your access to this mail system has been rejected', 'blocklisted'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});

describe('DNS blocklists and reputation services', () => {
  it.each<[string, ReasonClass]>([
    ['554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.7', 'blocklisted'],
    ['554 Service unavailable; Client host [192.0.2.7] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.7', 'blocklisted'],
    ['550 5.7.1 Your IP 192.0.2.7 is listed in dnsbl.sorbs.net', 'blocklisted'],
    ['550 5.7.1 Rejected because 192.0.2.7 is listed in b.barracudacentral.org', 'blocklisted'],
    ['554 Rejected: sender IP has a poor reputation', 'reputation'],
  ])('%s → %s', (text, expected) => {
    expect(cls(text)).toBe(expected);
  });
});
