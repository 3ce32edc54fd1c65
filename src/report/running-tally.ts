import { complained, unsubscribed, unsubscribedGroups } from '../messages/state.js';
import { VERDICT_GROUP, VERDICTS, type Verdict } from '../verdict/verdicts.js';
import type { MessageView } from '../verdict/view.js';
import type { FailCounts } from './fail-on.js';
import { zeroGroups } from './verdict-counts.js';

/**
 * What one message adds to the counts, remembered so that it can be taken back when the message's
 * verdict changes or the message is let go.
 */
export interface Contribution {
  verdict: Verdict;
  errorList: boolean;
  delivered: boolean;
  spamreport: boolean;
  unsubscribe: boolean;
  groupUnsubscribe: boolean;
}

/**
 * The counts `--fail-on` is checked against while messages keep changing (`messages --follow`):
 * a message is added with its current verdict and taken back before it is added again.
 */
export class RunningTally {
  private readonly counts: FailCounts = {
    messages: 0,
    verdicts: Object.fromEntries(VERDICTS.map((v) => [v, { count: 0 }])) as Record<Verdict, { count: number }>,
    groups: zeroGroups(),
    errorList: { total: 0 },
    feedback: { delivered: 0, spamreport: 0, unsubscribe: 0, groupUnsubscribe: 0 },
    accountChanges: [{ count: 0 }],
  };

  add(v: MessageView): Contribution {
    const s = v.state;
    const c: Contribution = {
      verdict: v.decision.verdict,
      errorList: v.decision.errorList,
      delivered: v.decision.deliveredAt !== null,
      spamreport: complained(s),
      unsubscribe: unsubscribed(s),
      groupUnsubscribe: s.groupChanges !== null && unsubscribedGroups(s).length > 0,
    };
    this.apply(c, 1);
    return c;
  }

  remove(c: Contribution): void {
    this.apply(c, -1);
  }

  /** Account status change events (they belong to no message). */
  accountChange(events = 1): void {
    (this.counts.accountChanges[0] as { count: number }).count += events;
  }

  current(): FailCounts {
    return this.counts;
  }

  private apply(c: Contribution, sign: 1 | -1): void {
    const n = this.counts;
    n.messages += sign;
    n.verdicts[c.verdict].count += sign;
    n.groups[VERDICT_GROUP[c.verdict]] += sign;
    if (c.errorList) n.errorList.total += sign;
    if (c.delivered) n.feedback.delivered += sign;
    if (c.spamreport) n.feedback.spamreport += sign;
    if (c.unsubscribe) n.feedback.unsubscribe += sign;
    if (c.groupUnsubscribe) n.feedback.groupUnsubscribe += sign;
  }
}
