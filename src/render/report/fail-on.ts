import type { FailCheck } from '../../report/fail-on.js';
import { formatCount } from './numbers.js';

/** The stderr line for a `--fail-on` condition that held, naming the numbers that made it hold. */
export function failOnMessage(check: FailCheck): string {
  const c = check.condition;
  const name = c.subject.kind === 'verdict' ? c.subject.verdict : c.subject.kind === 'group' ? c.subject.group : 'error-list';
  const share = check.total === 0 ? '' : ` (${check.percent.toFixed(1)}%)`;
  return `sgtrail: --fail-on ${c.text} holds: ${formatCount(check.count)} of ${formatCount(check.total)} messages${share} are ${name}`;
}
