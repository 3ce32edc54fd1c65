import type { ReportInput, ReportPresentation, ReportRenderer } from './input.js';
import { reportSections, type Cell, type Section } from './sections.js';
import { sanitizeTerminal } from '../sanitize.js';

/**
 * Text from the log goes into a code span, so that nothing in it is read as markdown, HTML or
 * an @-mention; a delimiter longer than any backtick run inside keeps the span closed. `|` is
 * escaped because GitHub splits table cells on it even inside code spans.
 */
export function codeSpan(text: string): string {
  const flat = sanitizeTerminal(text.replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Our own words are plain, but still escaped for the few characters that would change a table. */
function words(text: string): string {
  return text.replace(/[\\|*_`<>[\]]/g, (ch) => `\\${ch}`);
}

function cell(c: Cell): string {
  if (typeof c === 'string') return c === '' ? ' ' : words(c);
  return 'log' in c ? codeSpan(c.log) : `\`${c.verdict}\``;
}

function section(s: Section, level: number): string {
  const lines = [`${'#'.repeat(level)} ${words(s.title)}`, ''];
  if (s.note !== null) lines.push(s.note === 'none' ? '_none_' : words(s.note), '');
  if (s.rows.length > 0) {
    const columns = s.pairs ? s.columns.map((c) => ({ ...c, title: ' ' })) : s.columns;
    lines.push(`| ${columns.map((c) => words(c.title)).join(' | ')} |`);
    lines.push(`|${columns.map((c) => (c.align === 'right' ? ' ---: |' : ' --- |')).join('')}`);
    for (const r of s.rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `--format markdown`: GitHub tables that paste into tickets and chat. */
export const renderMarkdown: ReportRenderer = (input: ReportInput, ctx: ReportPresentation) => {
  const sections = reportSections(input.report, ctx);
  return `${sections.map((s, i) => section(s, i === 0 ? 1 : 2)).join('\n').trimEnd()}\n`;
};
