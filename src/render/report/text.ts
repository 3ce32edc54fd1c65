import { displayWidth, padEndColumns, truncateColumns as truncate, wrapColumns as wrap } from '../../common/width.js';
import { fitColumns } from '../fit.js';
import Table from 'cli-table3';
import type { ReportInput, ReportPresentation, ReportRenderer } from './input.js';
import { reportSections, type Cell, type Section } from './sections.js';
import { sanitizeTerminal } from '../sanitize.js';

const LOG_CELL_MAX = 40;


/** Piped: `# title`, `# column names`, then one tab-separated record per line (grep/cut-friendly). */
function plainSection(s: Section): string {
  const lines = [`# ${s.title}`];
  if (s.note !== null) lines.push(`# ${s.note}`);
  if (!s.pairs && s.rows.length > 0) lines.push(`# ${s.columns.map((c) => c.title).join('\t')}`);
  for (const row of s.rows) {
    lines.push(
      row
        .map((c) => {
          const t = typeof c === 'string' ? c : 'log' in c ? sanitizeTerminal(c.log) : c.verdict;
          return t === '' ? '-' : t;
        })
        .join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}

function ttyCell(c: Cell, ctx: ReportPresentation, max: number): string {
  if (typeof c === 'string') return truncate(c, max);
  if ('verdict' in c) return ctx.style.verdict(c.verdict);
  return truncate(sanitizeTerminal(c.log), max);
}

/** Columns shown on a terminal: log text counts up to `cap` columns (free-text columns have none). */
function visibleLength(c: Cell, cap = LOG_CELL_MAX): number {
  if (typeof c === 'string') return displayWidth(c);
  return 'verdict' in c ? c.verdict.length : Math.min(cap, displayWidth(sanitizeTerminal(c.log)));
}

/** On a terminal: a bold title, a dim note, and a cli-table3 table sized to the terminal. */
function ttySection(s: Section, ctx: ReportPresentation): string {
  const width = Math.max(80, ctx.width);
  const out = wrap(s.title, width).map((l) => ctx.style.bold(l));
  if (s.note !== null) out.push(...wrap(s.note, width).map((l) => ctx.style.dim(l)));
  if (s.rows.length === 0) return `${out.join('\n')}\n`;
  if (s.pairs) {
    const keyWidth = Math.max(...s.rows.map((r) => visibleLength(r[0] ?? '')));
    for (const r of s.rows) out.push(`  ${padEndColumns(ttyCell(r[0] ?? '', ctx, LOG_CELL_MAX), keyWidth)}  ${ttyCell(r[1] ?? '', ctx, Math.max(10, width - keyWidth - 4))}`);
    return `${out.join('\n')}\n`;
  }
  // Fitted to the terminal: free text gives way first, then other log text (down to 12).
  const widths = fitColumns(
    s.columns.map((col, i) => {
      const natural = Math.max(displayWidth(col.title), ...s.rows.map((r) => visibleLength(r[i] ?? '', col.wide ? Number.POSITIVE_INFINITY : LOG_CELL_MAX)));
      const isLog = s.rows.some((r) => typeof r[i] === 'object' && r[i] !== null && 'log' in (r[i] as object));
      // Free text first, then log text, then the rest: a long title down to its widest value, a
      // time down to its seconds (the offset goes).
      const data = Math.max(4, ...s.rows.map((r) => visibleLength(r[i] ?? '')));
      // On a narrow terminal, columns after the first that are neither free text nor a verdict
      // may be left out, the rightmost first.
      const isVerdict = s.rows.some((r) => typeof r[i] === 'object' && r[i] !== null && 'verdict' in (r[i] as object));
      const dropOrder = i > 0 && !col.wide && !isVerdict ? s.columns.length - i : undefined;
      // A verdict is never cut (its cell is printed whole), so its column does not give way.
      return col.wide
        ? { natural, floor: 10, order: 0 }
        : isLog
          ? { natural, floor: 12, order: 1, dropOrder }
          : isVerdict
            ? { natural }
            : { natural, floor: Math.min(data, 19), order: 2, dropOrder };
    }),
    width,
  );
  const shown = widths.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const color = ctx.style.chalk.level > 0;
  const table = new Table({
    head: shown.map((i) => truncate(s.columns[i]?.title ?? '', widths[i] as number)),
    colAligns: shown.map((i) => s.columns[i]?.align ?? 'left'),
    style: { head: color ? ['bold'] : [], border: color ? ['gray'] : [] },
    // No rule between body rows: the report has many short tables.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  for (const r of s.rows) table.push(shown.map((i) => ttyCell(r[i] ?? '', ctx, widths[i] as number)));
  out.push(table.toString());
  return `${out.join('\n')}\n`;
}

/** `--format text`: tables and colour on a terminal, plain tab-separated records when piped. */
export const renderText: ReportRenderer = (input: ReportInput, ctx: ReportPresentation) => {
  const sections = reportSections(input.report, ctx);
  return sections.map((s) => (ctx.tty ? ttySection(s, ctx) : plainSection(s))).join('\n');
};
