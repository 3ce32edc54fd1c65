/** Seconds per unit of the durations users write (`48h`, `7d`, `-30m`). */
const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;

/** Seconds in `48h`, `7d`, `30m`, `90s`, `2w`; null when the text is not such a duration. */
export function durationSeconds(text: string): number | null {
  const m = DURATION.exec(text);
  return m ? Number(m[1]) * (DURATION_UNITS[m[2] as string] as number) : null;
}
