import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, HEX_ID, LINK, RETURN_PATH_DOMAIN, RETURN_PATH_LOCAL, ROLE, TOKEN_ID } from '../../src/reasons/addresses.js';
import { RECIPIENT_REJECTED } from '../../src/reasons/classify.js';
import { DECOY_AFTER, DECOY_BEFORE, RECIPIENT_AFTER, RECIPIENT_BEFORE, SENDER_CLAUSE } from '../../src/reasons/forward-target.js';
import { ENHANCED, REPLY, REPLY_WITH_ENHANCED, STATUS_FIELD } from '../../src/reasons/smtp-codes.js';
import { CONNECT, LATER, MAIL_FROM } from '../../src/reasons/smtp-stage.js';
import { TEXT_RULES } from '../../src/reasons/text-rules.js';
import { DUCKDB, POSTGRES } from '../../src/sql/dialect.js';
import { sqlString } from '../../src/sql/quote.js';
import { translateRegex, UnsupportedRegex } from '../../src/sql/regex.js';
import { duckdb, duckdbRows, postgres, postgresRows } from '../helpers/sql-engines.js';

/** Every pattern the SQL uses, from the classifier's own modules. */
const SHARED: [string, RegExp][] = [
  ...TEXT_RULES.map((r, i) => [`text rule ${i} (${r.cls})`, r.re] as [string, RegExp]),
  ...Object.entries({ ADDRESS, HEX_ID, LINK, RETURN_PATH_DOMAIN, RETURN_PATH_LOCAL, ROLE, RECIPIENT_REJECTED, DECOY_AFTER, DECOY_BEFORE }),
  ...Object.entries({ RECIPIENT_AFTER, RECIPIENT_BEFORE, SENDER_CLAUSE, ENHANCED, REPLY, REPLY_WITH_ENHANCED, STATUS_FIELD, CONNECT, LATER, MAIL_FROM }),
  ...TOKEN_ID.map((re, i) => [`TOKEN_ID ${i}`, re] as [string, RegExp]),
];

describe('the classifier keeps to patterns both SQL engines read as JavaScript does', () => {
  it.each(SHARED)('%s has no lookaround, back reference or lazy quantifier', (_, re) => {
    expect(() => translateRegex(re, 'duckdb')).not.toThrow();
    expect(() => translateRegex(re, 'postgres')).not.toThrow();
  });
});

describe('translateRegex', () => {
  it.each([
    [/(?<!not )listed/, 'group (?<'],
    [/a(?=b)/, 'group (?='],
    [/a(?!b)/, 'group (?!'],
    [/(a)\1/, 'escape \\1'],
    [/a+?/, 'lazy'],
    [/a/m, 'flag m'],
    [/[^\S]/, '\\S inside brackets'],
    [/\B/, 'escape \\B'],
  ])('refuses %s (%s)', (re, why) => {
    expect(() => translateRegex(re, 'postgres')).toThrow(UnsupportedRegex);
    expect(() => translateRegex(re, 'postgres')).toThrow(why);
  });

  it.each([
    [/\bspf\b/, 'duckdb', '\\bspf\\b'],
    [/a\d/, 'duckdb', 'a[0-9]'],
    [/[\w.-]/, 'postgres', '[A-Za-z0-9_.-]'],
    [/x/i, 'duckdb', '(?i)x'],
    [/[\s\S]/, 'postgres', '.'],
    [/[\s\S]/, 'duckdb', '(?s:.)'],
    [/[<[]/, 'duckdb', '[<\\[]'],
  ] as const)('%s in %s is %s', (re, dialect, expected) => {
    expect(translateRegex(re, dialect)).toBe(expected);
  });
});

/**
 * Texts where the engines' own spellings would differ from JavaScript: a non-ASCII letter next to
 * a word boundary, a non-breaking space, line ends against `.`, upper case under `i`.
 */
const PROBES: [RegExp, string, boolean][] = [
  [/\bspf\b/, 'éspf', true],
  [/\bspf\b/, 'xspf', false],
  [/\bspf\b/, 'spf_', false],
  [/\bspf\b/, 'spf-', true],
  [/a\sb/, 'a\u00a0b', true],
  [/a\sb/, 'a\u2003b', true],
  [/a.b/, 'a\nb', false],
  [/a.b/, 'a\rb', false],
  [/a.b/, 'a\u2028b', false],
  [/a.b/, 'a\tb', true],
  [/\w/, 'é', false],
  [/\d/, '٣', false],
  [/^abc$/, 'abc\n', false],
  [/abc/i, 'ABC', true],
  [/[^a-z]x/i, 'Ax', false],
  [/[\s\S]{3}x/, 'a\n\rx', true],
  [/x[<("'[]/, 'x[', true],
];

describe('a translated pattern matches in each engine where JavaScript matches', () => {
  let con: Awaited<ReturnType<typeof duckdb>>;
  let db: Awaited<ReturnType<typeof postgres>>;
  beforeAll(async () => {
    con = await duckdb();
    db = await postgres();
  });
  afterAll(async () => db.close());

  it.each(PROBES)('%s on %j', async (re, text, expected) => {
    expect(re.test(text)).toBe(expected);
    const literal = sqlString(text);
    expect((await duckdbRows(con, `SELECT ${DUCKDB.test(literal, re)} AS hit`))[0]?.['hit']).toBe(expected);
    expect((await postgresRows(db, `SELECT ${POSTGRES.test(literal, re)} AS hit`))[0]?.['hit']).toBe(expected);
  });
});
