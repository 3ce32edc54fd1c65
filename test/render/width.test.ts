import { describe, expect, it } from 'vitest';
import { displayWidth, padEndColumns, truncateColumns, wrapColumns } from '../../src/common/width.js';
import { messagesTable } from '../../src/render/messages-text.js';
import { renderText } from '../../src/render/report/text.js';
import { reportOf, reportPresentation } from '../helpers/report-data.js';

/**
 * East Asian text on a terminal: wide characters take two columns, and tables with Japanese
 * headers, addresses and replies still line up (every line of a table as wide as its border).
 */

describe('displayWidth', () => {
  it.each<[string, number]>([
    ['abc', 3],
    ['配信済み', 8],
    ['バウンス(bounce)', 16],
    ['ｱｲｳ', 3], // halfwidth katakana
    ['한국', 4],
    ['ＡＢ', 4], // fullwidth Latin
    ['📬', 2],
    ['e\u0301', 1], // combining acute accent
    ['a\u200bb', 2], // zero-width space
    ['—…→', 3],
    ['𠮷野家', 6], // a kanji outside the BMP
    ['👨‍👩‍👧', 2], // a family: three emoji joined
    ['👍🏽', 2], // with a skin tone
    ['⚠️', 2], // a symbol with the emoji presentation selector
    ['a⚠️b', 4],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads and cuts by columns, never through a wide character', () => {
    expect(padEndColumns('配信', 6)).toBe('配信  ');
    expect(truncateColumns('配信済みです', 7)).toBe('配信済…');
    expect(truncateColumns('配信済みです', 8)).toBe('配信済…');
    expect(displayWidth(truncateColumns('配信済みです', 8))).toBeLessThanOrEqual(8);
    expect(truncateColumns('abc', 3)).toBe('abc');
  });

  it('wraps Japanese text between characters and English text at spaces', () => {
    const lines = wrapColumns('エラーメール一覧では失敗と表示されますが、受信側サーバーは先に受け付けています。', 20);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.join('')).toBe('エラーメール一覧では失敗と表示されますが、受信側サーバーは先に受け付けています。');
    expect(wrapColumns('the receiving server accepted them first', 16)).toEqual(['the receiving', 'server accepted', 'them first']);
    expect(wrapColumns('ああああ)いう', 8)).toEqual(['あああ', 'あ)いう']);
    // No line starts with a closing mark or a small kana (kinsoku).
    for (let width = 6; width <= 30; width++) {
      const lines = wrapColumns('送信元の IP(またはドメイン)がブロックリストに掲載されている。メッセージ、ドロップ(抑制リスト)。判定の順(単純なもの)、次に', width);
      for (const l of lines.slice(1)) expect(l, `${width}: ${l}`).not.toMatch(/^[、。ッーィ)]/);
      for (const l of lines.slice(0, -1)) expect(l, `${width}: ${l}`).not.toMatch(/[(]$/);
    }
  });
});

/** Events with Japanese addresses and replies: what a Japanese log holds. */
function japaneseEvents(): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  const people = ['山田太郎@example.jp', 'sato@example.co.jp', '鈴木@例え.jp', 'tanaka@docomo.ne.jp'];
  people.forEach((email, i) => {
    const id = `JAmsg${i}`;
    const t = 1794992700 + i * 600;
    events.push({ email, event: 'processed', timestamp: t, sg_message_id: `${id}.filter-1`, sg_event_id: `p${i}` });
    events.push({ email, event: 'delivered', timestamp: t + 2, sg_message_id: `${id}.filter-1`, sg_event_id: `d${i}`, response: '250 2.0.0 OK' });
    if (i % 2 === 0) {
      events.push({
        email,
        event: 'bounce',
        type: 'blocked',
        timestamp: t + 278,
        sg_event_id: `b${i}`,
        status: '5.2.2',
        reason: i === 0 ? '552 5.2.2 <転送先@example.jp>... メールボックスが一杯です' : '550 5.1.1 ユーザーが存在しません',
      });
    }
  });
  return events;
}

/** The lines of each box-drawn table in `text` (cli-table3 borders). */
function tables(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('┌')) current = [];
    if (current) current.push(line);
    if (line.startsWith('└') && current) {
      out.push(current);
      current = null;
    }
  }
  return out;
}

/** Columns at which each `│` of a line stands. */
function bars(line: string): number[] {
  const at: number[] = [];
  let col = 0;
  for (const ch of line) {
    if (ch === '│' || ch === '┬' || ch === '┼' || ch === '┴' || ch === '┌' || ch === '┐' || ch === '└' || ch === '┘' || ch === '├' || ch === '┤') at.push(col);
    col += displayWidth(ch);
  }
  return at;
}

describe('tables with Japanese text line up', () => {
  it.each([80, 120])('messages table in Japanese at %i columns', async (width) => {
    const { messages } = await reportOf(japaneseEvents());
    const look = reportPresentation({ tty: true, lang: 'ja' });
    const out = messagesTable(messages, look, width);
    const [table] = tables(out);
    expect(table).toBeDefined();
    expect(out).toContain('メールアドレス');
    expect(out).toContain('山田太郎@example.jp');
    const border = bars((table as string[])[0] as string);
    for (const line of table as string[]) {
      expect(displayWidth(line), line).toBe(displayWidth((table as string[])[0] as string));
      expect(bars(line), line).toEqual(border);
    }
    expect(displayWidth((table as string[])[0] as string)).toBeLessThanOrEqual(width);
  });

  it.each([80, 100, 140])('report text in Japanese at %i columns: every table lines up, the key/value lists too', async (width) => {
    const input = await reportOf(japaneseEvents());
    const out = renderText(input, reportPresentation({ tty: true, lang: 'ja', width }));
    const all = tables(out);
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const table of all) {
      const border = bars(table[0] as string);
      for (const line of table) {
        expect(bars(line), line).toEqual(border);
        expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      }
    }
    // The overview's values start in one column, whatever the width of the Japanese keys.
    const overview = out.split('\n').slice(1, 6);
    const starts = overview.map((l) => {
      const m = /^ {2}(\S.*?)( {2,})(\S.*)$/.exec(l);
      return m ? displayWidth(`  ${m[1]}${m[2]}`) : -1;
    });
    expect(new Set(starts).size, overview.join('\n')).toBe(1);
    // Titles and notes wrap within the width.
    for (const line of out.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(Math.max(80, width));
  });
});
