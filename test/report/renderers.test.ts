import { describe, expect, it } from 'vitest';
import { codeSpan } from '../../src/render/report/markdown.js';
import { REPORT_FORMATS, REPORT_RENDERERS } from '../../src/render/report/formats.js';
import { renderText } from '../../src/render/report/text.js';
import { renderMarkdown } from '../../src/render/report/markdown.js';
import { message, reportPresentation, reportOf } from '../helpers/report-data.js';

const T = 1_795_000_000;
const hostile = [
  ...message('a@x.com', T, ['processed', 'delivered', { event: 'bounce', type: 'bounce', reason: '550 \u001b[31mred\u001b[0m | `tick` <b>*x*</b> @here\nline2' }]),
  ...message('b@x.com', T, ['processed', 'delivered']),
];

describe('renderers', () => {
  it('every format has a renderer and returns a string ending in a newline', async () => {
    const input = await reportOf(hostile);
    for (const f of REPORT_FORMATS) {
      const out = REPORT_RENDERERS[f](input, reportPresentation());
      expect(typeof out).toBe('string');
      expect(out.endsWith('\n'), f).toBe(true);
    }
  });

  it('text on a terminal: cli-table3 tables; colour only when asked', async () => {
    const input = await reportOf(hostile);
    const plain = renderText(input, reportPresentation({ tty: true, color: false }));
    expect(plain).toContain('┌');
    expect(plain).not.toContain('\u001b');
    const colored = renderText(input, reportPresentation({ tty: true, color: true }));
    expect(colored).toContain('\u001b[33mbounce-after-delivery\u001b[39m');
    // The log's own escape sequence is shown, not obeyed.
    expect(colored).not.toContain('\u001b[31mred');
  });

  it('text piped: no box drawing, no escape, tab-separated records', async () => {
    const out = renderText(await reportOf(hostile), reportPresentation());
    expect(out).not.toMatch(/[┌│\u001b]/);
    expect(out).toContain('bounce-after-delivery\t1\t50.0%\t1\t');
    expect(out).toMatch(/^a@x\.com\tbounce-after-delivery\t/m);
    expect(out.split('\n').every((l) => !l.includes('\r'))).toBe(true);
  });

  it('the terminal table fits the reason into the width', async () => {
    for (const width of [120, 160]) {
      const out = renderText(await reportOf(hostile), reportPresentation({ tty: true, width }));
      const attention = out.slice(out.indexOf('Delivered, then bounced'));
      const rows = attention.split('\n').filter((l) => /^[┌│└├]/.test(l));
      expect(rows.length).toBeGreaterThan(3);
      expect(Math.max(...rows.map((l) => l.length))).toBeLessThanOrEqual(width);
      if (width === 120) expect(attention).toContain('…');
    }
  });

  it('markdown: log text stays in code spans, tables stay intact', async () => {
    const out = renderMarkdown(await reportOf(hostile), reportPresentation());
    const row = out.split('\n').find((l) => l.startsWith('| `a@x.com`')) as string;
    expect(row).toBeDefined();
    expect(row).toMatch(/ \| ``550 \S+\[31mred\S+\[0m \\\| `tick` <b>\*x\*<\/b> @here line2`` \|$/);
    // Unescaped pipes delimit exactly the table's columns.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(6);
  });

  it.each([
    ['plain', '`plain`'],
    ['a|b', '`a\\|b`'],
    ['has `tick`', '`` has `tick` ``'],
    ['`edge', '`` `edge ``'],
    ['two\nlines', '`two lines`'],
  ])('codeSpan(%j) = %j', (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });

  it('--redact reaches every format', async () => {
    const input = await reportOf(hostile);
    for (const f of REPORT_FORMATS) {
      const out = REPORT_RENDERERS[f](input, reportPresentation({ redact: true }));
      expect(out, f).not.toContain('a@x.com');
    }
  });
});
