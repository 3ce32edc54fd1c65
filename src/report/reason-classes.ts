import type { MessageView } from '../app/analyze.js';
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
export function countReasonClasses(messages: readonly MessageView[], group: VerdictGroup): ReasonClassCount[] {
  const counts = new Map<ReasonClass | null, number>();
  for (const m of messages) {
    if (VERDICT_GROUP[m.decision.verdict] !== group) continue;
    const c = m.decision.reasonInfo?.reason_class ?? null;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([reasonClass, count]) => ({ reasonClass, count }))
    .sort((a, b) => b.count - a.count || rank(a.reasonClass) - rank(b.reasonClass));
}
