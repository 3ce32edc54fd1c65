import { truncate } from '../../common/text.js';
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
  if (typeof c === 'string') return c;
  if ('verdict' in c) return ctx.style.verdict(c.verdict);
  return truncate(sanitizeTerminal(c.log), max);
}

function visibleLength(c: Cell): number {
  if (typeof c === 'string') return c.length;
  return 'verdict' in c ? c.verdict.length : Math.min(LOG_CELL_MAX, sanitizeTerminal(c.log).length);
}

/** On a terminal: a bold title, a dim note, and a cli-table3 table sized to the terminal. */
function ttySection(s: Section, ctx: ReportPresentation): string {
  const out = [ctx.style.bold(s.title)];
  if (s.note !== null) out.push(ctx.style.dim(s.note));
  if (s.rows.length === 0) return `${out.join('\n')}\n`;
  if (s.pairs) {
    const keyWidth = Math.max(...s.rows.map((r) => visibleLength(r[0] ?? '')));
    for (const r of s.rows) out.push(`  ${ttyCell(r[0] ?? '', ctx, LOG_CELL_MAX).padEnd(keyWidth)}  ${ttyCell(r[1] ?? '', ctx, ctx.width)}`);
    return `${out.join('\n')}\n`;
  }
  // The wide column (free text) gets what the others leave of the terminal width.
  const fixed = s.columns.reduce(
    (n, col, i) => (col.wide ? n : n + Math.max(col.title.length, ...s.rows.map((r) => visibleLength(r[i] ?? ''))) + 3),
    1,
  );
  const wideMax = Math.max(20, ctx.width - fixed - 3);
  const color = ctx.style.chalk.level > 0;
  const table = new Table({
    head: s.columns.map((c) => c.title),
    colAligns: s.columns.map((c) => c.align),
    style: { head: color ? ['bold'] : [], border: color ? ['gray'] : [] },
    // No rule between body rows: the report has many short tables.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  for (const r of s.rows) table.push(r.map((c, i) => ttyCell(c, ctx, s.columns[i]?.wide ? wideMax : LOG_CELL_MAX)));
  out.push(table.toString());
  return `${out.join('\n')}\n`;
}

/** `--format text`: tables and colour on a terminal, plain tab-separated records when piped. */
export const renderText: ReportRenderer = (input: ReportInput, ctx: ReportPresentation) => {
  const sections = reportSections(input.report, ctx);
  return sections.map((s) => (ctx.tty ? ttySection(s, ctx) : plainSection(s))).join('\n');
};
