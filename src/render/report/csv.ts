import { sanitizeTerminal } from '../sanitize.js';
import { messageRecord } from '../message-json.js';
import type { ReportInput, ReportPresentation, ReportRenderer } from './input.js';

/** One row per error-list message; the same values as `messages --json` (UTC ISO times). */
export const CSV_COLUMNS = [
  'email',
  'message_id',
  'sg_message_id',
  'verdict',
  'reason_class',
  'bounce_type',
  'status',
  'reason',
  'forward_to',
  'first_event_at',
  'delivered_at',
  'failed_at',
] as const;

/**
 * A spreadsheet runs a cell that starts with `= + - @` (or a tab or CR before one) as a formula:
 * such a cell gets a leading `'` (OWASP's CSV injection advice). This changes the value, which is
 * the point; it also applies to an ID that happens to start with `-`.
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field holding a quote, comma, CR or LF is quoted, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(values: readonly (string | null)[], terminal = false): string {
  // On a terminal, log text's escape sequences are shown, not obeyed (a file keeps the data).
  const cell = terminal ? (v: string) => sanitizeTerminal(v) : (v: string) => v;
  return `${values.map((v) => csvField(defuseFormula(cell(v ?? '')))).join(',')}\r\n`;
}

/** `--format csv`: a header, then one row per error-list message; CRLF line ends (RFC 4180). */
export const renderCsv: ReportRenderer = (input: ReportInput, ctx: ReportPresentation) => {
  const rows = [csvRow(CSV_COLUMNS)];
  for (const v of input.messages) {
    if (!v.decision.errorList) continue;
    const rec = messageRecord(v, ctx.scrub);
    rows.push(csvRow(CSV_COLUMNS.map((c) => rec[c] as string | null), ctx.tty));
  }
  return rows.join('');
};
