/** Numbers as the reports print them: counts, shares and sizes. */

/** `12,345`: grouped, locale-independent. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `47.5%` of the total, or `-` when the total is 0. */
export function formatShare(count: number, total: number): string {
  return total === 0 ? '-' : `${((count / total) * 100).toFixed(1)}%`;
}

/** A share as a JSON number in [0, 1] with four decimals, null when the total is 0. */
export function shareValue(count: number, total: number): number | null {
  return total === 0 ? null : Math.round((count / total) * 10000) / 10000;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** `195.3 kB`, `1.2 GB` (SI units, as `ls -h --si` and browsers show them). */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`;
}
