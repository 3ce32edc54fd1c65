import { complained, leftAGroup, unsubscribed } from '../messages/state.js';
import type { MessageView } from '../verdict/view.js';
import type { FeedbackCounts, FeedbackTerm } from './types.js';

/**
 * What recipients said back (docs/rules.md#report): spam complaints and unsubscribes, per
 * message, with the delivered messages they are rated against — the number mailbox providers
 * hold bulk senders to is complaints per delivered message.
 */
export class FeedbackTally {
  private readonly counts: FeedbackCounts = { delivered: 0, spamreport: 0, unsubscribe: 0, groupUnsubscribe: 0 };

  add(m: MessageView): void {
    const s = m.state;
    if (m.decision.deliveredAt !== null) this.counts.delivered++;
    if (complained(s)) this.counts.spamreport++;
    if (unsubscribed(s)) this.counts.unsubscribe++;
    if (leftAGroup(s)) this.counts.groupUnsubscribe++;
  }

  result(): FeedbackCounts {
    return { ...this.counts };
  }
}

/** The feedback kinds `--fail-on` may name, each counted in messages. */
export const FEEDBACK_TERMS = {
  spamreport: 'spamreport',
  unsubscribe: 'unsubscribe',
  group_unsubscribe: 'groupUnsubscribe',
} as const satisfies Record<FeedbackTerm, keyof Omit<FeedbackCounts, 'delivered'>>;

export type { FeedbackTerm } from './types.js';
