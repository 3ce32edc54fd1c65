import { describe, expect, it } from 'vitest';
import { findForwardTarget } from '../../src/reasons/index.js';

const RCPT = 'sample-1@***.com';

describe('findForwardTarget: an address in a recipient position that is not the recipient', () => {
  it.each<[string, string]>([
    // The story: delivered to sample-1, forwarded to sample-2, whose mailbox is full.
    ['550 5.2.2 <sample-2@***.com>... Mailbox full', 'sample-2@***.com'],
    ['550 5.2.2 <sample-2@***.com>: mailbox full', 'sample-2@***.com'],
    ['The email account sample-2@***.com is over quota', 'sample-2@***.com'],
    ['552 5.2.2 sample-2@***.com... Mailbox full.', 'sample-2@***.com'],
    ['550 5.1.1 <Other.User@Example.NET>: Recipient address rejected: User unknown in local recipient table', 'Other.User@Example.NET'],
    ['RCPT TO:<other@example.net> 550 5.1.1 user unknown', 'other@example.net'],
    ['SMTP error from remote mail server after RCPT TO:<other@example.net>: 550 5.1.1 User unknown', 'other@example.net'],
    ['551 User not local; please try <other@example.net>', 'other@example.net'],
    ['Your message to other@example.net could not be delivered: 550 No such user', 'other@example.net'],
    ['Delivery to the following recipient failed permanently: other@x.co.jp', 'other@x.co.jp'],
    ['550 Unknown user x@***.co.jp', 'x@***.co.jp'],
    ["550 'other@example.net' is not a registered gateway user", 'other@example.net'],
    ['550 5.1.1 <"first last"@example.net>... User unknown', '"first last"@example.net'],
  ])('%s → %s', (text, expected) => {
    expect(findForwardTarget(text, RCPT)).toBe(expected);
  });
});

describe('findForwardTarget: decoys are never targets', () => {
  it.each<[string, string]>([
    ['the recipient itself', '550 5.2.2 <sample-1@***.com>... Mailbox full'],
    ['the recipient itself, other case', '550 5.1.1 <SAMPLE-1@***.COM>: Recipient address rejected: User unknown'],
    ['VERP return path', '550 5.1.1 <bounces+123-abc-user=example.com@em.example.net>: User unknown'],
    ['bounce- return path', '550 <bounce-12345-abc@mail.example.net> sender rejected'],
    ['-bounces return path', 'Returned to list-bounces@lists.example.org: 550 mailbox full'],
    ['postmaster', '550 5.7.1 Please contact <postmaster@example.net> for help'],
    ['postmaster, bare', 'For further assistance, please send mail to postmaster@example.net'],
    ['mailer-daemon', 'From: MAILER-DAEMON@mx.example.net 550 5.1.1 User unknown'],
    ['abuse', '554 5.7.1 Spam complaints to abuse@example.net'],
    ['MAIL FROM', 'SMTP error from remote mail server after MAIL FROM:<sender@example.org> SIZE=1024: 550 5.7.1 Access denied'],
    ['Original-Mail-From', 'Original-Mail-From: <sender@example.org> 550 5.1.1 User unknown'],
    ['Return-Path', 'Return-Path: <sender@example.org> 550 5.2.2 mailbox full'],
    ['from', 'The original message was received from sender@example.org. 550 5.1.1 User unknown'],
    ['sender address', '553 5.1.8 Domain of sender address sender@example.org does not exist'],
    ['called the sender after it', '553 5.7.1 <sender@example.org>: Sender address rejected: not owned by user'],
    ['Message-ID', 'Message-ID: <20240101.abc.def@mail.example.org> 550 5.1.1 User unknown'],
    ['SES message id', '5.7.1 <0100018c0a0b1c2d-3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7-000000@email.amazonses.com>... Access denied'],
    ['SendGrid smtp-id', '550 5.1.1 <qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>: User unknown'],
    ['address in a URL', '550 5.7.1 Blocked, see https://example.net/unblock?email=other@example.net'],
    ['mailto link', '554 Blocked; write to mailto:unblock@example.net'],
    ['sending identity', '554 Message rejected: Email address is not verified. The following identities failed the check: sender@example.org'],
    ['greeting to the sender', 'Hello sender@example.org, We are writing to let you know that the group you tried to contact may not exist.'],
    ['no address at all', '550 5.1.1 User unknown'],
  ])('%s: null', (_name, text) => {
    expect(findForwardTarget(text, RCPT)).toBeNull();
  });
});

describe('findForwardTarget: choosing among several addresses', () => {
  it('prefers a marked recipient over a bare address elsewhere in the text', () => {
    const text = 'Ask other-help@example.net about it. 550 5.2.2 <target@example.net>... Mailbox full';
    expect(findForwardTarget(text, RCPT)).toBe('target@example.net');
  });

  it('skips the recipient and returns the next recipient-position address', () => {
    const text = 'to <sample-1@***.com>: forwarded; 550 5.1.1 <sample-2@***.com>: User unknown';
    expect(findForwardTarget(text, RCPT)).toBe('sample-2@***.com');
  });

  it('with no recipient, returns the first recipient-position address', () => {
    expect(findForwardTarget('550 5.2.2 <sample-1@***.com>... Mailbox full', null)).toBe('sample-1@***.com');
  });

  it('quoted and unquoted local parts are the same mailbox', () => {
    expect(findForwardTarget('550 5.1.1 <"a.b"@example.org>... User Unknown', 'a.b@example.org')).toBeNull();
  });
});
