import { EVENT_KINDS, type EventKind } from '../../report/event-kinds.js';
import { hourTotal } from '../../report/hourly.js';
import type { HourlyCounts, ReasonClassCount } from '../../report/types.js';
import type { VerdictGroup } from '../../verdict/verdicts.js';
import { escapeHtml } from './html-escape.js';
import { formatCount } from './numbers.js';
import type { TimeFormatter } from '../time.js';
import type { Catalog } from '../../i18n/catalog.js';
import { displayWidth } from '../../common/width.js';

/**
 * Inline SVG charts for the HTML report: static markup, no script, no external resource. Every
 * shape carries a <title> so a pointer shows its numbers; every chart has a text alternative.
 */

export const GROUP_COLORS = {
  failed: '#d64545',
  'after-delivery': '#d99a1e',
  recovered: '#2a9fb0',
  pending: '#9b59b6',
  delivered: '#3c9d5d',
  other: '#8a8f98',
} as const satisfies Record<VerdictGroup, string>;

export const KIND_COLORS = {
  processed: '#b8bec7',
  deferred: '#9b59b6',
  delivered: '#3c9d5d',
  bounce: '#d64545',
  dropped: '#7a1f1f',
  open: '#4a86d9',
  click: '#1f4f99',
  other: '#d99a1e',
} as const satisfies Record<EventKind, string>;

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Hiragino Sans, Noto Sans CJK JP, Yu Gothic, Meiryo, sans-serif" font-size="12"';

function svgOpen(id: string, width: number, height: number, label: string): string {
  return (
    `<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT}>` +
    `<title id="${id}-title">${escapeHtml(label)}</title>`
  );
}

function rect(x: number, y: number, w: number, h: number, fill: string, tip: string, cls: string): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  return `<rect class="${cls}" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="${fill}"><title>${escapeHtml(tip)}</title></rect>`;
}

function text(x: number, y: number, s: string, anchor: 'start' | 'middle' | 'end' = 'start', extra = ''): string {
  return `<text x="${x}" y="${y}" text-anchor="${anchor}"${extra}>${escapeHtml(s)}</text>`;
}

function empty(id: string, width: number, label: string, t: Catalog): string {
  return `${svgOpen(id, width, 40, label)}${text(8, 24, t.report.charts.noData, 'start', ' fill="#666"')}</svg>`;
}

/** Horizontal bars, one per row, scaled to the largest; the count (and share) after each bar. */
export function barChart(opts: {
  id: string;
  label: string;
  rows: Array<{ label: string; count: number; color: string; note?: string }>;
  t: Catalog;
}): string {
  const width = 680;
  const labelW = 170;
  const barW = 380;
  const rowH = 26;
  if (opts.rows.length === 0) return empty(opts.id, width, opts.label, opts.t);
  const max = Math.max(1, ...opts.rows.map((r) => r.count));
  const height = opts.rows.length * rowH + 8;
  const parts = [svgOpen(opts.id, width, height, opts.label)];
  opts.rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const w = r.count === 0 ? 0 : Math.max(2, (r.count / max) * barW);
    parts.push(text(labelW - 8, y + 16, r.label, 'end'));
    parts.push(rect(labelW, y + 3, w, rowH - 8, r.color, `${r.label}: ${formatCount(r.count)}${r.note ? ` (${r.note})` : ''}`, 'bar'));
    parts.push(text(labelW + w + 6, y + 16, `${formatCount(r.count)}${r.note ? ` (${r.note})` : ''}`));
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Reason classes as bars split by group: real failures and bounces after delivery side by side. */
export function reasonChart(opts: { id: string; failed: ReasonClassCount[]; afterDelivery: ReasonClassCount[]; top: number; t: Catalog }): string {
  const words = opts.t.report;
  const label = words.charts.topReasonsLabel;
  const failedLabel = opts.t.groups.failed.label;
  const afterLabel = opts.t.groups['after-delivery'].label;
  const width = 680;
  const labelW = 170;
  const barW = 420;
  const rowH = 24;
  const totals = new Map<string, { failed: number; after: number }>();
  const key = (c: ReasonClassCount) => c.reasonClass ?? words.noReason;
  for (const c of opts.failed) totals.set(key(c), { failed: c.count, after: 0 });
  for (const c of opts.afterDelivery) {
    const t = totals.get(key(c));
    if (t) t.after = c.count;
    else totals.set(key(c), { failed: 0, after: c.count });
  }
  const rows = [...totals.entries()]
    .sort((a, b) => b[1].failed + b[1].after - (a[1].failed + a[1].after) || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.top);
  if (rows.length === 0) return empty(opts.id, width, label, opts.t);
  const max = Math.max(1, ...rows.map(([, t]) => t.failed + t.after));
  const legendH = 22;
  const height = legendH + rows.length * rowH + 8;
  const parts = [svgOpen(opts.id, width, height, label)];
  parts.push(rect(labelW, 4, 12, 12, GROUP_COLORS.failed, failedLabel, 'legend'), text(labelW + 16, 14, failedLabel));
  parts.push(rect(labelW + 120, 4, 12, 12, GROUP_COLORS['after-delivery'], afterLabel, 'legend'), text(labelW + 136, 14, afterLabel));
  rows.forEach(([name, t], i) => {
    const y = legendH + i * rowH;
    const wf = (t.failed / max) * barW;
    const wa = (t.after / max) * barW;
    parts.push(text(labelW - 8, y + 15, name, 'end'));
    if (t.failed > 0) parts.push(rect(labelW, y + 3, Math.max(2, wf), rowH - 8, GROUP_COLORS.failed, words.charts.count(name, t.failed, failedLabel), 'bar'));
    if (t.after > 0) parts.push(rect(labelW + wf, y + 3, Math.max(2, wa), rowH - 8, GROUP_COLORS['after-delivery'], words.charts.count(name, t.after, afterLabel), 'bar'));
    parts.push(text(labelW + wf + wa + 6, y + 15, formatCount(t.failed + t.after)));
  });
  parts.push('</svg>');
  return parts.join('');
}

/** A round axis maximum (1, 2, 5 × 10^n) at or above `n`. */
function niceMax(n: number): number {
  if (n <= 5) return Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** At most this many columns: longer inputs are charted in buckets of several hours. */
const MAX_COLUMNS = 168;

/**
 * Events per hour as stacked columns by kind, from the first to the last hour with events (hours
 * without events included, as gaps). Ticks fall on round hours in the --tz zone; a span longer
 * than a week is charted in buckets of several hours.
 */
export function hourlyChart(opts: { id: string; hourly: HourlyCounts; time: TimeFormatter; t: Catalog }): string {
  const hours = opts.hourly.hours;
  const width = 720;
  const words = opts.t.report.charts;
  if (hours.length === 0) return empty(opts.id, width, words.perHours(1), opts.t);
  const first = (hours[0] as (typeof hours)[number]).hour;
  const last = (hours[hours.length - 1] as (typeof hours)[number]).hour;
  const span = (last - first) / 3600 + 1;
  const per = Math.max(1, Math.ceil(span / MAX_COLUMNS));
  const columns = Math.ceil(span / per);
  const buckets = Array.from({ length: columns }, () => Object.fromEntries(EVENT_KINDS.map((k) => [k, 0])) as Record<EventKind, number>);
  for (const h of hours) {
    const b = buckets[Math.floor((h.hour - first) / 3600 / per)] as Record<EventKind, number>;
    for (const k of EVENT_KINDS) b[k] += h.counts[k];
  }
  const label = words.perHours(per);
  const left = 48;
  const top = 26;
  const plotW = width - left - 12;
  const plotH = 170;
  const height = top + plotH + 40;
  const max = niceMax(Math.max(...buckets.map(hourTotal)));
  const colW = plotW / columns;
  const parts = [svgOpen(opts.id, width, height, label)];
  // Legend.
  let lx = left;
  for (const k of EVENT_KINDS) {
    const name = words.eventKind(k);
    parts.push(rect(lx, 6, 10, 10, KIND_COLORS[k], name, 'legend'), text(lx + 14, 15, name));
    lx += 18 + displayWidth(name) * 7;
  }
  // Axis and grid.
  for (const f of [0, 0.5, 1]) {
    const y = top + plotH - f * plotH;
    parts.push(`<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#ddd"/>`);
    parts.push(text(left - 6, y + 4, formatCount(max * f), 'end'));
  }
  // Round ticks: every 1, 2, 3, 6 or 12 hours or whole days, on the hour in --tz, at most 8.
  const spanHours = columns * per;
  const step = [1, 2, 3, 6, 12, 24, 48, 72, 168].find((h) => h >= per && spanHours / h <= 8) ?? 168;
  // `local`: the bucket's start as the time options show it.
  const onTick = (local: string): boolean => {
    const hour = Number(local.slice(11, 13));
    if (step < 24) return hour % step === 0;
    const day = Math.floor(Date.parse(`${local.slice(0, 10)}T00:00:00Z`) / 86_400_000);
    return hour === 0 && day % (step / 24) === 0;
  };
  buckets.forEach((b, i) => {
    const x = left + i * colW;
    const start = first + i * per * 3600;
    const local = opts.time.dateTime(start);
    const when = local.slice(5, 16);
    let y = top + plotH;
    for (const k of EVENT_KINDS) {
      if (b[k] === 0) continue;
      const h = (b[k] / max) * plotH;
      y -= h;
      parts.push(rect(x + 0.5, y, Math.max(1, colW - 1), Math.max(0.5, h), KIND_COLORS[k], words.count(when, b[k], words.eventKind(k)), 'bar'));
    }
    if (onTick(local)) {
      parts.push(`<line x1="${x + colW / 2}" y1="${top + plotH}" x2="${x + colW / 2}" y2="${top + plotH + 4}" stroke="#999"/>`);
      parts.push(text(x + colW / 2, top + plotH + 16, when, 'middle'));
    }
  });
  parts.push(text(left, height - 6, words.timesIn(opts.time.zone), 'start', ' fill="#666"'));
  parts.push('</svg>');
  return parts.join('');
}
