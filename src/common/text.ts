/** A field value as text: strings as they are, anything else as JSON; null when absent. */
export function asText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `s` cut to at most `n` characters, the last one an ellipsis when it was cut. */
export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s;
}
