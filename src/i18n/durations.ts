/** The gap between two events as a support engineer says it, in each language. */

function parts(seconds: number): { s: number; m: number; h: number; d: number; total: number } {
  const total = Math.max(0, Math.round(seconds));
  return { total, s: total % 60, m: Math.floor((total % 3600) / 60), h: Math.floor((total % 86400) / 3600), d: Math.floor(total / 86400) };
}

/** `45s`, `4m36s`, `4m`, `1h12m`, `3h`, `3d4h`, `3d`. */
export function englishDuration(seconds: number): string {
  const { total, s, m, h, d } = parts(seconds);
  if (total < 60) return `${s}s`;
  if (total < 3600) return s === 0 ? `${m}m` : `${m}m${String(s).padStart(2, '0')}s`;
  if (total < 86400) return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}m`;
  return h === 0 ? `${d}d` : `${d}d${h}h`;
}

/** `45秒`, `4分36秒`, `4分`, `1時間12分`, `3時間`, `3日4時間`, `3日`: the same precision as English. */
export function japaneseDuration(seconds: number): string {
  const { total, s, m, h, d } = parts(seconds);
  if (total < 60) return `${s}秒`;
  if (total < 3600) return s === 0 ? `${m}分` : `${m}分${s}秒`;
  if (total < 86400) return m === 0 ? `${h}時間` : `${h}時間${m}分`;
  return h === 0 ? `${d}日` : `${d}日${h}時間`;
}
