import type { Verdict } from '../verdict/verdicts.js';
import { FEEDBACK_TERMS, type FeedbackTerm } from './feedback.js';
import type { Report } from './types.js';

/** What a `--fail-on` condition counts: a verdict, a verdict group, or the error list. */
export type FailSubject =
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'group'; group: (typeof FAIL_ON_GROUPS)[number] }
  | { kind: 'error-list' }
  /** Messages with recipient feedback; a percentage is of the delivered messages. */
  | { kind: 'feedback'; term: FeedbackTerm }
  /** SendGrid account status change events (no percentage: they belong to no message). */
  | { kind: 'account' };

/** One parsed `--fail-on` condition, e.g. `failed>5%` or `bounced>=10`. */
export interface FailCondition {
  /** As written (trimmed), for the message on stderr. */
  text: string;
  subject: FailSubject;
  op: '>' | '>=';
  /** A count, or a percentage of all selected messages (of delivered ones for feedback) when `percent`. */
  value: number;
  percent: boolean;
}

export interface FailCheck {
  condition: FailCondition;
  count: number;
  /** What a percentage is of: selected messages, or delivered ones for feedback. */
  total: number;
  /** count / total × 100 (0 when there are no messages). */
  percent: number;
  holds: boolean;
}

function countOf(subject: FailSubject, report: Report): number {
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
export function checkFailOn(conditions: readonly FailCondition[], report: Report): FailCheck[] {
  return conditions.map((condition) => {
    const count = countOf(condition.subject, report);
    const total = condition.subject.kind === 'feedback' ? report.feedback.delivered : report.messages;
    const percent = total === 0 ? 0 : (count / total) * 100;
    const measured = condition.percent ? percent : count;
    const holds = condition.op === '>' ? measured > condition.value : measured >= condition.value;
    return { condition, count, total, percent, holds };
  });
}

/** The verdict groups a condition may name besides the verdicts themselves and `error-list`. */
export const FAIL_ON_GROUPS = ['failed', 'after-delivery', 'pending', 'recovered'] as const;
