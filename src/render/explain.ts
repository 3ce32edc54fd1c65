import type { ExplainRecord } from '../reasons/explain-format.js';
import { REASON_CLASS_DESCRIPTIONS } from '../reasons/hints.js';
import { sanitizeTerminal } from './sanitize.js';

function permanenceWords(rec: ExplainRecord): string {
  const code = rec.status ?? rec.reply_code;
  const why = code ? ` (${code})` : '';
  if (rec.permanent === true) return `permanent${why}: the receiver will not take this message`;
  if (rec.permanent === false) return `transient${why}: the receiver may accept it on a retry`;
  return 'unknown: no SMTP code in the text';
}

/** A few readable lines for a terminal; every piece of echoed input is escaped. */
export function formatExplainHuman(rec: ExplainRecord, recipientGiven = false): string {
  const lines = [
    `reason: ${sanitizeTerminal(rec.text)}`,
    `class: ${rec.reason_class} (${REASON_CLASS_DESCRIPTIONS[rec.reason_class]})`,
    `permanence: ${sanitizeTerminal(permanenceWords(rec))}`,
    `address: ${rec.hard ? 'bad' : 'fine'}`,
  ];
  if (rec.forward_to !== null) {
    lines.push(
      recipientGiven
        ? `forward target: ${sanitizeTerminal(rec.forward_to)} (named in a recipient position; not the recipient)`
        : `names: ${sanitizeTerminal(rec.forward_to)} (in a recipient position: a forward target unless it is the recipient; check with --recipient)`,
    );
  }
  lines.push(`hint: ${rec.hint}`);
  return lines.join('\n');
}
