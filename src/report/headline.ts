import type { MessageView } from '../verdict/view.js';
import { VERDICT_GROUP, VERDICTS, type Verdict, type VerdictGroup } from '../verdict/verdicts.js';
import type { ErrorListComparison } from './types.js';

/**
 * The order of the headline (docs/rules.md#report): real failures, delivered first, recovered, still
 * pending. `delivered` and `other` close the list so that the outcomes always sum to the total:
 * a message can be on the error list and still be plainly `delivered` (its bounce or deferral
 * came before the delivery, or a drop of a second copy).
 */
export const HEADLINE_GROUPS = ['failed', 'after-delivery', 'recovered', 'pending', 'delivered', 'other'] as const satisfies readonly VerdictGroup[];

/** Verdict groups in the order reports list them. */
export function verdictsOf(group: VerdictGroup): Verdict[] {
  return VERDICTS.filter((v) => VERDICT_GROUP[v] === group);
}

/** What became of the messages a naive error list shows. */
export class ErrorListTally {
  private readonly byVerdict = new Map<Verdict, number>();
  private total = 0;

  add(m: MessageView): void {
    if (!m.decision.errorList) return;
    this.total++;
    this.byVerdict.set(m.decision.verdict, (this.byVerdict.get(m.decision.verdict) ?? 0) + 1);
  }

  result(): ErrorListComparison {
    return comparison(this.byVerdict, this.total);
  }
}

function comparison(byVerdict: ReadonlyMap<Verdict, number>, total: number): ErrorListComparison {
  const outcomes = HEADLINE_GROUPS.map((group) => {
    const verdicts: Partial<Record<Verdict, number>> = {};
    let count = 0;
    for (const v of verdictsOf(group)) {
      const n = byVerdict.get(v) ?? 0;
      if (n === 0) continue;
      verdicts[v] = n;
      count += n;
    }
    return { group, count, verdicts };
  });
  return { total, outcomes };
}
