import { FEEDBACK_TERMS } from './feedback.js';
import type { VerdictGroup, Verdict } from '../verdict/verdicts.js';
import type { FailCheck, FailCondition, FailSubject, FeedbackCounts } from './types.js';

export type { FailCheck, FailCondition, FailSubject } from './types.js';

/** The counts a `--fail-on` condition is checked against: a whole report's, or a live run's. */
export interface FailCounts {
  messages: number;
  verdicts: Record<Verdict, { count: number }>;
  groups: Record<VerdictGroup, number>;
  errorList: { total: number };
  feedback: FeedbackCounts;
  accountChanges: readonly { count: number }[];
}

function countOf(subject: FailSubject, report: FailCounts): number {
  switch (subject.kind) {
    case 'verdict':
      return report.verdicts[subject.verdict].count;
    case 'group':
      return report.groups[subject.group];
    case 'error-list':
      return report.errorList.total;
    case 'feedback':
      return report.feedback[FEEDBACK_TERMS[subject.term]];
    case 'account':
      return report.accountChanges.reduce((n, c) => n + c.count, 0);
  }
}

/** Checks each condition against the report's counts (pure: the command decides the exit code). */
export function checkFailOn(conditions: readonly FailCondition[], report: FailCounts): FailCheck[] {
  return conditions.map((condition) => {
    const count = countOf(condition.subject, report);
    const total = condition.subject.kind === 'feedback' ? report.feedback.delivered : report.messages;
    const percent = total === 0 ? 0 : (count / total) * 100;
    const measured = condition.percent ? percent : count;
    const holds = condition.op === '>' ? measured > condition.value : measured >= condition.value;
    return { condition, count, total, percent, holds };
  });
}

export { FAIL_ON_GROUPS } from './types.js';
