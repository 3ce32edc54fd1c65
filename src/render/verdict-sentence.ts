import type { Catalog } from '../i18n/catalog.js';
import type { MessageView } from '../verdict/view.js';
import type { Scrub } from './redact.js';
import type { TimeFormatter } from './time.js';

/** One plain sentence a support engineer could send to the customer, in the catalogue's language. */
export function verdictSentence(v: MessageView, time: TimeFormatter, scrub: Scrub, t: Catalog): string {
  const s = v.state;
  const d = v.decision;
  const email = scrub(s.email);
  const at = (x: number | null) => (x === null || !s.timed ? t.unknownTime : time.dateTime(x));
  const gap = d.deliveredAt !== null && d.failedAt !== null ? t.duration(d.failedAt - d.deliveredAt) : '';
  const why = d.reasonInfo ? t.reasonClass[d.reasonInfo.reason_class] : null;
  const say = t.sentence;
  if (d.contradictory) return say.contradictory({ email });
  switch (d.verdict) {
    case 'forwarded-bounce':
      return say['forwarded-bounce']({ email, at: at(d.deliveredAt), gap, target: scrub(d.forwardTo ?? ''), why, bad: d.badAddress === null ? null : scrub(d.badAddress) });
    case 'engaged-after-bounce':
      return say['engaged-after-bounce']({ email, at: at(d.deliveredAt), gap });
    case 'bounce-after-delivery':
      return say['bounce-after-delivery']({ email, at: at(d.deliveredAt), gap, why });
    case 'delivered-after-deferral':
      return say['delivered-after-deferral']({ email, at: at(d.deliveredAt), deferrals: s.deferrals });
    case 'delivered':
      return say.delivered({ email, at: at(d.deliveredAt) });
    case 'dropped':
      return say.dropped({ email, reason: d.deciding?.reason ? scrub(d.deciding.reason) : null });
    case 'expired':
      return say.expired({ email, at: d.failedAt !== null ? at(d.failedAt) : null });
    case 'blocked':
      return say.blocked({ email, at: at(d.failedAt), why });
    case 'bounced':
      return say.bounced({ email, at: at(d.failedAt), why, hard: d.hard === true });
    case 'deferred':
      return say.deferred({ email, at: at(s.firstDeferred), deferrals: s.deferrals });
    case 'processed':
      return say.processed({ email, at: at(s.processedAt) });
    case 'unknown':
      return say.unknown({ email });
  }
}
