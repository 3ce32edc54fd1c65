import { FAIL_ON_GROUPS, type FailCondition, type FailSubject } from '../report/fail-on.js';
import { FEEDBACK_TERMS, type FeedbackTerm } from '../report/feedback.js';
import { isVerdict, VERDICTS } from '../verdict/verdicts.js';
import { UsageError } from '../commands/exit-codes.js';

/** `NAME>N`, `NAME>=N`, `NAME>P%`, `NAME>=P%`; spaces allowed around the parts. */
const CONDITION = /^([a-z][a-z_-]*)\s*(>=|>)\s*(\d+(?:\.\d+)?)\s*(%?)$/;

function subjectOf(name: string): FailSubject | null {
  if (isVerdict(name)) return { kind: 'verdict', verdict: name };
  if ((FAIL_ON_GROUPS as readonly string[]).includes(name)) return { kind: 'group', group: name as (typeof FAIL_ON_GROUPS)[number] };
  if (name === 'error-list') return { kind: 'error-list' };
  if (Object.hasOwn(FEEDBACK_TERMS, name)) return { kind: 'feedback', term: name as FeedbackTerm };
  if (name === 'account_status_change') return { kind: 'account' };
  return null;
}

const NAMES = { verdicts: VERDICTS.join(', '), groups: FAIL_ON_GROUPS.join(', '), feedback: Object.keys(FEEDBACK_TERMS).join(', ') };

/**
 * `--fail-on EXPR` (repeatable; comma-separated conditions): for cron, exit 1 when any holds.
 * A percentage is of all selected messages. Anything else is a usage error (exit 2).
 */
export function parseFailOn(values: readonly string[]): FailCondition[] {
  const conditions: FailCondition[] = [];
  for (const part of values.flatMap((v) => v.split(','))) {
    const text = part.trim();
    if (text === '') throw new UsageError((u) => u.failOnEmpty(values.join(',')));
    const m = CONDITION.exec(text.toLowerCase());
    if (!m) {
      throw new UsageError((u) => u.failOnShape(text));
    }
    const subject = subjectOf(m[1] as string);
    const name = m[1] as string;
    if (subject === null) throw new UsageError((u) => u.failOnName(text, name, NAMES));
    const value = Number(m[3]);
    const percent = m[4] === '%';
    if (percent && value > 100) throw new UsageError((u) => u.failOnShareOver(text));
    if (percent && subject.kind === 'account') throw new UsageError((u) => u.failOnAccountShare(text));
    conditions.push({ text, subject, op: m[2] as '>' | '>=', value, percent });
  }
  return conditions;
}
