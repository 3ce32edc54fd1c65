import type { FailCheck } from '../../report/fail-on.js';
import type { Catalog } from '../../i18n/catalog.js';

/** The stderr line for a `--fail-on` condition that held, naming the numbers that made it hold. */
export function failOnMessage(check: FailCheck, t: Catalog): string {
  const c = check.condition;
  const share = check.total === 0 ? null : check.percent.toFixed(1);
  const s = c.subject;
  switch (s.kind) {
    case 'account':
      return `sgtrail: ${t.notes.failOnAccount(c.text, check.count)}`;
    case 'feedback':
      return `sgtrail: ${t.notes.failOnFeedback(c.text, check.count, check.total, share, s.term)}`;
    default: {
      const name = s.kind === 'verdict' ? s.verdict : s.kind === 'group' ? s.group : 'error-list';
      return `sgtrail: ${t.notes.failOnMessages(c.text, check.count, check.total, share, name)}`;
    }
  }
}
