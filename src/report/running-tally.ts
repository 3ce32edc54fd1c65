import { complained, leftAGroup, unsubscribed } from '../messages/state.js';
import { VERDICT_GROUP, VERDICTS, type Verdict } from '../verdict/verdicts.js';
import type { MessageView } from '../verdict/view.js';
import type { FailCounts } from './fail-on.js';
import { zeroGroups } from './verdict-counts.js';

/**
 * What one message adds to the counts, remembered so that it can be taken back when the message's
 * verdict changes or the message is let go: the verdict's index and five flags in one small
 * integer (a live run holds one per message).
 */
export type Contribution = number;

const ERROR_LIST = 1;
const DELIVERED = 2;
const SPAMREPORT = 4;
const UNSUBSCRIBE = 8;
const GROUP_UNSUBSCRIBE = 16;
const FLAG_BITS = 5;

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
    const flags =
      (v.decision.errorList ? ERROR_LIST : 0) |
      (v.decision.deliveredAt !== null ? DELIVERED : 0) |
      (complained(s) ? SPAMREPORT : 0) |
      (unsubscribed(s) ? UNSUBSCRIBE : 0) |
      (leftAGroup(s) ? GROUP_UNSUBSCRIBE : 0);
    const c = (VERDICTS.indexOf(v.decision.verdict) << FLAG_BITS) | flags;
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
    const verdict = VERDICTS[c >> FLAG_BITS] as Verdict;
    n.messages += sign;
    n.verdicts[verdict].count += sign;
    n.groups[VERDICT_GROUP[verdict]] += sign;
    if (c & ERROR_LIST) n.errorList.total += sign;
    if (c & DELIVERED) n.feedback.delivered += sign;
    if (c & SPAMREPORT) n.feedback.spamreport += sign;
    if (c & UNSUBSCRIBE) n.feedback.unsubscribe += sign;
    if (c & GROUP_UNSUBSCRIBE) n.feedback.groupUnsubscribe += sign;
  }
}
