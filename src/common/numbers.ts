/** `12,345`: grouped, locale-independent. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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
