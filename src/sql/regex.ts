/**
 * The classifier's JavaScript patterns, rewritten for an SQL engine's regular expressions.
 *
 * The rules keep to a subset that means the same in JavaScript, RE2 (DuckDB) and PostgreSQL's
 * ARE: no lookaround, no back references, no lazy quantifiers, no `\B`, `\D`/`\S`/`\W` outside
 * brackets only. Where the engines read the same spelling differently, it is spelled out:
 * - `\d`, `\w` are ASCII in JavaScript; PostgreSQL's follow the locale (`é` is a word character).
 * - `\s` is Unicode white space in JavaScript, ASCII only in RE2.
 * - `.` stops at line ends in JavaScript (`\n`, `\r`, U+2028, U+2029); it matches `\n` in
 *   PostgreSQL and `\r` in RE2.
 * - `\b` is a backspace in PostgreSQL, and its `\y` takes `é` for a word character: the ASCII
 *   boundary is written with PostgreSQL's own lookarounds (RE2's `\b` is ASCII already).
 * - `[\s\S]`, "any character", cannot be written with `\S` inside brackets in PostgreSQL.
 * A construct outside the subset throws: a rule that used one would not run as SQL.
 */

export type RegexDialect = 'duckdb' | 'postgres';

/** JavaScript's `\s` (what `trim()` removes), as code points and ranges. */
export const SPACE: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_END: readonly (readonly [number, number])[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

function codePoint(dialect: RegexDialect, c: number): string {
  const hex = c.toString(16).padStart(4, '0');
  return dialect === 'duckdb' ? `\\x{${hex}}` : `\\u${hex}`;
}

function ranges(dialect: RegexDialect, set: readonly (readonly [number, number])[]): string {
  return set.map(([a, b]) => (a === b ? codePoint(dialect, a) : `${codePoint(dialect, a)}-${codePoint(dialect, b)}`)).join('');
}

/** The inside of a bracket for a class escape, or null when it has none there. */
function classBody(dialect: RegexDialect, letter: string): string | null {
  switch (letter) {
    case 'd':
      return '0-9';
    case 'w':
      return 'A-Za-z0-9_';
    case 's':
      return ranges(dialect, SPACE);
    default:
      return null;
  }
}

/** JavaScript's `\b` in PostgreSQL: between an ASCII word character and anything else. */
const PG_WORD_BOUNDARY = '(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))';

/** Characters an escape may name as themselves, in either engine. */
const PUNCTUATION = /[\\^$.*+?()[\]{}|/\-'"`~!@#%&=:;,<> ]/;

export class UnsupportedRegex extends Error {}

function fail(source: string, why: string): never {
  throw new UnsupportedRegex(`/${source}/: ${why} is outside the patterns SQL engines share`);
}

/** `re` for the dialect's regular expression functions (not yet an SQL literal). */
export function translateRegex(re: RegExp, dialect: RegexDialect): string {
  const src = re.source;
  for (const flag of re.flags) if (flag !== 'i' && flag !== 'g') fail(src, `the flag ${flag}`);
  let out = re.flags.includes('i') ? '(?i)' : '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) fail(src, 'a trailing backslash');
      i++;
      const body = classBody(dialect, next);
      if (body !== null) {
        out += inClass ? body : `[${body}]`;
      } else if (next === 'D' || next === 'W' || next === 'S') {
        if (inClass) fail(src, `\\${next} inside brackets`);
        out += `[^${classBody(dialect, next.toLowerCase())}]`;
      } else if (next === 'b') {
        if (inClass) fail(src, '\\b inside brackets');
        out += dialect === 'postgres' ? PG_WORD_BOUNDARY : '\\b';
      } else if (next === 'n' || next === 'r' || next === 't') {
        out += `\\${next}`;
      } else if (PUNCTUATION.test(next)) {
        out += `\\${next}`;
      } else {
        fail(src, `the escape \\${next}`);
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      // A `[` is a literal in JavaScript brackets; escaped, it cannot start `[:alpha:]` elsewhere.
      out += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '[') {
      if (src.startsWith('[\\s\\S]', i)) {
        out += dialect === 'postgres' ? '.' : '(?s:.)';
        i += '[\\s\\S]'.length - 1;
        continue;
      }
      inClass = true;
      out += c;
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      // A `]` first in brackets is a literal in PostgreSQL and RE2 but closes an empty set in JavaScript.
      if (src[i + 1] === ']') fail(src, 'a bracket that starts with ]');
      continue;
    }
    if (c === '.') {
      out += `[^${ranges(dialect, LINE_END)}]`;
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      if (src[i + 2] !== ':') fail(src, `the group (?${src[i + 2] ?? ''}`);
      out += '(?:';
      i += 2;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && src[i + 1] === '?') fail(src, 'a lazy quantifier');
    out += c;
  }
  return out;
}
