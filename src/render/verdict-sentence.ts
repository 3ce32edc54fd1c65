import type { MessageView } from '../verdict/view.js';
import { REASON_CLASS_DESCRIPTIONS } from '../reasons/hints.js';
import type { Scrub } from './redact.js';
import { formatDuration, type TimeFormatter } from './time.js';

/** One plain sentence a support engineer could send to the customer. */
export function verdictSentence(v: MessageView, time: TimeFormatter, scrub: Scrub): string {
  const s = v.state;
  const d = v.decision;
  const email = scrub(s.email);
  const at = (t: number | null) => (t === null || !s.timed ? 'an unknown time' : time.dateTime(t));
  const gap = d.deliveredAt !== null && d.failedAt !== null ? formatDuration(d.failedAt - d.deliveredAt) : '';
  const why = d.reasonInfo ? ` (${REASON_CLASS_DESCRIPTIONS[d.reasonInfo.reason_class]})` : '';
  if (d.contradictory) {
    return `The events for ${email} contradict each other, so no verdict can be trusted: this looks like a webhook test POST (SendGrid's "Test Your Integration") or example data, not a real delivery.`;
  }
  switch (d.verdict) {
    case 'forwarded-bounce':
      return `The message was delivered to ${email} at ${at(d.deliveredAt)}; ${gap} later a bounce arrived about ${scrub(d.forwardTo ?? '')}, an address the mail was passed on to${why}, so ${email} did receive it${d.badAddress !== null ? `; ${scrub(d.badAddress)} does not exist, ${email} is fine` : ''}.`;
    case 'engaged-after-bounce':
      return `The message was delivered to ${email} at ${at(d.deliveredAt)}; a bounce arrived ${gap} later, but the message was opened or clicked after that, so it did arrive.`;
    case 'bounce-after-delivery':
      return `The receiving server accepted the message for ${email} at ${at(d.deliveredAt)} and reported a failure ${gap} later${why}; it may not have reached the inbox.`;
    case 'delivered-after-deferral':
      return `The receiving server delayed the message ${s.deferrals === 1 ? 'once' : `${s.deferrals} times`}, then accepted it for ${email} at ${at(d.deliveredAt)}: it was delivered.`;
    case 'delivered':
      return `The message was delivered to ${email} at ${at(d.deliveredAt)}.`;
    case 'dropped':
      return `SendGrid did not send the message to ${email}${d.deciding?.reason ? ` (${scrub(d.deciding.reason)})` : ''}: the address is on a suppression list.`;
    case 'expired':
      return `The receiving server kept deferring the message for ${email} until SendGrid stopped retrying${d.failedAt !== null ? ` at ${at(d.failedAt)}` : ''}; it was not delivered.`;
    case 'blocked':
      return `The receiving server refused the message for ${email} at ${at(d.failedAt)}${why}; it was not delivered.`;
    case 'bounced':
      return `The message to ${email} bounced at ${at(d.failedAt)}${why}; it was not delivered${d.hard === true ? ', and the address does not exist: stop sending to it' : ''}.`;
    case 'deferred':
      return `The message to ${email} is still being retried: the receiving server deferred it ${s.deferrals === 1 ? 'once' : `${s.deferrals} times`}, first at ${at(s.firstDeferred)}.`;
    case 'processed':
      return `SendGrid accepted the message for ${email} at ${at(s.processedAt)}; this log has no delivery result yet.`;
    case 'unknown':
      return `This log holds only engagement events for ${email}; the send events are not in it.`;
  }
}
