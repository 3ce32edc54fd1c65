import type { MessageView } from '../verdict/view.js';
import { VERDICT_GROUP, VERDICTS, type Verdict, type VerdictGroup } from '../verdict/verdicts.js';
import type { VerdictCount } from './types.js';

export function zeroGroups(): Record<VerdictGroup, number> {
  return { failed: 0, 'after-delivery': 0, recovered: 0, pending: 0, delivered: 0, other: 0 };
}

/** Messages per verdict (every verdict present, zeros included) and per verdict group. */
export class VerdictTally {
  private readonly verdicts = Object.fromEntries(VERDICTS.map((v) => [v, { count: 0, errorList: 0 }])) as Record<Verdict, VerdictCount>;
  private readonly groups = zeroGroups();

  add(m: MessageView): void {
    const v = m.decision.verdict;
    this.verdicts[v].count++;
    if (m.decision.errorList) this.verdicts[v].errorList++;
    this.groups[VERDICT_GROUP[v]]++;
  }

  result(): { verdicts: Record<Verdict, VerdictCount>; groups: Record<VerdictGroup, number> } {
    return { verdicts: this.verdicts, groups: this.groups };
  }
}
