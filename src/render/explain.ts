import type { Catalog } from '../i18n/catalog.js';
import type { ExplainRecord } from '../reasons/explain-format.js';
import { sanitizeTerminal } from './sanitize.js';

function permanenceWords(rec: ExplainRecord, t: Catalog): string {
  const code = rec.status ?? rec.reply_code;
  if (rec.permanent === true) return t.explain.permanent(code);
  if (rec.permanent === false) return t.explain.transient(code);
  return t.explain.unknownPermanence;
}

/**
 * A few readable lines for a terminal, in the catalogue's language (the record's hint is already
 * in it); every piece of echoed input is escaped.
 */
export function formatExplainHuman(rec: ExplainRecord, recipientGiven: boolean, t: Catalog): string {
  const w = t.explain;
  const lines = [
    `${w.reason}: ${sanitizeTerminal(rec.text)}`,
    `${w.class}: ${w.classIs(rec.reason_class, t.reasonClass[rec.reason_class])}`,
    `${w.permanence}: ${sanitizeTerminal(permanenceWords(rec, t))}`,
    `${w.address}: ${rec.hard ? w.bad : w.fine}`,
  ];
  if (rec.forward_to !== null) {
    const target = sanitizeTerminal(rec.forward_to);
    lines.push(recipientGiven ? w.forwardTarget(target) : w.names(target));
  }
  lines.push(`${w.hint}: ${rec.hint}`);
  return lines.join('\n');
}
