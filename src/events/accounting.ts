import type { SkipKind } from './types.js';

/** What was read and what was skipped, for the stderr summary and the report (SPEC section 7). */
export interface InputAccounting {
  files: number;
  bytes: number;
  /** Events found in the input, copies included. */
  eventsRead: number;
  /** Copies removed. */
  duplicates: number;
  skipped: Partial<Record<SkipKind, { count: number; first: string }>>;
}

export function newAccounting(): InputAccounting {
  return { files: 0, bytes: 0, eventsRead: 0, duplicates: 0, skipped: {} };
}

export function countSkip(acc: InputAccounting, kind: SkipKind, location: string): void {
  const entry = acc.skipped[kind];
  if (entry) entry.count++;
  else acc.skipped[kind] = { count: 1, first: location };
}
