import { SKIP_KIND_NAMES, SKIP_KINDS, type InputAccounting, type SkipKind } from '../events/accounting.js';
import { sanitizeTerminal } from './sanitize.js';
import { isoUtc } from './time.js';

/** Problems first; a server's own log text, the least surprising kind, last. */
const ORDER: SkipKind[] = [...SKIP_KIND_NAMES.filter((k) => k !== 'text'), 'text'];

/** The skipped-input summary for stderr: one line per kind with its first location. */
export function skippedSummary(acc: InputAccounting): string[] {
  const lines: string[] = [];
  for (const kind of ORDER) {
    const entry = acc.skipped[kind];
    if (!entry) continue;
    lines.push(
      `sgtrail: skipped ${entry.count} ${entry.count === 1 ? SKIP_KINDS[kind].one : SKIP_KINDS[kind].summary} (first at ${sanitizeTerminal(entry.first)})`,
    );
  }
  if (acc.duplicates > 0) {
    lines.push(`sgtrail: removed ${acc.duplicates} duplicate event${acc.duplicates === 1 ? '' : 's'}`);
  }
  return lines;
}

/** True when `--strict` must fail: broken JSON or JSON that held no event. */
export function strictViolation(acc: InputAccounting): boolean {
  return (acc.skipped['broken-json']?.count ?? 0) > 0 || (acc.skipped['no-event']?.count ?? 0) > 0;
}

/** One line per kind of account status change: named before anything else a run found. */
export function accountChangeLines(changes: InputAccounting['accountChanges']): string[] {
  return changes.map((c) => {
    const when = c.first === null ? '' : c.first === c.last ? `, at ${isoUtc(c.first)}` : `, ${isoUtc(c.first)} to ${isoUtc(c.last)}`;
    return `sgtrail: ACCOUNT STATUS CHANGE: ${sanitizeTerminal(c.type)} (${c.count} event${c.count === 1 ? '' : 's'}${when}): SendGrid changed the sending account's status; check the account first`;
  });
}
