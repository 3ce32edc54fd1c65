import type { FailCheck } from '../../report/fail-on.js';
import { formatCount } from './numbers.js';

/** The stderr line for a `--fail-on` condition that held, naming the numbers that made it hold. */
export function failOnMessage(check: FailCheck): string {
  const c = check.condition;
  const share = check.total === 0 ? '' : ` (${check.percent.toFixed(1)}%)`;
  const s = c.subject;
  switch (s.kind) {
    case 'account':
      return `sgtrail: --fail-on ${c.text} holds: ${formatCount(check.count)} account status change event${check.count === 1 ? '' : 's'}`;
    case 'feedback':
      return `sgtrail: --fail-on ${c.text} holds: ${formatCount(check.count)} of ${formatCount(check.total)} delivered messages${share} have ${s.term}`;
    default: {
      const name = s.kind === 'verdict' ? s.verdict : s.kind === 'group' ? s.group : 'error-list';
      return `sgtrail: --fail-on ${c.text} holds: ${formatCount(check.count)} of ${formatCount(check.total)} messages${share} are ${name}`;
    }
  }
}
