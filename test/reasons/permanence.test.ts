import { describe, expect, it } from 'vitest';
import { hintFor } from '../../src/reasons/hints.js';
import { classifyReason, REASON_CLASSES } from '../../src/reasons/index.js';

type Row = [text: string, status: string | null, permanent: boolean | null, statusOut: string | null, reply: string | null];

describe('permanent, status and reply_code', () => {
  it.each<Row>([
    ['550 5.1.1 User unknown', null, true, '5.1.1', '550'],
    ['550-5.1.1 The email account that you tried to reach does not exist. - gsmtp', null, true, '5.1.1', '550'],
    ['421 4.7.0 Try again later, closing connection.', null, false, '4.7.0', '421'],
    ['452 Too many recipients received this hour', null, false, null, '452'],
    ['554 delivery error: dd This user doesn\'t have a yahoo.com account', null, true, null, '554'],
    ['#550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found ##', null, true, '5.1.10', '550'],
    ['Remote Server returned \'550 5.1.351 unknown recipient\'', null, true, '5.1.351', '550'],
    ['retry timeout exceeded', null, null, null, null],
    ['IPs were throttled by recipient server', null, null, null, null],
    ['unable to get mx info: failed to get IPs from PTR record: lookup mx.example.org on 192.0.2.53:53: no such host', null, null, null, null],
    ['Deferred: Connection refused by mx.example.org. 192.0.2.22', null, null, null, null],
    ['4.4.7 Message expired', null, false, '4.4.7', null],
    // The event's status wins over the text, and the enhanced code over the reply code.
    ['550 Mailbox full', '4.2.2', false, '4.2.2', '550'],
    ['451 temporary local problem', '5.0.0', true, '5.0.0', '451'],
    ['550 4.2.2 mailbox full, try again later', null, false, '4.2.2', '550'],
    ['no code at all', ' 5.1.1 ', true, '5.1.1', null],
    ['no code at all', 'not-a-status', null, null, null],
    // Not codes: IP addresses, dates, Yahoo's version string, bracketed provider codes.
    ['Messages from 192.0.2.250 temporarily deferred - 4.16.55.1', null, null, null, null],
    ['OFR_416 [416] refused', null, null, null, null],
    ['5/25/2018 8:21:10 AM - Server at example.org returned \'450 4.4.312 DNS query failed\'', null, false, '4.4.312', '450'],
  ])('%s (status %s) → permanent %s, status %s, reply %s', (text, status, permanent, statusOut, reply) => {
    const info = classifyReason({ text, status });
    expect({ permanent: info.permanent, status: info.status, reply_code: info.reply_code }).toEqual({
      permanent,
      status: statusOut,
      reply_code: reply,
    });
  });
});

describe('hard: only a permanent reply that says the address itself is bad', () => {
  it.each<[string, boolean]>([
    ['550 5.1.1 <a@example.org>... User unknown', true],
    ['554 5.4.4 Host or domain name not found. Name service error for name=example.invalid type=A: Host not found', true],
    // No reply code: whether it is permanent is not known, so the address is not called bad.
    ['Host or domain name not found. Name service error for name=example.invalid type=A: Host not found', false],
    ['Invalid recipient', false],
    // Transient replies never make an address hard, whatever they say about it.
    ['450 4.1.1 <a@example.org>: Recipient address rejected: unknown user in local recipient table', false],
    ['421 4.3.2 Service not available', false],
    ['451 4.7.1 <a@example.org>: Recipient address rejected: Greylisted for 5 minutes', false],
    ['452 4.1.1 <a@example.org>: Recipient address rejected: too many recent messages', false],
    ['552 5.2.2 Mailbox full', false],
    ['550 5.2.1 The email account that you tried to reach is disabled.', false],
    ['554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org', false],
    ['550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy', false],
    ['Bounced Address', false],
  ])('%s → hard %s', (text, hard) => {
    expect(classifyReason({ text }).hard).toBe(hard);
  });

  it.each<[string, boolean]>([
    ['Invalid', true],
    ['Invalid Address', true],
    ['Bounced Address', false],
    ['Unsubscribed Address', false],
  ])('a drop for %s → hard %s (SendGrid drops a malformed address as Invalid)', (text, hard) => {
    expect(classifyReason({ text, event: 'dropped' }).hard).toBe(hard);
  });
});

describe('hint', () => {
  it('gives one short sentence per reason', () => {
    const { hint } = classifyReason({ text: '552 5.2.2 Mailbox full' });
    expect(hint).toMatch(/^[A-Z].{10,200}[.]$/);
  });

  it('says a transient answer is still being retried', () => {
    expect(classifyReason({ text: '452 4.2.2 Mailbox full' }).hint).toMatch(/retr/i);
  });

  it('names what to do for each SendGrid drop reason', () => {
    const unsub = classifyReason({ text: 'Unsubscribed Address', event: 'dropped' }).hint;
    const bounced = classifyReason({ text: 'Bounced Address', event: 'dropped' }).hint;
    expect(unsub).toMatch(/unsubscribed/i);
    expect(bounced).toMatch(/bounce list/i);
  });
});

describe('hintFor', () => {
  it.each([...REASON_CLASSES])('%s has a short instruction, permanent or transient', (cls) => {
    for (const permanent of [true, false, null]) {
      expect(hintFor(cls, permanent, '')).toMatch(/^[A-Z].{15,160}\.$/);
    }
  });
});
