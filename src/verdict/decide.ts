import { EVENT_BITS, type BounceRecord, type MessageState } from '../messages/state.js';
import type { ReasonInfo, ReasonInput } from '../reasons/types.js';
import type { EvidenceFact } from './evidence.js';
import type { Verdict } from './verdicts.js';

/** Deferrals with no outcome this long after the first one are expired (docs/rules.md#deferral-expiry). */
export const EXPIRY_SECONDS = 72 * 3600;

/** What a verdict is decided with besides the message: the input's clock and the reason rules. */
export interface DecideOptions {
  /** The newest event time in the whole input. */
  newestAt: number;
  classify(input: ReasonInput): ReasonInfo;
  forwardTarget(text: string, recipient: string): string | null;
}

/** The event whose reason explains the verdict (a bounce, a drop or the last deferral). */
export interface DecidingEvent {
  event: 'bounce' | 'dropped' | 'deferred';
  at: number;
  type: string | null;
  status: string | null;
  reason: string | null;
  classification: string | null;
}

export interface Decision {
  verdict: Verdict;
  /** Any deferred, dropped or bounce event: what a naive error list shows. */
  errorList: boolean;
  deliveredAt: number | null;
  failedAt: number | null;
  deciding: DecidingEvent | null;
  reasonInfo: ReasonInfo | null;
  forwardTo: string | null;
  /**
   * The recipient's own address is bad, stop sending to it (docs/rules.md#hardness): never for a
   * transient reply, a reply about another address, or a recipient who demonstrably got the mail.
   * Null when no reply decided the verdict.
   */
  hard: boolean | null;
  /** The address a permanent reply says does not exist: the recipient (hard) or a forward target. */
  badAddress: string | null;
  /** The message's events contradict each other: a test POST or example data, not a delivery. */
  contradictory: boolean;
  /** The facts that decided the verdict, in the order they were established. */
  evidence: EvidenceFact[];
}

const DROPPED = EVENT_BITS['dropped'] as number;
/** Events that say the mail was sent or seen: a drop beside any of them is a contradiction. */
export const SENT_OR_SEEN_EVENTS = ['delivered', 'open', 'click'] as const;
const SENT_OR_SEEN = SENT_OR_SEEN_EVENTS.reduce((bits, name) => bits | (EVENT_BITS[name] as number), 0);
/** Kinds of event in one second beyond which a message is a test POST (SendGrid's sends all eleven). */
export const TEST_POST_KINDS = 6;

function bitCount(n: number): number {
  let c = 0;
  for (let v = n; v !== 0; v &= v - 1) c++;
  return c;
}

/** Event names for the bits set in `kinds`, in lifecycle order. */
function kindNames(kinds: number): string[] {
  return Object.entries(EVENT_BITS)
    .filter(([, bit]) => (kinds & bit) !== 0)
    .map(([name]) => name);
}

/**
 * Events that cannot all be true of one real message (docs/rules.md#contradictions): a drop
 * (never sent) beside a delivery, open or click; or most kinds of event within one second, as
 * SendGrid's "Test Your Integration" POST and the documentation examples have.
 */
function contradiction(s: MessageState): EvidenceFact | null {
  const sameSecond = s.timed && s.lastAt - s.firstAt < 1;
  if ((s.kinds & DROPPED) !== 0 && (s.kinds & SENT_OR_SEEN) !== 0) {
    return { kind: 'contradictory', events: kindNames(s.kinds & (DROPPED | SENT_OR_SEEN)), sameSecond };
  }
  if (sameSecond && bitCount(s.kinds) >= TEST_POST_KINDS) return { kind: 'contradictory', events: kindNames(s.kinds), sameSecond };
  return null;
}

function fromBounce(b: BounceRecord): DecidingEvent {
  return { event: 'bounce', at: b.at, type: b.type, status: b.status, reason: b.reason, classification: b.classification };
}

/** The verdict of one message: the first rule of docs/rules.md#verdicts that holds. */
export function decide(s: MessageState, ctx: DecideOptions): Decision {
  const errorList = s.deferrals > 0 || s.bounces.length > 0 || s.dropped !== null;
  const bounces = s.bounces.length > 1 ? [...s.bounces].sort((a, b) => a.at - b.at) : s.bounces;
  const delivered = s.firstDelivered;
  const facts: EvidenceFact[] = [];
  const conflict = contradiction(s);
  if (conflict !== null) facts.push(conflict);

  // Object literals, not spreads: this runs once per message.
  // `searched`: every bounce's reply has been searched for a forward target already.
  const done = (verdict: Verdict, failedAt: number | null, forwardTo: string | null, deciding: DecidingEvent | null, event = '', searched = false): Decision => {
    let reasonInfo: ReasonInfo | null = null;
    let hard: boolean | null = null;
    let badAddress: string | null = null;
    // A status alone (5.0.0 and no text) still tells permanence.
    if (deciding !== null && (deciding.reason !== null || deciding.status !== null)) {
      reasonInfo = ctx.classify({ text: deciding.reason ?? '', status: deciding.status, event });
      const gotIt = verdict === 'forwarded-bounce' || verdict === 'engaged-after-bounce';
      // A reply about another address says nothing bad about the recipient's, delivered or not
      // (the delivery may be in an earlier log).
      const about = forwardTo ?? (reasonInfo.hard && !searched && deciding.reason !== null ? ctx.forwardTarget(deciding.reason, s.email) : null);
      hard = reasonInfo.hard && !gotIt && conflict === null && about === null;
      badAddress = hard ? s.email : about !== null && reasonInfo.hard ? about : null;
      facts.push({ kind: 'reason', reasonClass: reasonInfo.reason_class, permanent: reasonInfo.permanent, hard, replyHard: reasonInfo.hard, badAddress, forwardTo: about });
    }
    return {
      verdict,
      errorList,
      deliveredAt: delivered,
      failedAt,
      deciding,
      reasonInfo,
      forwardTo,
      hard,
      badAddress,
      contradictory: conflict !== null,
      evidence: facts,
    };
  };
  const lastDeferral = (): DecidingEvent | null => {
    const last = s.lastDeferral;
    return last ? { event: 'deferred', at: last.at, type: null, status: null, reason: last.response, classification: null } : null;
  };

  if (delivered !== null) {
    // A bounce at the same second as the delivery still comes after it (lifecycle order).
    const after = bounces.filter((b) => b.at >= delivered);
    if (after.length > 0) {
      const first = after[0] as BounceRecord;
      let chosen = first;
      let forwardTo: string | null = null;
      for (const b of after) {
        const target = b.reason === null ? null : ctx.forwardTarget(b.reason, s.email);
        if (target !== null) {
          chosen = b;
          forwardTo = target;
          break;
        }
      }
      facts.push({ kind: 'bounce-after-delivery', gap: chosen.at - delivered, bounceType: chosen.type, forwardTo });
      let verdict: Verdict;
      if (forwardTo !== null) {
        verdict = 'forwarded-bounce';
      } else if (s.lastHumanEngagement !== null && s.lastHumanEngagement >= first.at) {
        verdict = 'engaged-after-bounce';
        facts.push({ kind: 'engaged-after-bounce', gap: s.lastHumanEngagement - first.at });
      } else {
        verdict = 'bounce-after-delivery';
      }
      if (s.machineOpens > 0 && verdict !== 'engaged-after-bounce') {
        facts.push({ kind: 'machine-opens-ignored', count: s.machineOpens });
      }
      return done(verdict, chosen.at, forwardTo, fromBounce(chosen), 'bounce', true);
    }
    if (s.firstDeferred !== null && s.firstDeferred <= (s.lastDelivered ?? delivered)) {
      facts.push({ kind: 'delivered-after-deferrals', deferrals: s.deferrals, gap: delivered - s.firstDeferred });
      return done('delivered-after-deferral', null, null, lastDeferral(), 'deferred');
    }
    facts.push({ kind: 'delivered', deferrals: 0 });
    return done('delivered', null, null, null);
  }

  // Never delivered: it failed at the first bounce or drop, whichever event decides the verdict.
  const firstBounce = bounces.length > 0 ? (bounces[0] as BounceRecord).at : null;
  const firstFailure =
    s.dropped === null ? firstBounce : firstBounce === null ? s.dropped.at : Math.min(firstBounce, s.dropped.at);

  if (s.dropped !== null) {
    const d = s.dropped;
    facts.push({ kind: 'dropped', reason: d.reason });
    const deciding: DecidingEvent = { event: 'dropped', at: d.at, type: null, status: d.status, reason: d.reason, classification: null };
    return done('dropped', firstFailure, null, deciding, 'dropped');
  }

  const firstDeferred = s.firstDeferred;
  const bounceAfterDeferral = firstDeferred === null ? undefined : bounces.find((b) => b.at >= firstDeferred);
  const expiredType = bounces.find((b) => b.type !== null && b.type.toLowerCase() === 'expired');
  if (bounceAfterDeferral !== undefined || expiredType !== undefined) {
    const b = (bounceAfterDeferral ?? expiredType) as BounceRecord;
    if (bounceAfterDeferral !== undefined && firstDeferred !== null) {
      facts.push({ kind: 'bounce-after-deferrals', deferrals: s.deferrals, gap: b.at - firstDeferred, bounceType: b.type });
    } else {
      facts.push({ kind: 'expired-type' });
    }
    return done('expired', firstFailure, null, fromBounce(b), 'bounce');
  }

  if (bounces.length > 0) {
    const blocked = bounces.find((b) => b.type !== null && b.type.toLowerCase() === 'blocked');
    const b = blocked ?? (bounces[0] as BounceRecord);
    facts.push({ kind: 'bounce-never-delivered', bounceType: b.type });
    return done(blocked ? 'blocked' : 'bounced', firstFailure, null, fromBounce(b), 'bounce');
  }

  if (firstDeferred !== null) {
    const age = ctx.newestAt - firstDeferred;
    const expired = age > EXPIRY_SECONDS;
    facts.push({ kind: expired ? 'deferral-timed-out' : 'deferral-pending', deferrals: s.deferrals, age });
    return done(expired ? 'expired' : 'deferred', null, null, lastDeferral(), 'deferred');
  }

  if (s.processedAt !== null) {
    facts.push({ kind: 'processed-only' });
    return done('processed', null, null, null);
  }
  facts.push({ kind: 'engagement-only', events: s.events });
  return done('unknown', null, null, null);
}
