import { normalizeEvent } from '../../src/events/normalize.js';
import { Deduper } from '../../src/events/dedupe.js';
import { MessageCollector, DEFAULT_ATTACH_WINDOW } from '../../src/messages/collector.js';
import { classifyReason } from '../../src/reasons/classify.js';
import { findForwardTarget } from '../../src/reasons/forward-target.js';
import { decide } from '../../src/verdict/decide.js';
import type { MessageView } from '../../src/verdict/view.js';

export const T0 = 1794992716; // 2026-11-18T09:05:16Z
export const XMID = 'T8mFhLcxQe2nRk4VwP3aZg';
export const SGID = `${XMID}.filterdrecv-5f8d7c9b6-x2k4p-1-673B05CA-2A.0`;

/** A compact way to write one event of a test case: [event, seconds after T0, extra fields]. */
export type Ev = [string, number, Record<string, unknown>?];

/** An event of the message under test (IDs set unless the extra fields override them). */
export function withIds(email: string, [event, dt, extra]: Ev): Record<string, unknown> {
  return {
    email,
    event,
    timestamp: T0 + dt,
    sg_message_id: SGID,
    'smtp-id': `<${XMID}@geopod-ismtpd-2-7>`,
    sg_event_id: `${event}-${dt}-${Math.random().toString(36).slice(2)}`,
    ...extra,
  };
}

/** An asynchronous bounce: no sg_message_id, no smtp-id, no ip. */
export function asyncBounce(email: string, dt: number, reason: string, type = 'blocked'): Record<string, unknown> {
  return { email, event: 'bounce', timestamp: T0 + dt, sg_message_id: '', type, reason, sg_event_id: `b-${dt}-${Math.random()}` };
}

/** Groups raw event objects (in the given arrival order) and decides each message. */
export function analyzeObjects(objects: Record<string, unknown>[], attachWindow = DEFAULT_ATTACH_WINDOW): MessageView[] {
  const collector = new MessageCollector({ attachWindow });
  const dedupe = new Deduper({ trackCopies: true });
  objects.forEach((o, seq) => {
    const e = normalizeEvent(structuredClone(o), { file: 'test.log', line: seq + 1, seq, contextTime: undefined });
    if (dedupe.isCopy(e)) collector.addDuplicate(e);
    else collector.add(e);
  });
  const states = collector.finish();
  const ctx = { newestAt: collector.newestAt, classify: classifyReason, forwardTarget: findForwardTarget };
  return [...states].map((state) => ({ state, decision: decide(state, ctx) }));
}
