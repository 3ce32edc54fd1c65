/** Numbers as the reports print them: counts, shares and sizes. */
export { formatBytes, formatCount } from '../../common/numbers.js';

/** `47.5%` of the total, or `-` when the total is 0. */
export function formatShare(count: number, total: number): string {
  return total === 0 ? '-' : `${((count / total) * 100).toFixed(1)}%`;
}

/** A share as a JSON number in [0, 1] with four decimals, null when the total is 0. */
export function shareValue(count: number, total: number): number | null {
  return total === 0 ? null : Math.round((count / total) * 10000) / 10000;
}
