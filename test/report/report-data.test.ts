import { describe, expect, it } from 'vitest';
import { HourlyCounter } from '../../src/report/hourly.js';
import { eventKind } from '../../src/report/event-kinds.js';
import { domainOf } from '../../src/report/domains.js';
import type { SgEvent } from '../../src/events/types.js';
import { message, reportOf } from '../helpers/report-data.js';

const T = 1_795_000_000; // 2026-11-18T...Z
const bounce = (reason: string, type = 'bounce') => ({ event: 'bounce', type, reason, status: '5.0.0' });

describe('buildReport', () => {
  it('the headline sums to the error list, with a delivered message on it', async () => {
    const { report } = await reportOf([
      ...message('a@x.com', T, ['processed', 'delivered']),
      ...message('b@x.com', T, ['processed', bounce('550 5.1.1 user unknown')]),
      ...message('c@y.com', T, ['processed', 'deferred', 'delivered']),
      ...message('d@y.com', T, ['processed', 'deferred']),
      ...message('e@z.com', T, ['processed', 'delivered', bounce('552 mailbox full')]),
      // A bounce before the delivery: on the error list, verdict delivered.
      ...message('f@z.com', T, ['processed', bounce('421 try later'), 'delivered']),
    ]);
    expect(report.messages).toBe(6);
    expect(report.errorList.total).toBe(5);
    expect(Object.fromEntries(report.errorList.outcomes.map((o) => [o.group, o.count]))).toEqual({
      failed: 1,
      'after-delivery': 1,
      recovered: 1,
      pending: 1,
      delivered: 1,
      other: 0,
    });
    expect(report.verdicts.delivered).toEqual({ count: 2, errorList: 1 });
    expect(report.groups).toEqual({ failed: 1, 'after-delivery': 1, recovered: 1, pending: 1, delivered: 2, other: 0 });
    expect(report.reasonClasses.failed).toEqual([{ reasonClass: 'user-unknown', count: 1 }]);
    expect(report.reasonClasses.afterDelivery).toEqual([{ reasonClass: 'mailbox-full', count: 1 }]);
  });

  it('ranks domains by messages then name, and folds the rest', async () => {
    const events = [
      ...['a', 'b', 'c'].flatMap((u) => message(`${u}@big.com`, T, ['processed', 'delivered'])),
      ...['a', 'b'].flatMap((u) => message(`${u}@MID.com`, T, ['processed', bounce('550 no such user')])),
      ...message('a@alpha.com', T, ['processed', 'delivered']),
      ...message('a@zulu.com', T, ['processed', 'delivered']),
    ];
    const { report } = await reportOf(events, { top: 2 });
    expect(report.domains.distinct).toBe(4);
    expect(report.domains.top.map((d) => [d.domain, d.messages, d.errorList])).toEqual([
      ['big.com', 3, 0],
      ['mid.com', 2, 2],
    ]);
    expect(report.domains.top[1]?.groups.failed).toBe(2);
    expect(report.domains.rest).toMatchObject({ domains: 2, messages: 2, errorList: 0 });
  });

  it('lists delivered-then-bounced messages in looking order, top N', async () => {
    const { report } = await reportOf(
      [
        ...message('read@x.com', T, ['processed', 'delivered', bounce('550 spam'), 'open']),
        ...message('fwd@x.com', T, ['processed', 'delivered', bounce('552 5.2.2 <other@y.org>... Mailbox full', 'blocked')]),
        ...message('old@x.com', T, ['processed', 'delivered', bounce('550 gone')]),
        ...message('new@x.com', T + 3600, ['processed', 'delivered', bounce('550 gone')]),
      ],
      { top: 3 },
    );
    expect(report.attention.total).toBe(4);
    expect(report.attention.entries.map((e) => [e.email, e.verdict])).toEqual([
      ['new@x.com', 'bounce-after-delivery'],
      ['old@x.com', 'bounce-after-delivery'],
      ['fwd@x.com', 'forwarded-bounce'],
    ]);
    expect(report.attention.entries[0]?.gap).toBe(60);
    expect(report.forwardTargets).toMatchObject({ messages: 1, distinct: 1, top: [{ domain: 'y.org', messages: 1 }], rest: null });
  });

  it('counts account events and the input range', async () => {
    const { report } = await reportOf([
      ...message('a@x.com', T, ['processed', 'delivered']),
      { event: 'account_status_change', type: 'compliance_suspend', timestamp: T + 7200, sg_event_id: 'acct-1' },
    ]);
    expect(report.input.accountEvents).toBe(1);
    expect(report.input.first).toBe(T);
    expect(report.input.last).toBe(T + 7200);
    expect(report.range).toEqual({ first: T, last: T + 60 });
    expect(report.hourly.hours.reduce((n, h) => n + h.counts.other, 0)).toBe(1);
  });

  it('an empty selection is all zeros, not an error', async () => {
    const { report } = await reportOf(message('a@x.com', T, ['processed']), { filter: { emails: ['nobody@x.com'] } });
    expect(report.messages).toBe(0);
    expect(report.errorList.total).toBe(0);
    expect(report.range).toEqual({ first: null, last: null });
    expect(report.input.messages).toBe(1);
  });
});

describe('HourlyCounter', () => {
  const ev = (event: string, timestamp: number | null) => ({ event, timestamp }) as unknown as SgEvent;

  it('buckets by UTC hour and kind, only inside the window', () => {
    const c = new HourlyCounter((at) => at >= 3600);
    for (const e of [ev('delivered', 10), ev('delivered', 3600), ev('open', 3700), ev('spamreport', 7300), ev('group_unsubscribe', 7400)]) c.add(e);
    const r = c.result();
    expect(r.hours.map((h) => [h.hour, h.counts.delivered, h.counts.open, h.counts.other])).toEqual([
      [3600, 1, 1, 0],
      [7200, 0, 0, 2],
    ]);
    expect([c.first, c.last]).toEqual([10, 7400]);
  });

  it('counts an hour that comes back after another, in time order, every kind of it', () => {
    const c = new HourlyCounter();
    for (const e of [ev('processed', 7200), ev('delivered', 3600), ev('processed', 7201), ev('click', 3601), ev('bounce', 7202), ev('dropped', 10800), ev('deferred', 7203)]) c.add(e);
    expect(c.result().hours).toEqual([
      { hour: 3600, counts: { processed: 0, deferred: 0, delivered: 1, bounce: 0, dropped: 0, open: 0, click: 1, other: 0 } },
      { hour: 7200, counts: { processed: 2, deferred: 1, delivered: 0, bounce: 1, dropped: 0, open: 0, click: 0, other: 0 } },
      { hour: 10800, counts: { processed: 0, deferred: 0, delivered: 0, bounce: 0, dropped: 1, open: 0, click: 0, other: 0 } },
    ]);
  });

  it('counts events without a time apart', () => {
    const c = new HourlyCounter();
    c.add(ev('processed', null));
    expect(c.result()).toEqual({ hours: [], untimed: 1 });
  });

  it.each([
    ['processed', 'processed'],
    ['bounce', 'bounce'],
    ['click', 'click'],
    ['spamreport', 'other'],
    ['other', 'other'],
    ['account_status_change', 'other'],
  ])('eventKind(%j) = %j', (e, k) => expect(eventKind(e)).toBe(k));
});

describe('domainOf', () => {
  it.each([
    ['a@Example.COM', 'example.com'],
    ['"a@b"@c.org', 'c.org'],
    ['sample-2@***.com', '***.com'],
    ['no-at-sign', '(none)'],
    ['trailing@', '(none)'],
  ])('%j → %j', (a, d) => expect(domainOf(a)).toBe(d));
});
