import { describe, expect, it } from 'vitest';
import { collectEvents, isSendGridEvent } from '../../src/events/recognize.js';

function collect(value: unknown) {
  const events: { email: unknown; time: unknown }[] = [];
  let nonEvents = 0;
  collectEvents(value, {
    event: (obj, time) => events.push({ email: obj['email'], time }),
    nonEvent: () => nonEvents++,
  });
  return { events, nonEvents };
}

describe('what counts as a SendGrid event (docs/rules.md#input-framings)', () => {
  it.each<[unknown, boolean]>([
    [{ event: 'delivered', email: 'a@x' }, true],
    [{ event: 'account_status_change', sg_event_id: 'x', type: 'compliance_suspend' }, true],
    [{ event: 'open', sg_message_id: 'abc' }, true],
    [{ event: 'delivered' }, false],
    [{ event: 5, email: 'a@x' }, false],
    [{ email: 'a@x' }, false],
    [[{ event: 'open', email: 'a@x' }], false],
    [null, false],
    ['{"event":"open"}', false],
  ])('%j → %s', (value, expected) => {
    expect(isSendGridEvent(value)).toBe(expected);
  });
});

describe('events inside logger records and bodies', () => {
  const ev = { event: 'delivered', email: 'a@x' };
  it.each<[string, unknown, number, number]>([
    ['a bare event', ev, 1, 0],
    ['a POST body array', [ev, { ...ev, email: 'b@x' }], 2, 0],
    ['a stray object in a body', [ev, { hello: 1 }], 1, 1],
    ['pino record with the body as an array', { level: 30, time: 1700000000000, msg: 'hook', body: [ev] }, 1, 0],
    ['winston record with a single event', { level: 'info', message: 'hook', event: ev }, 1, 0],
    ['bunyan record with the raw body as a string', { v: 0, msg: 'hook', body: JSON.stringify([ev, ev]) }, 2, 0],
    ['nested request.body', { req: { body: { payload: [ev] } } }, 1, 0],
    ['JSON holding no event', { hello: 'world' }, 0, 1],
    ['an empty array', [], 0, 1],
  ])('%s', (_name, value, events, nonEvents) => {
    const r = collect(value);
    expect(r.events.length).toBe(events);
    expect(r.nonEvents).toBe(nonEvents);
  });
  it('passes the logger record time for events without their own', () => {
    expect(collect({ time: 1700000000000, body: [ev] }).events[0]?.time).toBe(1700000000000);
  });
});
