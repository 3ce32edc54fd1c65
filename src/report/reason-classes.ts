import type { MessageView } from '../verdict/view.js';
import { REASON_CLASSES, type ReasonClass } from '../reasons/types.js';
import { VERDICT_GROUP, type VerdictGroup } from '../verdict/verdicts.js';
import type { ReasonClassCount } from './types.js';

function rank(c: ReasonClass | null): number {
  return c === null ? REASON_CLASSES.length : REASON_CLASSES.indexOf(c);
}

/**
 * Reason classes of the messages in one verdict group, most frequent first (ties in
 * REASON_CLASSES order, no reason last). The counts sum to the group's message count.
 */
export class ReasonClassTally {
  private readonly counts = new Map<ReasonClass | null, number>();

  constructor(private readonly group: VerdictGroup) {}

  add(m: MessageView): void {
    if (VERDICT_GROUP[m.decision.verdict] !== this.group) return;
    const c = m.decision.reasonInfo?.reason_class ?? null;
    this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
  }

  result(): ReasonClassCount[] {
    return [...this.counts.entries()]
      .map(([reasonClass, count]) => ({ reasonClass, count }))
      .sort((a, b) => b.count - a.count || rank(a.reasonClass) - rank(b.reasonClass));
  }
}
