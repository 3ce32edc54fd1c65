/**
 * The input limits, each in one place. Lines longer than MAX_LINE_BYTES are skipped with a
 * warning instead of being held in memory (docs/rules.md#input-framings).
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** The same limit as people read it, for messages and reports. */
export const MAX_LINE_TEXT = `${MAX_LINE_BYTES / 2 ** 20} MiB`;
/** Deepest JSON nesting followed before a value is declared broken (no event nests deeper). */
export const MAX_JSON_DEPTH = 512;
/** Longest reason line `explain` keeps; the classifier reads only the start of a text anyway. */
export const MAX_REASON_BYTES = 1024 * 1024;
