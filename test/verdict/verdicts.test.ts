import { describe, expect, it } from 'vitest';
import { analyzeObjects, asyncBounce, withIds, type Ev } from '../helpers/messages.js';

const R = 'r@example.com';
const FULL = '552 5.2.2 <other@forward.example>... Mailbox full';
const ONLY_SELF = '550 5.1.1 <r@example.com>: Recipient address rejected: User unknown';
const H = 3600;

/** [name, events of one message (IDs added), asynchronous bounces, expected verdict, error_list] */
const CASES: [string, Ev[], [number, string, string?][], string, boolean][] = [
  ['forwarded-bounce: delivered, then a bounce naming another address', [['processed', 0], ['delivered', 2]], [[278, FULL]], 'forwarded-bounce', true],
  ['engaged-after-bounce: delivered, bounce, then a human open', [['delivered', 0], ['open', 900, { sg_machine_open: false }]], [[300, ONLY_SELF]], 'engaged-after-bounce', true],
  ['engaged-after-bounce: a click counts', [['delivered', 0], ['click', 900, { url: 'https://x' }]], [[300, ONLY_SELF]], 'engaged-after-bounce', true],
  ['bounce-after-delivery: a machine open is not engagement', [['delivered', 0], ['open', 900, { sg_machine_open: true }]], [[300, ONLY_SELF]], 'bounce-after-delivery', true],
  ['bounce-after-delivery: an open before the bounce is not after it', [['delivered', 0], ['open', 100]], [[300, ONLY_SELF]], 'bounce-after-delivery', true],
  ['bounce-after-delivery: a bounce with IDs after delivery', [['delivered', 0], ['bounce', 60, { type: 'bounce', reason: ONLY_SELF, status: '5.1.1' }]], [], 'bounce-after-delivery', true],
  ['delivered-after-deferral', [['processed', 0], ['deferred', 10, { attempt: '1', response: '421 4.7.0 try later' }], ['deferred', 600, { attempt: '2', response: '421 4.7.0 try later' }], ['delivered', 1800]], [], 'delivered-after-deferral', true],
  ['delivered', [['processed', 0], ['delivered', 3], ['open', 60]], [], 'delivered', false],
  ['dropped', [['dropped', 0, { reason: 'Bounced Address', status: '5.0.0' }]], [], 'dropped', true],
  ['expired: deferred, then a bounce', [['deferred', 0, { attempt: '1' }], ['bounce', 72 * H, { type: 'blocked', reason: '4.4.7 Message expired' }]], [], 'expired', true],
  ['expired: a bounce of type expired', [['processed', 0], ['bounce', 10, { type: 'expired', reason: 'message expired' }]], [], 'expired', true],
  ['expired: deferred with no outcome for over 72h', [['deferred', 0, { attempt: '1' }], ['deferred', 3600, { attempt: '2' }]], [], 'expired', true],
  ['blocked: never delivered', [['processed', 0], ['bounce', 5, { type: 'blocked', reason: '554 5.7.1 blocked using zen.spamhaus.org' }]], [], 'blocked', true],
  ['bounced: never delivered', [['processed', 0], ['bounce', 5, { type: 'bounce', reason: ONLY_SELF, status: '5.1.1' }]], [], 'bounced', true],
  ['deferred: within 72h', [['processed', 0], ['deferred', 5, { attempt: '1' }]], [], 'deferred', true],
  ['processed only', [['processed', 0]], [], 'processed', false],
  ['unknown: engagement only', [['open', 0]], [], 'unknown', false],
];

describe('verdicts (docs/rules.md#verdicts): one per message, first rule that holds', () => {
  it.each(CASES)('%s', (name, events, bounces, verdict, errorList) => {
    const objects = events.map((e) => withIds(R, e));
    for (const [dt, reason, type] of bounces) objects.push(asyncBounce(R, dt, reason, type));
    // The 72h expiry is measured against the newest event in the input: add one far later
    // for the case that needs it, on another address.
    if (name.includes('over 72h')) objects.push(withIds('late@example.com', ['processed', 80 * H]));
    const views = analyzeObjects(objects).filter((v) => v.state.emailKey === R);
    expect(views).toHaveLength(1);
    expect(views[0]?.decision.verdict).toBe(verdict);
    expect(views[0]?.decision.errorList).toBe(errorList);
    expect(views[0]!.decision.evidence.length).toBeGreaterThan(0);
  });
});

describe('precedence between verdicts', () => {
  const cases: [string, Ev[], [number, string][], string][] = [
    ['forwarded beats engaged (a forward target and a later human open)', [['delivered', 0], ['open', 900]], [[300, FULL]], 'forwarded-bounce'],
    ['engaged beats bounce-after-delivery', [['delivered', 0], ['click', 900]], [[300, ONLY_SELF]], 'engaged-after-bounce'],
    ['bounce-after-delivery beats delivered-after-deferral', [['deferred', 0], ['delivered', 60]], [[300, ONLY_SELF]], 'bounce-after-delivery'],
    ['delivered beats dropped', [['dropped', 0, { reason: 'Bounced Address' }], ['delivered', 60]], [], 'delivered'],
    ['dropped beats expired', [['deferred', 0], ['dropped', 60, { reason: 'Unsubscribed Address' }], ['bounce', 120, { type: 'expired' }]], [], 'dropped'],
    ['expired beats blocked (deferred, then a blocked bounce)', [['deferred', 0], ['bounce', 3600, { type: 'blocked', reason: '421 try again' }]], [], 'expired'],
    ['blocked beats bounced when both types are present', [['bounce', 0, { type: 'bounce' }], ['bounce', 60, { type: 'blocked' }]], [], 'blocked'],
    ['a bounce before the delivery is not a bounce after delivery', [['bounce', 0, { type: 'blocked', reason: '421' }], ['delivered', 60]], [], 'delivered'],
    ['a bounce in the same second as the delivery comes after it', [['delivered', 0], ['bounce', 0, { type: 'bounce', reason: ONLY_SELF }]], [], 'bounce-after-delivery'],
  ];
  it.each(cases)('%s', (_name, events, bounces, verdict) => {
    const objects = events.map((e) => withIds(R, e));
    for (const [dt, reason] of bounces) objects.push(asyncBounce(R, dt, reason));
    const [view] = analyzeObjects(objects);
    expect(view?.decision.verdict).toBe(verdict);
  });
});

describe('evidence names the deciding events and the time between them', () => {
  it('forwarded-bounce evidence says how long after delivery and whom the reason names', () => {
    const [view] = analyzeObjects([withIds(R, ['delivered', 0]), asyncBounce(R, 276, FULL)]);
    expect(view?.decision.forwardTo).toBe('other@forward.example');
    expect(view!.decision.evidence[0]).toEqual({ kind: 'bounce-after-delivery', gap: 276, bounceType: 'blocked', forwardTo: 'other@forward.example' });
    expect(view?.decision.failedAt).toBe(view?.decision.deliveredAt === null ? -1 : (view?.decision.deliveredAt ?? 0) + 276);
  });
  it('failed_at is the first bounce or drop when nothing was delivered', () => {
    const [view] = analyzeObjects([
      withIds(R, ['processed', 0]),
      withIds(R, ['bounce', 10, { type: 'bounce', reason: ONLY_SELF }]),
      withIds(R, ['bounce', 20, { type: 'blocked', reason: '554 5.7.1 blocked' }]),
    ]);
    expect(view?.decision.verdict).toBe('blocked');
    expect(view?.decision.failedAt).toBe((view?.state.processedAt ?? 0) + 10);
  });
  it('a reason naming only the recipient is not forwarding', () => {
    const [view] = analyzeObjects([withIds(R, ['delivered', 0]), asyncBounce(R, 60, ONLY_SELF)]);
    expect(view?.decision.forwardTo).toBeNull();
    expect(view?.decision.verdict).toBe('bounce-after-delivery');
  });
  it.each([
    ['a VERP return path', '550 5.1.1 bounce for bounces+1234-abcd-r=example.com@em.sender.example: user unknown'],
    ['the postmaster', '550 5.2.2 mailbox full; contact postmaster@example.com'],
    ['an address in a URL', '550 5.7.1 see https://help.example.com/?addr=someone@example.org for details'],
  ])('%s is never a forward target', (_name, reason) => {
    const [view] = analyzeObjects([withIds(R, ['delivered', 0]), asyncBounce(R, 60, reason)]);
    expect(view?.decision.forwardTo).toBeNull();
  });
});

describe('hard (docs/rules.md#hardness): decided from permanence and from whom the reply is about', () => {
  const one = (events: Ev[], bounces: [number, string, string?][] = []) => {
    const views = analyzeObjects([...events.map((e) => withIds(R, e)), ...bounces.map(([dt, reason, type]) => asyncBounce(R, dt, reason, type))]);
    return views.find((v) => v.state.messageId !== null)!.decision;
  };

  it('a bounce with status 5.0.0 and no reason text is permanent', () => {
    const d = one([['processed', 0], ['bounce', 5, { type: 'bounce', status: '5.0.0' }]]);
    expect(d.reasonInfo?.permanent).toBe(true);
  });

  it('a permanent user-unknown bounce of the recipient is hard, and the recipient is the bad address', () => {
    const d = one([['processed', 0], ['bounce', 5, { type: 'bounce', reason: ONLY_SELF, status: '5.1.1' }]]);
    expect({ hard: d.hard, bad: d.badAddress }).toEqual({ hard: true, bad: R });
  });

  it('a transient user-unknown reply is not hard', () => {
    const d = one([['processed', 0], ['bounce', 5, { type: 'blocked', reason: '450 4.1.1 <r@example.com>: Recipient address rejected: unknown user' }]]);
    expect(d.hard).toBe(false);
  });

  it('forwarded-bounce: the forward target is the bad address, the recipient is not hard', () => {
    const d = one([['processed', 0], ['delivered', 2]], [[278, '550 5.1.1 <gone@forward.example>: Recipient address rejected: User unknown']]);
    expect({ verdict: d.verdict, hard: d.hard, bad: d.badAddress }).toEqual({ verdict: 'forwarded-bounce', hard: false, bad: 'gone@forward.example' });
  });

  it('engaged-after-bounce: the recipient opened the mail, so a user-unknown reply does not make it hard', () => {
    const d = one([['delivered', 0], ['open', 900, { sg_machine_open: false }]], [[300, ONLY_SELF]]);
    expect({ verdict: d.verdict, hard: d.hard }).toEqual({ verdict: 'engaged-after-bounce', hard: false });
  });
});
