import { VERDICT_GROUP } from '../../verdict/verdicts.js';
import { barChart, GROUP_COLORS, hourlyChart, reasonChart } from './charts.js';
import type { ReportInput, ReportPresentation, ReportRenderer } from './input.js';
import { escapeHtml } from './html-escape.js';
import { formatShare } from './numbers.js';
import { headlineBars, reportSections, type Cell, type Column, type Section } from './sections.js';

/**
 * `--format html`: one self-contained file to mail or attach to a ticket. Inline CSS and inline
 * SVG only: no script, no external resource, and a Content-Security-Policy that forbids both, so
 * that even a log string that slipped past escaping could neither run nor call home. Every string
 * from the log is escaped (`& < > " '`).
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", Meiryo, sans-serif; color: #1d2330; margin: 0; background: #f6f7f9; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 17px; margin: 0 0 8px; }
section { background: #fff; border: 1px solid #e2e5ea; border-radius: 8px; padding: 16px 18px; margin: 16px 0; overflow-x: auto; }
section#account { background: #fdecea; border: 2px solid #b71c1c; }
section#fail-on { border: 2px solid #888; }
p.note { color: #4a5263; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid #eef0f3; vertical-align: top; }
th { font-weight: 600; color: #4a5263; white-space: nowrap; }
td { white-space: nowrap; }
td.wrap { white-space: normal; min-width: 14em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.log, dd code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
td.log.wrap { overflow-wrap: anywhere; }
tr:last-child td { border-bottom: 0; }
dl.pairs { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.pairs dt { color: #4a5263; }
dl.pairs dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.v { display: inline-block; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 12.5px; white-space: nowrap; }
${Object.entries(GROUP_COLORS)
  .map(([g, c]) => `.g-${g} { background: ${c}; }`)
  .join('\n')}
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px 0 12px; }
svg.chart text { fill: #1d2330; }
footer { color: #6b7385; font-size: 12px; text-align: center; }
/* A phone: the page never scrolls sideways; a wide table or chart scrolls inside its own card. */
@media (max-width: 600px) {
  main { padding: 12px 8px 32px; }
  section { padding: 12px 10px; }
  h1 { font-size: 19px; }
  /* Charts keep their size (text 12 px) and scroll inside their card rather than shrink. */
  svg.chart { max-width: none; }
}
`;

function cell(c: Cell, col: Column | undefined): string {
  const wrap = col?.wide === true ? ' wrap' : '';
  if (typeof c === 'string') return `<td class="${col?.align === 'right' ? 'num' : 'txt'}${wrap}">${escapeHtml(c)}</td>`;
  if ('log' in c) return `<td class="log${wrap}">${escapeHtml(c.log)}</td>`;
  return `<td><span class="v g-${VERDICT_GROUP[c.verdict]}">${escapeHtml(c.verdict)}</span></td>`;
}

function table(s: Section): string {
  if (s.rows.length === 0) return '';
  if (s.pairs) {
    const items = s.rows.map((r) => {
      const v = r[1] ?? '';
      const value = typeof v === 'string' ? escapeHtml(v) : 'log' in v ? `<code>${escapeHtml(v.log)}</code>` : escapeHtml(v.verdict);
      return `<dt>${escapeHtml(typeof r[0] === 'string' ? r[0] : '')}</dt><dd>${value}</dd>`;
    });
    return `<dl class="pairs">${items.join('')}</dl>`;
  }
  const head = s.columns.map((c) => `<th${c.align === 'right' ? ' class="num"' : ''}>${escapeHtml(c.title)}</th>`).join('');
  const body = s.rows.map((r) => `<tr>${r.map((c, i) => cell(c, s.columns[i])).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function section(s: Section, charts: string): string {
  const note = s.note === null ? '' : `<p class="note">${escapeHtml(s.note)}</p>\n`;
  return `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${note}${charts}${table(s)}\n</section>`;
}

function chartSection(id: string, title: string, note: string, svg: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(title)}</h2>\n<p class="note">${escapeHtml(note)}</p>\n${svg}\n</section>`;
}

/** `--format html`. */
export const renderHtml: ReportRenderer = (input: ReportInput, ctx: ReportPresentation) => {
  const r = input.report;
  const t = ctx.t;
  const sections = reportSections(r, ctx);
  const total = r.errorList.total;
  const chartsFor: Record<string, string> = {
    headline: barChart({
      id: 'chart-error-list',
      label: t.report.headline.title,
      rows: headlineBars(r, t).map((b) => ({ label: b.label, count: b.count, color: GROUP_COLORS[b.group], note: formatShare(b.count, total) })),
      t,
    }),
  };
  const [overview, ...rest] = sections as [Section, ...Section[]];
  // Chart-only sections, placed before the section of the given id.
  const before: Record<string, string> = {
    'reasons-failed': chartSection(
      'top-reasons',
      t.report.charts.topReasonsTitle,
      t.report.charts.topReasonsNote,
      reasonChart({ id: 'chart-reasons', failed: r.reasonClasses.failed, afterDelivery: r.reasonClasses.afterDelivery, top: 10, t }),
    ),
    domains: chartSection(
      'events-per-hour',
      t.report.charts.hourlyTitle,
      t.report.charts.hourlyNote,
      hourlyChart({ id: 'chart-hourly', hourly: r.hourly, time: ctx.time, t }),
    ),
  };
  const body = rest.map((s) => `${before[s.id] ? `${before[s.id]}\n` : ''}${section(s, chartsFor[s.id] ?? '')}`);
  return `<!DOCTYPE html>
<html lang="${t.code}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sgtrail">
<title>${escapeHtml(t.report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(overview.title)}</h1>
<section id="overview">
${table(overview)}
</section>
${body.join('\n')}
<footer>${escapeHtml(t.report.footer)}</footer>
</main>
</body>
</html>
`;
};
