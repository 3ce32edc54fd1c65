import { describe, expect, it } from 'vitest';
import { deriveMessageId } from '../../src/events/message-id.js';
import { normalizeEvent } from '../../src/events/normalize.js';
import { toUnixSeconds } from '../../src/events/timestamp.js';
import { Deduper } from '../../src/events/dedupe.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../../src/messages/collector.js';

const origin = { file: 'f.log', line: 1, seq: 0, contextTime: undefined };

describe('timestamps (docs/rules.md#normalization)', () => {
  it.each<[unknown, number | null]>([
    [1700000000, 1700000000],
    ['1700000000', 1700000000],
    [' 1700000000 ', 1700000000],
    [1700000000123, 1700000000.123],
    ['1700000000123', 1700000000.123],
    ['2026-11-18T09:05:16Z', 1794992716],
    ['2026-11-18T18:05:16+09:00', 1794992716],
    ['2026-11-18T09:05:16.500Z', 1794992716.5],
    ['', null],
    ['yesterday-ish', null],
    [{ $date: 1 }, null],
    [null, null],
    [undefined, null],
    [Number.NaN, null],
    [-5, null],
  ])('%j → %j', (input, expected) => {
    expect(toUnixSeconds(input)).toBe(expected);
  });

  it('falls back to the line time when the event has none', () => {
    const e = normalizeEvent({ event: 'open', email: 'a@x' }, { ...origin, contextTime: 1794992716 });
    expect(e.timestamp).toBe(1794992716);
    expect(e.fields['timestamp']).toBe(1794992716);
  });
  it('takes a logger record time in milliseconds', () => {
    const e = normalizeEvent({ event: 'open', email: 'a@x' }, { ...origin, contextTime: 1794992716000 });
    expect(e.timestamp).toBe(1794992716);
  });
  it('leaves the time null when nothing gives one', () => {
    expect(normalizeEvent({ event: 'open', email: 'a@x' }, origin).timestamp).toBeNull();
  });
});

describe('message_id (docs/rules.md#normalization)', () => {
  it.each<[string | null, string | null, string | null]>([
    ['qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0', '<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>', 'qNwBLgPQQjW6DJvKQwSAbw'],
    ['14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', '<14c5d75ce93.dfd.64b469@ismtpd-555>', '14c5d75ce93.dfd.64b469'],
    ['14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', null, '14c5d75ce93.dfd.64b469'],
    ['wrfRRvF7Q0GgwUo2CvDmEA.filter0425p1mdw1.13037.57168B4A1D.0', null, 'wrfRRvF7Q0GgwUo2CvDmEA'],
    ['5lFl7Fr1Rjme_EyzNNB_5A.stfilter-015.5185.55F883172.0', null, '5lFl7Fr1Rjme_EyzNNB_5A'],
    ['XBg2anf2TqCy6WXKQFhieQ.recvd-5f8d7c9b6-x2k4p-1-673B05CA-2A.0', null, 'XBg2anf2TqCy6WXKQFhieQ'],
    ['XBg2anf2TqCy6WXKQFhieQ.somethingelse.0', null, 'XBg2anf2TqCy6WXKQFhieQ'],
    ['14c5d75ce93.dfd.64b469.unknownformat', null, null],
    ['abc.def', null, null],
    [null, '<custom-id@example.com>', 'custom-id'],
    [null, null, null],
  ])('sg_message_id %j, smtp-id %j → %j', (sg, smtp, expected) => {
    expect(deriveMessageId(sg, smtp)).toBe(expected);
  });
  it('does not use a custom smtp-id that the sg_message_id does not start with', () => {
    expect(deriveMessageId('XBg2anf2TqCy6WXKQFhieQ.filter0905p1mdw1-4434-59E0C6FF-3.0', '<my-own@example.com>')).toBe('XBg2anf2TqCy6WXKQFhieQ');
  });
});

describe('field normalization', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['category string → array', { category: 'cat facts' }, { category: ['cat facts'] }],
    ['category array kept', { category: ['a', 'b'] }, { category: ['a', 'b'] }],
    ['attempt string → number', { attempt: '5' }, { attempt: 5 }],
    ['tls string → number', { tls: '1' }, { tls: 1 }],
    ['machine open string → boolean', { sg_machine_open: 'true' }, { sg_machine_open: true }],
    ['machine open 0 → false', { sg_machine_open: 0 }, { sg_machine_open: false }],
    ['custom args kept', { tenant: 't-1', order_id: 42 }, { tenant: 't-1', order_id: 42 }],
  ])('%s', (_name, input, expected) => {
    const e = normalizeEvent({ event: 'delivered', email: 'a@x', ...input }, origin);
    expect(e.fields).toMatchObject(expected);
  });
  it('drops an empty sg_message_id', () => {
    const e = normalizeEvent({ event: 'bounce', email: 'a@x', sg_message_id: '' }, origin);
    expect('sg_message_id' in e.fields).toBe(false);
    expect(e.sgMessageId).toBeNull();
    expect(e.messageId).toBeNull();
  });
  it('lower-cases the grouping key but keeps the address as written', () => {
    const e = normalizeEvent({ event: 'open', email: ' Sample-1@Example.COM ' }, origin);
    expect(e.email).toBe('Sample-1@Example.COM');
    expect(e.emailKey).toBe('sample-1@example.com');
  });
  it('keeps a __proto__ key as data without touching prototypes', () => {
    const fields = JSON.parse('{"event":"open","email":"a@x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const e = normalizeEvent(fields, origin);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(e.fields, '__proto__')).toBe(true);
  });
});

describe('duplicates (docs/rules.md#duplicates)', () => {
  const make = (extra: Record<string, unknown>, seq: number) =>
    normalizeEvent({ event: 'delivered', email: 'a@x', timestamp: 1700000000, sg_message_id: 'XBg2anf2TqCy6WXKQFhieQ.filter1.0', ...extra }, { ...origin, seq });
  it('removes a copy with the same sg_event_id and counts it on the kept event', () => {
    const d = new Deduper({ trackCopies: true });
    const first = make({ sg_event_id: 'A' }, 0);
    expect(d.isCopy(first)).toBe(false);
    expect(d.isCopy(make({ sg_event_id: 'A' }, 1))).toBe(true);
    expect(first.copies.removed).toBe(1);
    expect(d.removed).toBe(1);
  });
  it('removes a retry that carries a new sg_event_id but the same content', () => {
    const d = new Deduper();
    expect(d.isCopy(make({ sg_event_id: 'A', response: '250 OK' }, 0))).toBe(false);
    expect(d.isCopy(make({ sg_event_id: 'B', response: '250 OK' }, 1))).toBe(true);
  });
  it('keeps two different events', () => {
    const d = new Deduper();
    expect(d.isCopy(make({ sg_event_id: 'A' }, 0))).toBe(false);
    expect(d.isCopy(make({ sg_event_id: 'B', timestamp: 1700000001 }, 1))).toBe(false);
    expect(d.isCopy(make({ sg_event_id: 'C', event: 'deferred', attempt: 2 }, 2))).toBe(false);
  });

  // A copy is the same event on the same recipient message: a retried POST repeats the event as it
  // was, IDs and address included. Fixtures and documentation examples reuse one placeholder
  // sg_event_id or sg_message_id across recipients and sends; those are different events.
  const SG = 'XBg2anf2TqCy6WXKQFhieQ.filter1.0';
  const OTHER_SEND = 'Zq1vUs8mR9Kw2LxYp4NbTg.filter7.0';
  const bounce = { event: 'bounce', type: 'blocked', reason: '550 5.2.2 mailbox full', sg_message_id: undefined };
  const cases: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
    ['the same sg_event_id on the same message', { sg_event_id: 'A' }, { sg_event_id: 'A' }, true],
    ['the same content, a new sg_event_id, on the same message', { sg_event_id: 'A' }, { sg_event_id: 'B' }, true],
    ['the same sg_event_id on another send to the same address', { sg_event_id: 'A' }, { sg_event_id: 'A', sg_message_id: OTHER_SEND }, false],
    ['the same content and sg_message_id, another address (a placeholder id)', { sg_event_id: 'A' }, { sg_event_id: 'B', email: 'b@x' }, false],
    ['the same sg_event_id and sg_message_id, another address', { sg_event_id: 'A' }, { sg_event_id: 'A', email: 'b@x' }, false],
    ['the same sg_event_id on the same message, another sg_message_id of it', { sg_event_id: 'A' }, { sg_event_id: 'A', sg_message_id: 'XBg2anf2TqCy6WXKQFhieQ.filter2.0' }, true],
    ['the same content on the same message, another sg_message_id of it', { sg_event_id: 'A' }, { sg_event_id: 'B', sg_message_id: 'XBg2anf2TqCy6WXKQFhieQ.filter2.0' }, false],
    ['an ID-less bounce posted twice', { ...bounce, sg_event_id: 'Q' }, { ...bounce, sg_event_id: 'Q' }, true],
    ['an ID-less bounce retried with a new sg_event_id', { ...bounce, sg_event_id: 'Q' }, { ...bounce, sg_event_id: 'R' }, true],
    ['an ID-less bounce and one with an IP, one sg_event_id', { ...bounce, sg_event_id: 'Q' }, { ...bounce, sg_event_id: 'Q', ip: '192.0.2.1' }, false],
    ['the same address written in other capitals', { sg_event_id: 'A' }, { sg_event_id: 'A', email: 'A@X' }, true],
    ['an account event posted twice', { event: 'account_status_change', email: undefined, sg_message_id: undefined, sg_event_id: 'S', type: 'compliance_suspend' }, { event: 'account_status_change', email: undefined, sg_message_id: undefined, sg_event_id: 'S', type: 'compliance_suspend' }, true],
  ];
  const build = (extra: Record<string, unknown>, seq: number) => {
    const raw: Record<string, unknown> = { event: 'delivered', email: 'a@x', timestamp: 1700000000, sg_message_id: SG, ...extra };
    for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
    return normalizeEvent(raw, { ...origin, seq });
  };
  it.each(cases)('%s', (_, first, second, copy) => {
    const input = new Deduper();
    expect(input.isCopy(build(first, 0))).toBe(false);
    expect(input.isCopy(build(second, 1))).toBe(copy);
    // A grouping run checks each event against its own message's events: the same answer.
    const messages = new MessageCollector({ attachWindow: DEFAULT_ATTACH_WINDOW });
    const a = build(first, 0);
    expect(messages.isCopy(a)).toBe(false);
    messages.add(a);
    expect(messages.isCopy(build(second, 1))).toBe(copy);
    expect(messages.removed).toBe(copy ? 1 : 0);
  });
});
