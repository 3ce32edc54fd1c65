import type { Catalog } from '../i18n/catalog.js';
import type { EvidenceFact } from '../verdict/evidence.js';
import type { Scrub } from './redact.js';

/** One sentence per fact, naming the events and the time between them, in the catalogue's language. */
export function evidenceSentence(f: EvidenceFact, recipient: string, scrub: Scrub, t: Catalog): string {
  const say = t.evidence;
  const gap = (seconds: number) => t.duration(seconds);
  switch (f.kind) {
    case 'bounce-after-delivery':
      return say.bounceAfterDelivery({ bounceType: f.bounceType, gap: gap(f.gap), target: f.forwardTo ? scrub(f.forwardTo) : null, recipient: scrub(recipient) });
    case 'engaged-after-bounce':
      return say.engagedAfterBounce({ gap: gap(f.gap) });
    case 'machine-opens-ignored':
      return say.machineOpensIgnored({ count: f.count });
    case 'delivered-after-deferrals':
      return say.deliveredAfterDeferrals({ deferrals: f.deferrals, gap: gap(f.gap) });
    case 'delivered':
      return say.delivered;
    case 'dropped':
      return say.dropped({ reason: f.reason ? scrub(f.reason) : null });
    case 'bounce-after-deferrals':
      return say.bounceAfterDeferrals({ deferrals: f.deferrals, bounceType: f.bounceType, gap: gap(f.gap) });
    case 'expired-type':
      return say.expiredType;
    case 'deferral-timed-out':
      return say.deferralTimedOut({ deferrals: f.deferrals, age: gap(f.age) });
    case 'bounce-never-delivered':
      return say.bounceNeverDelivered({ bounceType: f.bounceType });
    case 'deferral-pending':
      return say.deferralPending({ deferrals: f.deferrals, age: gap(f.age) });
    case 'processed-only':
      return say.processedOnly;
    case 'engagement-only':
      return say.engagementOnly({ events: f.events });
    case 'contradictory':
      return say.contradictory({ events: f.events, sameSecond: f.sameSecond });
    case 'reason': {
      const address = f.hard
        ? say.addressBad
        : f.forwardTo !== null
          ? f.badAddress !== null
            ? say.targetBad({ target: scrub(f.forwardTo) })
            : say.aboutTarget({ target: scrub(f.forwardTo) })
          : f.replyHard
            ? say.replyCallsBad
            : say.addressFine;
      const permanence = f.permanent === true ? 'permanent' : f.permanent === false ? 'temporary' : 'unclear';
      return say.reason({ reasonClass: f.reasonClass, meaning: t.reasonClass[f.reasonClass], permanence, address });
    }
  }
}

export function evidenceSentences(facts: readonly EvidenceFact[], recipient: string, scrub: Scrub, t: Catalog): string[] {
  return facts.map((f) => evidenceSentence(f, recipient, scrub, t));
}
