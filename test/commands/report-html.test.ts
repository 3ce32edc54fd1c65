import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GROUP_COLORS, KIND_COLORS } from '../../src/render/report/charts.js';
import { escapeHtml } from '../../src/render/report/html-escape.js';
import { sgtrail } from '../helpers/golden.js';
import { countColor, decodePng } from '../helpers/png.js';

function html(file: string, extra: string[] = []): string {
  const r = sgtrail(['report', '--format', 'html', '--quiet', ...extra, file]);
  expect(r.status).toBe(0);
  return r.stdout;
}

/**
 * Anything that would make a browser fetch: resource elements, URL attributes and any `//` in a
 * real tag, CSS imports and url(). Log text is escaped, so `<` in it is `&lt;` and cannot open a
 * tag: the tags seen here are the page's own.
 */
function externalResources(page: string): string[] {
  const found: string[] = [];
  for (const [tag] of page.matchAll(/<[a-zA-Z][^>]*>/g)) {
    if (/^<(?:script|link|iframe|frame|object|embed|img|image|video|audio|source|track|base|use|foreignObject)\b/i.test(tag)) found.push(tag);
    if (/\s(?:src|href|xlink:href|action|formaction|poster|srcset|data|background|ping)\s*=/i.test(tag)) found.push(tag);
    if (/\/\//.test(tag)) found.push(tag);
    if (/url\s*\(|@import/i.test(tag)) found.push(tag);
  }
  for (const [, css] of page.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    if (/@import|url\s*\(|\/\//i.test(css as string)) found.push('<style> with an import or url()');
  }
  return found;
}

describe('report --format html: self-contained and escaped', () => {
  it.each(['samples/story.log', 'test/fixtures/report/mixed.log'])('%s has three inline charts and nothing to fetch', (file) => {
    const page = html(file);
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(externalResources(page)).toEqual([]);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"`);
    for (const id of ['chart-error-list', 'chart-hourly', 'chart-reasons']) expect(page).toContain(`<svg class="chart" id="${id}"`);
    expect(page.match(/<rect class="bar"[^>]* width="([\d.]+)" height="([\d.]+)"/g)?.length ?? 0).toBeGreaterThan(3);
  });

  it.each([
    ['<img src="x.png">'],
    ['<link rel="stylesheet" href="a.css">'],
    ['<script src="a.js"></script>'],
    ['<div style="background: url(x.png)">'],
    ['<style>@import "a.css";</style>'],
    ['<a href="https://example.com/">'],
    ['<svg><use href="#x"/></svg>'],
  ])('the resource check itself catches %s', (snippet) => {
    expect(externalResources(`<p>${snippet}</p>`).length).toBeGreaterThan(0);
  });

  it('log text with markup is escaped: no element from the log reaches the page', () => {
    const page = html('test/fixtures/report/html-injection.ndjson');
    expect(externalResources(page)).toEqual([]);
    expect(page).not.toMatch(/<(?:script|img|iframe|a|b)\b/i);
    expect(page.match(/<style\b/g)?.length).toBe(1);
    expect(page).not.toMatch(/<[^>]*\sonerror=/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('x&quot;&gt;&lt;img src=x onerror=alert(document.domain)&gt;@example.com');
    expect(page).toContain('o&#39;brien@example.com');
    expect(page).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(page).toContain('&lt;a href=&quot;https://evil.example/x&quot;&gt;');
    expect(page).toContain('&quot;&gt;&lt;svg/onload=alert(3)&gt;.example');
  });

  it.each([
    ['<a href="x">', '&lt;a href=&quot;x&quot;&gt;'],
    ["it's & <b>", 'it&#39;s &amp; &lt;b&gt;'],
    ['plain', 'plain'],
  ])('escapeHtml(%j) = %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('escapeHtml makes control characters visible instead of passing them on', () => {
    const out = escapeHtml('esc\u001b[31m\u0000 \u202e');
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(out.startsWith('esc')).toBe(true);
  });
});

/** Debian's Chromium at /usr/bin/chromium, or `chromium` anywhere on PATH. */
function findChromium(): string | null {
  const candidates = ['/usr/bin/chromium', ...(process.env['PATH'] ?? '').split(delimiter).map((d) => join(d, 'chromium'))];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

const chromium = findChromium();
const hasChromium = chromium !== null;
if (!hasChromium) console.warn('chromium is not installed: the real-browser HTML report test is SKIPPED (apt-get install chromium)');

describe.skipIf(!hasChromium)('report --format html in a real browser (Chromium headless)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sgtrail-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function browse(page: string, mode: string[]): { stdout: string; stderr: string } {
    const file = join(dir, 'report.html');
    writeFileSync(file, page);
    const r = spawnSync(
      chromium as string,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${join(dir, 'profile')}`,
        ...mode,
        pathToFileURL(file).href,
      ],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 1 << 28 },
    );
    if (r.error) throw r.error;
    return { stdout: r.stdout, stderr: r.stderr };
  }

  it('renders the SVG charts with non-empty shapes (DOM)', { timeout: 120_000 }, () => {
    const dom = browse(html('test/fixtures/report/mixed.log'), ['--dump-dom']).stdout;
    for (const id of ['chart-error-list', 'chart-hourly', 'chart-reasons']) expect(dom).toContain(`id="${id}"`);
    const sizes = [...dom.matchAll(/<rect class="bar"[^>]* width="([\d.]+)" height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(sizes.length).toBeGreaterThan(20);
    expect(sizes.every(([w, h]) => (w as number) > 0 && (h as number) > 0)).toBe(true);
    expect(dom).not.toMatch(/<script/i);
  });

  it('paints the charts: their colours are on the screenshot', { timeout: 120_000 }, () => {
    const shot = join(dir, 'shot.png');
    // Tables hidden (verdict chips share the chart colours): what is left in colour is the charts.
    const chartsOnly = html('test/fixtures/report/mixed.log').replace('</head>', '<style>table, dl { display: none; }</style>\n</head>');
    browse(chartsOnly, [`--screenshot=${shot}`, '--window-size=1280,2600']);
    expect(existsSync(shot)).toBe(true);
    const img = decodePng(readFileSync(shot));
    expect(img.width).toBe(1280);
    // Bars of the headline and reason charts (red, amber, teal) and the delivered columns of the hourly chart.
    expect(countColor(img, GROUP_COLORS.failed)).toBeGreaterThan(500);
    expect(countColor(img, GROUP_COLORS['after-delivery'])).toBeGreaterThan(300);
    expect(countColor(img, GROUP_COLORS.recovered)).toBeGreaterThan(300);
    expect(countColor(img, KIND_COLORS.delivered)).toBeGreaterThan(100);
  });

  it('the injection fixture stays text in the browser: no element from the log', { timeout: 120_000 }, () => {
    const dom = browse(html('test/fixtures/report/html-injection.ndjson'), ['--dump-dom']).stdout;
    expect(dom).not.toMatch(/<(?:script|img|iframe)\b/i);
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dom).toContain('<svg class="chart" id="chart-error-list"');
  });

  /**
   * The page at a phone's width and a desktop's. Headless Chromium keeps a window at least 500 px
   * wide, so the report is laid out in a frame of exactly the width (its own viewport), in a copy
   * whose policy against scripts is removed and which measures itself: the widest thing on the
   * page and the smallest chart text as rendered. With SGTRAIL_SHOTS set, screenshots are kept
   * there to look at.
   */
  it.each([390, 1280])('at %i px wide nothing makes the page scroll sideways, and chart text stays >= 11 px', { timeout: 120_000 }, (width) => {
    const report = html('samples/day.log')
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace(
        '</body>',
        `<script>addEventListener('load', () => {
          const fonts = [...document.querySelectorAll('svg text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width));
          parent.document.title = 'measured ' + document.documentElement.scrollWidth + ' ' + Math.min(...fonts).toFixed(1);
        });</script></body>`,
      );
    const srcdoc = report.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    const page = `<!DOCTYPE html><html><head><title>-</title><style>body{margin:0}iframe{border:0;width:${width}px;height:3000px}</style></head><body><iframe srcdoc="${srcdoc}"></iframe></body></html>`;
    const dom = browse(page, ['--dump-dom', `--window-size=${Math.max(width, 500)},3000`, '--virtual-time-budget=3000']).stdout;
    const m = /<title>measured (\d+) ([\d.]+)<\/title>/.exec(dom);
    expect(m, 'the measuring script ran').not.toBeNull();
    expect(Number(m?.[1])).toBeLessThanOrEqual(width);
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(11);
    const shots = process.env['SGTRAIL_SHOTS'];
    if (shots) browse(page, [`--screenshot=${join(shots, `report-${width}.png`)}`, `--window-size=${Math.max(width, 500)},2200`, '--virtual-time-budget=3000']);
  });
});
