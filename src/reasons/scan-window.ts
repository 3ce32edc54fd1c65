/**
 * How much of a reason is read. A bounce text can carry a whole non-delivery report; its cause
 * is stated well before this many characters, and the bound keeps one pathological line from
 * costing more than about a millisecond.
 */
export const MAX_SCAN = 8192;

export function scanWindow(text: string): string {
  return text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
}
