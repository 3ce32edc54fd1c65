import { describe, expect, it } from 'vitest';
import { analyzeObjects, asyncBounce, SGID, T0, withIds, XMID } from '../helpers/messages.js';

const R = 'r@example.com';

describe('grouping into recipient messages (docs/rules.md#grouping)', () => {
  it('attaches an ID-less bounce to the same address\'s latest delivery before it', () => {
    const other = { sg_message_id: 'AAAAAAAAAAAAAAAAAAAAAA.filterdrecv-1.0', 'smtp-id': '<AAAAAAAAAAAAAAAAAAAAAA@x>' };
    const views = analyzeObjects([
      withIds(R, ['delivered', 0]),
      withIds(R, ['delivered', 3600, other]),
      asyncBounce(R, 3700, '552 5.2.2 mailbox full'),
    ]);
    expect(views).toHaveLength(2);
    const later = views.find((v) => v.state.messageId === 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(later?.decision.verdict).toBe('bounce-after-delivery');
    expect(views.find((v) => v.state.messageId === XMID)?.decision.verdict).toBe('delivered');
  });
  it('anchors on the latest send at or before the event, also between deferrals', () => {
    const other = { sg_message_id: 'AAAAAAAAAAAAAAAAAAAAAA.filterdrecv-1.0', 'smtp-id': '<AAAAAAAAAAAAAAAAAAAAAA@x>' };
    const views = analyzeObjects([
      withIds(R, ['processed', 0]),
      withIds(R, ['deferred', 200, { attempt: '1' }]),
      withIds(R, ['deferred', 1000, { attempt: '2' }]),
      withIds(R, ['processed', 100, other]),
      asyncBounce(R, 500, '550 5.1.1 user unknown', 'bounce'),
    ]);
    // The deferral at +200 is the most recent send at or before the bounce at +500.
    expect(views.find((v) => v.state.messageId === XMID)?.decision.verdict).toBe('expired');
    expect(views.find((v) => v.state.messageId === 'AAAAAAAAAAAAAAAAAAAAAA')?.decision.verdict).toBe('processed');
  });

  it('attaches the same way whatever the arrival order', () => {
    const events = [withIds(R, ['processed', 0]), withIds(R, ['delivered', 5]), asyncBounce(R, 300, '552 5.2.2 <x@y.example>: full')];
    const a = analyzeObjects(events).map((v) => v.decision.verdict);
    const b = analyzeObjects([...events].reverse()).map((v) => v.decision.verdict);
    expect(a).toEqual(['forwarded-bounce']);
    expect(b).toEqual(a);
  });
  it('keeps an ID-less bounce outside the attach window as an email-only message', () => {
    const views = analyzeObjects([withIds(R, ['delivered', 0]), asyncBounce(R, 8 * 86400, '550 user unknown', 'bounce')]);
    expect(views).toHaveLength(2);
    const emailOnly = views.find((v) => v.state.messageId === null);
    expect(emailOnly?.decision.verdict).toBe('bounced');
    expect(views.find((v) => v.state.messageId === XMID)?.decision.verdict).toBe('delivered');
  });
  it('honours a shorter --attach-window', () => {
    const views = analyzeObjects([withIds(R, ['delivered', 0]), asyncBounce(R, 7200, '550 user unknown', 'bounce')], 3600);
    expect(views).toHaveLength(2);
  });
  it('keeps the recipients of one multi-recipient send apart', () => {
    const second = { sg_message_id: `${XMID}.filterdrecv-5f8d7c9b6-x2k4p-1-673B05CA-2B.0` };
    const views = analyzeObjects([
      withIds('a@example.com', ['delivered', 0]),
      withIds('b@example.com', ['delivered', 1, second]),
      asyncBounce('b@example.com', 60, '550 5.1.1 user unknown'),
    ]);
    expect(views.map((v) => [v.state.emailKey, v.state.messageId, v.decision.verdict])).toEqual([
      ['a@example.com', XMID, 'delivered'],
      ['b@example.com', XMID, 'bounce-after-delivery'],
    ]);
  });
  it('groups addresses case-insensitively and keeps the first spelling', () => {
    const views = analyzeObjects([withIds('R@Example.com', ['processed', 0]), withIds('r@example.COM', ['delivered', 5])]);
    expect(views).toHaveLength(1);
    expect(views[0]?.state.email).toBe('R@Example.com');
    expect(views[0]?.state.events).toBe(2);
  });
  it('counts duplicates without counting them as events', () => {
    const d = withIds(R, ['delivered', 0]);
    const views = analyzeObjects([d, d, { ...d, sg_event_id: 'retry-with-new-id' }]);
    expect(views[0]?.state.events).toBe(1);
    expect(views[0]?.state.duplicates).toBe(2);
  });
  it('orders by time, never by arrival: a deferral logged after the delivery still came first', () => {
    const views = analyzeObjects([withIds(R, ['delivered', 600]), withIds(R, ['deferred', 0, { attempt: '1' }])]);
    expect(views[0]?.decision.verdict).toBe('delivered-after-deferral');
  });
  it('puts account events in no message', () => {
    const views = analyzeObjects([{ event: 'account_status_change', sg_event_id: 'x', type: 'compliance_suspend', timestamp: T0 }, withIds(R, ['processed', 0])]);
    expect(views).toHaveLength(1);
  });
  it('uses sg_message_id as the key when no message_id can be derived', () => {
    const views = analyzeObjects([withIds(R, ['delivered', 0, { sg_message_id: 'odd-id', 'smtp-id': '<other@x>' }])]);
    expect(views[0]?.state.messageId).toBeNull();
    expect(views[0]?.state.sgMessageId).toBe('odd-id');
    expect(SGID.startsWith(XMID)).toBe(true);
  });
});
