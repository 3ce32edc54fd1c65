import { MAX_LINE_TEXT } from '../common/limits.js';

/**
 * The kinds of skipped input, in the order reports list them, each with its words for the stderr
 * summary (one, and more) and its shorter name in report tables (docs/rules.md#input-framings).
 */
export const SKIP_KINDS = {
  text: { one: 'line with no JSON (server log text)', summary: 'lines with no JSON (server log text)', report: 'lines with no JSON (server log text)' },
  'broken-json': { one: 'broken JSON fragment', summary: 'broken JSON fragments', report: 'broken JSON fragments' },
  'no-event': { one: 'JSON value holding no SendGrid event', summary: 'JSON values holding no SendGrid event', report: 'JSON holding no SendGrid event' },
  'oversize-line': { one: `line longer than ${MAX_LINE_TEXT}`, summary: `lines longer than ${MAX_LINE_TEXT}`, report: `lines over ${MAX_LINE_TEXT}` },
} as const;

export type SkipKind = keyof typeof SKIP_KINDS;

/** Every kind, in the order above. */
export const SKIP_KIND_NAMES = Object.keys(SKIP_KINDS) as SkipKind[];

/** Skipped input per kind: how much, and where the first one was (`file:line`). */
export type SkippedInput = Partial<Record<SkipKind, { count: number; first: string }>>;

/** What was read and what was skipped, for the stderr summary and the report's input accounting. */
export interface InputAccounting {
  files: number;
  bytes: number;
  /** Events found in the input, copies included. */
  eventsRead: number;
  /** Copies removed. */
  duplicates: number;
  skipped: SkippedInput;
  /** SendGrid account status changes (`account_status_change`) by type, in the order first seen. */
  accountChanges: AccountChange[];
}

/** A kind of account status change (`compliance_suspend`, `reactivate`, …): the most urgent news a log can hold. */
export interface AccountChange {
  type: string;
  count: number;
  first: number | null;
  last: number | null;
}

export function newAccounting(): InputAccounting {
  return { files: 0, bytes: 0, eventsRead: 0, duplicates: 0, skipped: {}, accountChanges: [] };
}

/** Counts an `account_status_change` event of `type` at `at`. */
export function countAccountChange(changes: AccountChange[], type: string, at: number | null): void {
  let entry = changes.find((c) => c.type === type);
  if (entry === undefined) {
    entry = { type, count: 0, first: null, last: null };
    changes.push(entry);
  }
  entry.count++;
  if (at !== null) {
    if (entry.first === null || at < entry.first) entry.first = at;
    if (entry.last === null || at > entry.last) entry.last = at;
  }
}

/** Counts a skipped line; its place (`file:line`) is kept for the first of each kind only. */
export function countSkip(skipped: SkippedInput, kind: SkipKind, file: string, line: number): void {
  const entry = skipped[kind];
  if (entry) entry.count++;
  else skipped[kind] = { count: 1, first: `${file}:${line}` };
}
