import { SKIP_KIND_NAMES, type InputAccounting, type SkipKind } from '../events/accounting.js';
import type { Catalog } from '../i18n/catalog.js';
import { sanitizeTerminal } from './sanitize.js';

/** Problems first; a server's own log text, the least surprising kind, last. */
const ORDER: SkipKind[] = [...SKIP_KIND_NAMES.filter((k) => k !== 'text'), 'text'];

/** The skipped-input summary for stderr: one line per kind with its first location. */
export function skippedSummary(acc: InputAccounting, t: Catalog): string[] {
  const lines: string[] = [];
  for (const kind of ORDER) {
    const entry = acc.skipped[kind];
    if (!entry) continue;
    lines.push(`sgtrail: ${t.notes.skipped(kind, entry.count, sanitizeTerminal(entry.first))}`);
  }
  if (acc.duplicates > 0) lines.push(`sgtrail: ${t.notes.duplicates(acc.duplicates)}`);
  return lines;
}

/** True when `--strict` must fail: broken JSON or JSON that held no event. */
export function strictViolation(acc: InputAccounting): boolean {
  return (acc.skipped['broken-json']?.count ?? 0) > 0 || (acc.skipped['no-event']?.count ?? 0) > 0;
}

/** One line per kind of account status change: named before anything else a run found. */
export function accountChangeLines(changes: InputAccounting['accountChanges'], t: Catalog, when: (seconds: number) => string): string[] {
  const at = (s: number | null) => (s === null ? null : when(s));
  return changes.map((c) => `sgtrail: ${t.notes.accountChange({ type: sanitizeTerminal(c.type), count: c.count, first: at(c.first), last: at(c.last) })}`);
}
