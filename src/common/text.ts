/** A field value as text: strings as they are, anything else as JSON; null when absent. */
export function asText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
