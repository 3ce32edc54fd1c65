import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { ROOT } from '../helpers/cli.js';
import { duckdb, duckdbRows, postgres, postgresRows } from '../helpers/sql-engines.js';

/** One DuckDB and one PostgreSQL (PGlite) for the whole file. */
let con: Awaited<ReturnType<typeof duckdb>>;
let db: Awaited<ReturnType<typeof postgres>>;
beforeAll(async () => {
  con = await duckdb();
  db = await postgres();
});
afterAll(async () => db.close());

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

/**
 * Every real pattern on a corpus of real replies (the sample's and the fixtures') and of texts
 * built to sit on the engines' differences: the same answer in JavaScript, DuckDB and PostgreSQL,
 * and for a pattern whose group 1 is read, the same group.
 */
const CORPUS: string[] = (() => {
  const texts = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.length > 0) texts.add(v);
  };
  for (const line of readFileSync(join(ROOT, 'samples/day.ndjson'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const e = JSON.parse(line) as Record<string, unknown>;
    add(e['reason']);
    add(e['response']);
  }
  for (const f of readdirSync(join(ROOT, 'test/fixtures/real')).filter((n) => n.endsWith('.json'))) {
    const v = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/real', f), 'utf8')) as unknown;
    for (const e of (Array.isArray(v) ? v : [v]) as Record<string, unknown>[]) {
      add(e['reason']);
      add(e['response']);
    }
  }
  const tricky = ['\u017Fecurity@example.com', 'abu\u017Fe@x.org', 'x\u212Ay', ' u\u017Fer unknown', 'É spf é', 'mailbox\u00a0full', 'a@b.com.#c@d.com', 'not listed in sbl', 'listed in sbl'];
  for (const t of tricky) texts.add(t);
  return [...texts];
})();

/** The patterns whose group 1 the SQL reads. */
const GROUP_READ = new Set<RegExp>([ADDRESS, ENHANCED, REPLY, REPLY_WITH_ENHANCED, STATUS_FIELD, RECIPIENT_REJECTED]);

describe('each real pattern gives the same answer in JavaScript, DuckDB and PostgreSQL', () => {
  const rows = CORPUS.map((t, i) => `(${i}, ${sqlString(t)})`).join(', ');
  it.each(SHARED)('%s', { timeout: 60_000 }, async (_, re) => {
    const plain = new RegExp(re.source, re.flags.replace('g', ''));
    const expected = CORPUS.map((t) => {
      const m = plain.exec(t);
      return { hit: m !== null, group: m === null || m[1] === undefined ? null : m[1] };
    });
    const grouped = GROUP_READ.has(re);
    for (const [d, rowsOf] of [
      [DUCKDB, (sql: string) => duckdbRows(con, sql)],
      [POSTGRES, (sql: string) => postgresRows(db, sql)],
    ] as const) {
      const sql = `SELECT i, ${d.test('t', re)} AS hit, ${grouped ? d.group('t', re, 1) : 'NULL'} AS grp FROM (VALUES ${rows}) AS v(i, t) ORDER BY i`;
      const got = (await rowsOf(sql)).map((r) => ({ hit: r['hit'], group: r['grp'] ?? null }));
      const differ = got.flatMap((g, i) => (JSON.stringify(g) === JSON.stringify(expected[i]) ? [] : [{ text: CORPUS[i], js: expected[i], sql: g, engine: d.name }]));
      expect(differ).toEqual([]);
    }
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
    [/[0-z]/i, 'the range 0-z under the i flag'],
  ])('refuses %s (%s)', (re, why) => {
    expect(() => translateRegex(re, 'postgres')).toThrow(UnsupportedRegex);
    expect(() => translateRegex(re, 'postgres')).toThrow(why);
  });

  it.each([
    [/\bspf\b/, 'duckdb', '\\bspf\\b'],
    [/a\d/, 'duckdb', 'a[0-9]'],
    [/[\w.-]/, 'postgres', '[A-Za-z0-9_.-]'],
    [/x/i, 'duckdb', '[xX]'],
    [/[^a-z\d]/i, 'postgres', '[^a-zA-Z0-9]'],
    [/[\w-~]/, 'duckdb', '[A-Za-z0-9_\\-~]'],
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
  // RE2's (?i) folds these to ASCII letters; JavaScript without the u flag does not.
  [/^security$/i, '\u017Fecurity', false],
  [/x\w/i, 'x\u212A', false],
  [/x[^\w.-]/i, 'x\u212A', true],
  [/USER/i, 'user', true],
  [/[\w-~]/, '{', false],
  [/[\w-~]/, '-', true],
];

describe('a translated pattern matches in each engine where JavaScript matches', () => {
  it.each(PROBES)('%s on %j', async (re, text, expected) => {
    expect(re.test(text)).toBe(expected);
    const literal = sqlString(text);
    expect((await duckdbRows(con, `SELECT ${DUCKDB.test(literal, re)} AS hit`))[0]?.['hit']).toBe(expected);
    expect((await postgresRows(db, `SELECT ${POSTGRES.test(literal, re)} AS hit`))[0]?.['hit']).toBe(expected);
  });
});
