import { describe, expect, it } from 'vitest';
import { Deduper } from '../../src/events/dedupe.js';
import { normalizeEvent } from '../../src/events/normalize.js';
import type { SgEvent } from '../../src/events/types.js';
import { MessageCollector } from '../../src/messages/collector.js';
import type { MessageState } from '../../src/messages/state.js';
import { MessageStore } from '../../src/messages/store.js';
import { Interner } from '../../src/messages/state.js';
import { RunningTally } from '../../src/report/running-tally.js';
import { checkFailOn } from '../../src/report/fail-on.js';
import { parseFailOn } from '../../src/cli/fail-on-arg.js';
import { classifyReason } from '../../src/reasons/classify.js';
import { findForwardTarget } from '../../src/reasons/forward-target.js';
import { decide } from '../../src/verdict/decide.js';
import { asyncBounce, T0, withIds, XMID } from '../helpers/messages.js';

/** The live (`--follow`) side of grouping: attachment on arrival, letting messages go, aging. */

const DAY = 24 * 3600;
const OTHER = { sg_message_id: 'AAAAAAAAAAAAAAAAAAAAAA.filterdrecv-1.0', 'smtp-id': '<AAAAAAAAAAAAAAAAAAAAAA@x>' };

let seq = 0;
function event(o: Record<string, unknown>): SgEvent {
  seq++;
  return normalizeEvent(structuredClone(o), { file: 'live.log', line: seq, seq, contextTime: undefined });
}

/** Groups one event; the message it went to, or null. */
function put(c: MessageCollector, e: SgEvent): MessageState | null {
  const n = c.add(e);
  return n < 0 ? null : c.message(n);
}

const live = (retain = 8 * DAY) => new MessageCollector({ attachWindow: 7 * DAY, live: { retain } });
const ctx = (newestAt: number) => ({ newestAt, classify: classifyReason, forwardTarget: findForwardTarget });

describe('live collector', () => {
  it('an ID-less bounce goes on arrival to the latest delivery of its address before it', () => {
    const c = live();
    const first = put(c, event(withIds('r@example.com', ['delivered', 0])));
    const second = put(c, event(withIds('r@example.com', ['delivered', 3600, OTHER])));
    const got = put(c, event(asyncBounce('r@example.com', 3700, '552 5.2.2 mailbox full')));
    expect(got).toBe(second);
    expect(got).not.toBe(first);
    expect(decide(got!, ctx(c.newestAt)).verdict).toBe('bounce-after-delivery');
  });

  it('an ID-less bounce with no message of its address before it is its own email-only message', () => {
    const c = live();
    const got = put(c, event(asyncBounce('new@example.com', 0, '550 5.1.1 user unknown', 'bounce')));
    expect(got).not.toBeNull();
    expect(got!.messageId).toBeNull();
    expect(c.size).toBe(1);
  });

  it('lets go of messages whose newest event is older than the window, and keeps the rest', () => {
    const c = live(8 * DAY);
    const old = put(c, event(withIds('old@example.com', ['delivered', 0])))!;
    const recent = put(c, event(withIds('recent@example.com', ['delivered', 5 * DAY])))!;
    put(c, event(withIds('clock@example.com', ['processed', 9 * DAY, OTHER])));
    expect(c.letGo()).toEqual([old]);
    expect(c.size).toBe(2);
    // The let-go message is new again if its ID comes back.
    const again = put(c, event(withIds('old@example.com', ['open', 9 * DAY])))!;
    expect(again).not.toBe(old);
    expect(again.events).toBe(1);
    expect(c.letGo()).toEqual([]);
    expect(recent.events).toBe(1);
  });

  it('a message let go still reads as it was when a new message takes its place in the store', () => {
    const c = live(8 * DAY);
    const old = put(c, event(withIds('old@example.com', ['delivered', 0])))!;
    put(c, event(asyncBounce('old@example.com', 60, '550 5.1.1 user unknown', 'bounce')));
    put(c, event(withIds('clock@example.com', ['processed', 9 * DAY, OTHER])));
    const [gone] = c.letGo();
    expect(gone).toBe(old);
    // The next new message is stored where the old one was.
    const next = put(c, event(withIds('next@example.com', ['dropped', 9 * DAY, { reason: 'Bounced Address' }])))!;
    expect(next).not.toBe(old);
    expect([old.emailKey, old.events, old.firstDelivered, old.bounces.length, old.dropped]).toEqual(['old@example.com', 2, T0, 1, null]);
    expect([next.emailKey, next.events, next.firstDelivered, next.bounces.length, next.dropped?.reason]).toEqual([
      'next@example.com',
      1,
      null,
      0,
      'Bounced Address',
    ]);
  });

  it('holds its messages in the order they first arrived, also once a message takes the place of one let go', () => {
    const c = live(8 * DAY);
    put(c, event(withIds('x@old.example', ['processed', 0, OTHER])));
    put(c, event(withIds('a@example.com', ['processed', 4 * DAY])));
    put(c, event(withIds('clock@example.com', ['processed', 9 * DAY, { sg_message_id: 'CCCCCCCCCCCCCCCCCCCCCC.filterdrecv-1.0', 'smtp-id': '<CCCCCCCCCCCCCCCCCCCCCC@x>' }])));
    expect(c.letGo().map((s) => s.emailKey)).toEqual(['x@old.example']);
    // Same address and first time as the second message, arriving last: listed after it, as a
    // whole-input read lists them.
    put(c, event(withIds('a@example.com', ['processed', 4 * DAY, OTHER])));
    expect([...c.heldMessages()].map((s) => `${s.emailKey} ${s.messageId}`)).toEqual([
      `a@example.com ${XMID}`,
      'clock@example.com CCCCCCCCCCCCCCCCCCCCCC',
      'a@example.com AAAAAAAAAAAAAAAAAAAAAA',
    ]);
  });

  it('lets messages go in the order messages lists them: first event, then address', () => {
    const c = live(8 * DAY);
    // Three recipients of one send, arriving out of time order, and one more send.
    put(c, event(withIds('c@example.com', ['processed', 20])));
    put(c, event(withIds('z@example.com', ['processed', 5, OTHER])));
    put(c, event(withIds('b@example.com', ['processed', 10])));
    put(c, event(withIds('a@example.com', ['processed', 10])));
    put(c, event(withIds('clock@example.com', ['processed', 9 * DAY, { sg_message_id: 'CCCCCCCCCCCCCCCCCCCCCC.filterdrecv-1.0' }])));
    expect(c.letGo().map((s) => s.emailKey)).toEqual(['z@example.com', 'a@example.com', 'b@example.com', 'c@example.com']);
  });

  it('a live timeline stops keeping the events of a message it has shown', () => {
    const c = new MessageCollector({ attachWindow: 7 * DAY, live: { retain: 8 * DAY }, keepEvents: () => true });
    const s = put(c, event(withIds('r@example.com', ['processed', 0])))!;
    put(c, event(withIds('r@example.com', ['delivered', 5])));
    expect(s.kept?.map((k) => k.e.event)).toEqual(['processed', 'delivered']);
    s.kept = null;
    put(c, event(withIds('r@example.com', ['open', 60])));
    expect(s.kept).toBeNull();
    expect(s.events).toBe(3);
  });

  it('lets go of every kind of message: keyed by message_id, by sg_message_id alone, and email-only', () => {
    const c = live(8 * DAY);
    put(c, event(withIds('a@example.com', ['delivered', 0])));
    // An old-style sg_message_id with no X-Message-Id in it, and no smtp-id: keyed by itself.
    put(c, event({ email: 'b@example.com', event: 'delivered', timestamp: T0, sg_message_id: '14c5d75ce93.dfd.64b469.x', sg_event_id: 'b1' }));
    put(c, event(asyncBounce('c@example.com', 0, '550 5.1.1 user unknown', 'bounce')));
    expect(c.size).toBe(3);
    put(c, event(withIds('clock@example.com', ['processed', 20 * DAY, OTHER])));
    expect(c.letGo().map((s) => s.emailKey).sort()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect([...c.heldMessages()].map((s) => s.emailKey)).toEqual(['clock@example.com']);
  });

  it('a whole-input collector never lets go', () => {
    const c = new MessageCollector({ attachWindow: 7 * DAY });
    put(c, event(withIds('old@example.com', ['delivered', 0])));
    put(c, event(withIds('clock@example.com', ['processed', 90 * DAY, OTHER])));
    expect(c.letGo()).toEqual([]);
  });
});

describe('message store', () => {
  const at = (n: number) => event(withIds(`r${n}@example.com`, ['processed', n]));

  it('finds by address and ID, keeps recipients of one ID apart, and removes exactly one', () => {
    const t = new MessageStore(new Interner());
    // All three were sent in one request: one X-Message-Id (the key they are held under).
    const [a, b, c] = ['a@example.com', 'b@example.com', 'c@example.com'].map((email) => t.insert(event(withIds(email, ['processed', 0])), email, true, false)) as [number, number, number];
    expect(t.find('b@example.com', XMID)).toBe(b);
    const handle = t.message(b);
    t.remove(b);
    expect(t.find('b@example.com', XMID)).toBe(-1);
    expect(t.find('a@example.com', XMID)).toBe(a);
    expect(t.find('c@example.com', XMID)).toBe(c);
    // Letting go of a number that is no longer held does nothing.
    t.remove(b);
    expect(t.size).toBe(2);
    // A handle to a message let go keeps what it was, even once its number is reused.
    const d = t.insert(event(withIds('d@example.com', ['processed', 0])), 'd@example.com', true, false);
    expect(d).toBe(b);
    expect(handle.emailKey).toBe('b@example.com');
    expect(t.message(d).emailKey).toBe('d@example.com');
    expect(t.size).toBe(3);
    for (const n of [a, c, d]) t.remove(n);
    expect(t.size).toBe(0);
    expect(t.find('a@example.com', XMID)).toBe(-1);
  });

  it('holds a message_id as the start of its sg_message_id, and one that is not as itself', () => {
    const t = new MessageStore(new Interner());
    const usual = event(withIds('a@example.com', ['processed', 0]));
    const a = t.insert(usual, 'a@example.com', true, false);
    expect(usual.messageId).toBe(XMID);
    expect(t.message(a).messageId).toBe(XMID);
    expect(t.message(a).sgMessageId).toBe(usual.sgMessageId);
    expect(t.find('a@example.com', XMID)).toBe(a);
    expect(t.find('a@example.com', XMID.slice(0, -1))).toBe(-1);
    expect(t.find('a@example.com', usual.sgMessageId as string)).toBe(-1);
    // Not one the rules derive, but the store must not depend on it.
    const odd = { ...usual, messageId: 'elsewhere', sgMessageId: 'Zq1vUs8mR9Kw2LxYp4NbTg.filter1' } as SgEvent;
    const b = t.insert(odd, 'b@example.com', true, false);
    expect(t.message(b).messageId).toBe('elsewhere');
    expect(t.find('b@example.com', 'elsewhere')).toBe(b);
    expect(t.find('b@example.com', 'Zq1vUs8mR9Kw2LxYp4NbTg.filter1')).toBe(-1);
    // Held under the sg_message_id: no message_id.
    const bare = event({ event: 'open', email: 'c@example.com', timestamp: T0, sg_message_id: 'old.dotted.id' });
    expect(bare.messageId).toBeNull();
    const c = t.insert(bare, 'c@example.com', true, false);
    expect(t.message(c).messageId).toBeNull();
    expect(t.find('c@example.com', 'old.dotted.id')).toBe(c);
    t.remove(b);
    expect(t.find('b@example.com', 'elsewhere')).toBe(-1);
  });

  it('send facts are shared only by messages whose facts are the same, whatever characters they hold', () => {
    const t = new MessageStore(new Interner());
    // Texts from a log may hold any character, the separators a key could be built with too.
    const sends: Record<string, unknown>[] = [
      { marketing_campaign_name: 'Spring\u0000d-123', template_id: 'x', ip: '192.0.2.1' },
      { marketing_campaign_name: 'Spring', template_id: 'd-123\u0000x', ip: '192.0.2.1' },
      { marketing_campaign_name: '\u0001', ip: '192.0.2.1' },
      { ip: '192.0.2.1' },
      { asm_group_id: 7, ip: '192.0.2.1' },
      { asm_group_id: '7', ip: '192.0.2.1' },
      { asm_group_id: '#7', ip: '192.0.2.1' },
      { category: ['a', 'b'], ip: '192.0.2.1' },
      { category: ['a\u0000b'], ip: '192.0.2.1' },
    ];
    const numbers = sends.map((extra, i) => {
      const email = `r${i}@example.com`;
      const e = event(withIds(email, ['processed', 0, extra]));
      const n = t.insert(e, email, true, false);
      t.apply(n, e, T0);
      return n;
    });
    expect(numbers.map((n) => { const m = t.message(n); return [m.campaign, m.templateId, m.asmGroupId, m.sendingIp]; })).toEqual([
      ['Spring\u0000d-123', 'x', null, '192.0.2.1'],
      ['Spring', 'd-123\u0000x', null, '192.0.2.1'],
      ['\u0001', null, null, '192.0.2.1'],
      [null, null, null, '192.0.2.1'],
      [null, null, 7, '192.0.2.1'],
      [null, null, '7', '192.0.2.1'],
      [null, null, '#7', '192.0.2.1'],
      [null, null, null, '192.0.2.1'],
      [null, null, null, '192.0.2.1'],
    ]);
    expect(numbers.slice(-2).map((n) => t.message(n).categories)).toEqual([['a', 'b'], ['a\u0000b']]);
  });

  it('keeps every message findable through growth and any order of removal', () => {
    const t = new MessageStore(new Interner());
    const held = new Map<number, number>();
    // A fixed pseudo-random order of inserts and removals over a few thousand messages.
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let step = 0; step < 6000; step++) {
      const k = next() % 3000;
      const email = `r${k}@example.com`;
      const n = t.find(email, XMID);
      if (n >= 0) {
        expect(held.get(k)).toBe(n);
        if (next() % 2 === 0) {
          t.remove(n);
          held.delete(k);
        }
      } else {
        expect(held.has(k)).toBe(false);
        held.set(k, t.insert(at(k), email, true, false));
      }
    }
    expect(t.size).toBe(held.size);
    for (const [k, n] of held) expect(t.find(`r${k}@example.com`, XMID)).toBe(n);
    expect([...t.numbers()].sort((p, q) => p - q)).toEqual([...held.values()].sort((p, q) => p - q));
  });
});

describe('deduper generations', () => {
  it('still catches a copy one generation back, and forgets it two generations back', () => {
    const d = new Deduper();
    const o = withIds('r@example.com', ['delivered', 0]);
    expect(d.isCopy(event(o))).toBe(false);
    d.age();
    expect(d.isCopy(event(o))).toBe(true);
    d.age();
    d.age();
    expect(d.isCopy(event(o))).toBe(false);
    expect(d.removed).toBe(1);
  });
});

describe('running tally for --fail-on', () => {
  it('counts each message once, with its latest verdict, and lets it go', () => {
    const c = live();
    const tally = new RunningTally();
    const s = put(c, event(withIds('r@example.com', ['delivered', 0])))!;
    let counted = tally.add({ state: s, decision: decide(s, ctx(c.newestAt)) });
    const conditions = parseFailOn(['bounce-after-delivery>0', 'delivered>=1']);
    expect(checkFailOn(conditions, tally.current()).map((x) => x.holds)).toEqual([false, true]);
    put(c, event(asyncBounce('r@example.com', 60, '550 5.7.1 rejected as spam')));
    tally.remove(counted);
    counted = tally.add({ state: s, decision: decide(s, ctx(c.newestAt)) });
    const checks = checkFailOn(conditions, tally.current());
    expect(checks.map((x) => [x.count, x.total, x.holds])).toEqual([
      [1, 1, true],
      [0, 1, false],
    ]);
    tally.remove(counted);
    expect(tally.current().messages).toBe(0);
    expect(tally.current().errorList.total).toBe(0);
  });
});
