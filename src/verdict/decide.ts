import type { BounceRecord, MessageState } from '../messages/state.js';
import type { ReasonInfo, ReasonInput } from '../reasons/types.js';
import type { EvidenceFact } from './evidence.js';
import type { Verdict } from './verdicts.js';

/** Deferrals with no outcome this long after the first one are expired (SPEC section 6). */
export const EXPIRY_SECONDS = 72 * 3600;

export interface DecideContext {
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
  facts: EvidenceFact[];
}

function fromBounce(b: BounceRecord): DecidingEvent {
  return { event: 'bounce', at: b.at, type: b.type, status: b.status, reason: b.reason, classification: b.classification };
}

/** The verdict of one message: the first rule of SPEC section 6 that holds. */
export function decide(s: MessageState, ctx: DecideContext): Decision {
  const errorList = s.deferrals > 0 || s.bounces.length > 0 || s.dropped !== null;
  const bounces = [...s.bounces].sort((a, b) => a.at - b.at);
  const delivered = s.firstDelivered;
  const facts: EvidenceFact[] = [];
  const base = { errorList, deliveredAt: delivered };

  const withReason = (d: DecidingEvent | null, event: string): { deciding: DecidingEvent | null; reasonInfo: ReasonInfo | null } => {
    if (d === null || d.reason === null) return { deciding: d, reasonInfo: null };
    const info = ctx.classify({ text: d.reason, status: d.status, event });
    facts.push({ kind: 'reason', reasonClass: info.reason_class, hard: info.hard, permanent: info.permanent });
    return { deciding: d, reasonInfo: info };
  };

  if (delivered !== null) {
    // A bounce at the same second as the delivery still comes after it (lifecycle order).
    const after = bounces.filter((b) => b.at >= delivered);
    if (after.length > 0) {
      let chosen = after[0] as BounceRecord;
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
      } else if (s.lastHumanEngagement !== null && s.lastHumanEngagement >= (after[0] as BounceRecord).at) {
        verdict = 'engaged-after-bounce';
        facts.push({ kind: 'engaged-after-bounce', gap: s.lastHumanEngagement - (after[0] as BounceRecord).at });
      } else {
        verdict = 'bounce-after-delivery';
      }
      if (s.machineOpens > 0 && verdict !== 'engaged-after-bounce') {
        facts.push({ kind: 'machine-opens-ignored', count: s.machineOpens });
      }
      const r = withReason(fromBounce(chosen), 'bounce');
      return { ...base, verdict, failedAt: chosen.at, forwardTo, facts, ...r };
    }
    if (s.firstDeferred !== null && s.firstDeferred <= (s.lastDelivered ?? delivered)) {
      facts.push({ kind: 'delivered-after-deferrals', deferrals: s.deferrals, gap: delivered - s.firstDeferred });
      const last = s.lastDeferral;
      const r = withReason(
        last ? { event: 'deferred', at: last.at, type: null, status: null, reason: last.response, classification: null } : null,
        'deferred',
      );
      return { ...base, verdict: 'delivered-after-deferral', failedAt: null, forwardTo: null, facts, ...r };
    }
    facts.push({ kind: 'delivered', deferrals: 0 });
    return { ...base, verdict: 'delivered', failedAt: null, forwardTo: null, facts, deciding: null, reasonInfo: null };
  }

  if (s.dropped !== null) {
    facts.push({ kind: 'dropped', reason: s.dropped.reason });
    const d = s.dropped;
    const r = withReason({ event: 'dropped', at: d.at, type: null, status: d.status, reason: d.reason, classification: null }, 'dropped');
    return { ...base, verdict: 'dropped', failedAt: d.at, forwardTo: null, facts, ...r };
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
    const r = withReason(fromBounce(b), 'bounce');
    return { ...base, verdict: 'expired', failedAt: b.at, forwardTo: null, facts, ...r };
  }

  if (bounces.length > 0) {
    const blocked = bounces.find((b) => b.type !== null && b.type.toLowerCase() === 'blocked');
    const b = blocked ?? (bounces[0] as BounceRecord);
    facts.push({ kind: 'bounce-never-delivered', bounceType: b.type });
    const r = withReason(fromBounce(b), 'bounce');
    return { ...base, verdict: blocked ? 'blocked' : 'bounced', failedAt: b.at, forwardTo: null, facts, ...r };
  }

  if (firstDeferred !== null) {
    const age = ctx.newestAt - firstDeferred;
    const last = s.lastDeferral;
    const expired = age > EXPIRY_SECONDS;
    facts.push({ kind: expired ? 'deferral-timed-out' : 'deferral-pending', deferrals: s.deferrals, age });
    const r = withReason(
      last ? { event: 'deferred', at: last.at, type: null, status: null, reason: last.response, classification: null } : null,
      'deferred',
    );
    return { ...base, verdict: expired ? 'expired' : 'deferred', failedAt: null, forwardTo: null, facts, ...r };
  }

  if (s.processedAt !== null) {
    facts.push({ kind: 'processed-only' });
    return { ...base, verdict: 'processed', failedAt: null, forwardTo: null, facts, deciding: null, reasonInfo: null };
  }
  facts.push({ kind: 'engagement-only', events: s.events });
  return { ...base, verdict: 'unknown', failedAt: null, forwardTo: null, facts, deciding: null, reasonInfo: null };
}
