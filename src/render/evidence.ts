import { REASON_CLASS_DESCRIPTIONS } from '../reasons/hints.js';
import type { EvidenceFact } from '../verdict/evidence.js';
import type { Scrub } from './redact.js';
import { formatDuration } from './time.js';

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function typed(bounceType: string | null): string {
  return bounceType ? `bounce (type ${bounceType})` : 'bounce';
}

/** One sentence per fact, naming the events and the time between them. */
export function evidenceSentence(f: EvidenceFact, recipient: string, scrub: Scrub): string {
  switch (f.kind) {
    case 'bounce-after-delivery':
      return f.forwardTo
        ? `${typed(f.bounceType)} ${formatDuration(f.gap)} after delivered; the reason names ${scrub(f.forwardTo)}, not the recipient ${scrub(recipient)}`
        : `${typed(f.bounceType)} ${formatDuration(f.gap)} after delivered: the receiving server accepted the mail, then reported a failure`;
    case 'engaged-after-bounce':
      return `opened or clicked by a person ${formatDuration(f.gap)} after the bounce: the recipient has the mail`;
    case 'machine-opens-ignored':
      return `${f.count} machine open${f.count === 1 ? '' : 's'} (sg_machine_open) not counted as engagement`;
    case 'delivered-after-deferrals':
      return `deferred ${times(f.deferrals)}, then delivered ${formatDuration(f.gap)} after the first deferral`;
    case 'delivered':
      return 'delivered; no bounce, drop or deferral recorded';
    case 'dropped':
      return `dropped by SendGrid${f.reason ? ` (${scrub(f.reason)})` : ''}: it was never sent`;
    case 'bounce-after-deferrals':
      return `deferred ${times(f.deferrals)}, then a ${typed(f.bounceType)} ${formatDuration(f.gap)} after the first deferral: SendGrid stopped retrying`;
    case 'expired-type':
      return 'bounce of type expired: SendGrid stopped retrying';
    case 'deferral-timed-out':
      return `deferred ${times(f.deferrals)} with no outcome; the first deferral is ${formatDuration(f.age)} before the newest event in the input (over 72h)`;
    case 'bounce-never-delivered':
      return `${typed(f.bounceType)} with no delivery before it`;
    case 'deferral-pending':
      return `deferred ${times(f.deferrals)}, no outcome yet; the first deferral is ${formatDuration(f.age)} before the newest event in the input (under 72h)`;
    case 'processed-only':
      return 'processed by SendGrid; no delivery, deferral or bounce yet';
    case 'engagement-only':
      return `only engagement events (${f.events}); the send events are not in this input`;
    case 'contradictory':
      return `these events contradict each other for one message (${f.events.join(', ')})${f.sameSecond ? ', all within one second' : ''}: it looks like a webhook test POST or example data, not a real delivery`;
    case 'reason': {
      const address = f.hard
        ? 'the address is bad: stop sending to it'
        : f.forwardTo !== null
          ? f.badAddress !== null
            ? `the forward target ${scrub(f.forwardTo)} does not exist; the recipient's own address is fine`
            : `it is about the forward target ${scrub(f.forwardTo)}; the recipient's own address is fine`
          : f.replyHard
            ? 'the reply calls the address bad, but that is not what the other events show'
            : 'the address itself is fine';
      const perm = f.permanent === true ? 'permanent' : f.permanent === false ? 'temporary' : 'unclear permanence';
      return `the reason reads as ${f.reasonClass} (${REASON_CLASS_DESCRIPTIONS[f.reasonClass]}; ${perm}; ${address})`;
    }
  }
}

export function evidenceSentences(facts: readonly EvidenceFact[], recipient: string, scrub: Scrub): string[] {
  return facts.map((f) => evidenceSentence(f, recipient, scrub));
}
