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
 * - The `i` flag: RE2 folds `ſ` to `s` and the Kelvin sign to `k`, JavaScript (without `u`) does
 *   not; each ASCII letter is written in both cases instead (`a` → `[aA]`, `a-z` → `a-zA-Z`).
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

const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);
const bothCases = (c: string): string => `${c.toLowerCase()}${c.toUpperCase()}`;

/** A range inside brackets under the `i` flag: a range of letters in both cases. */
function foldRange(src: string, from: string, to: string): string {
  if (/^[a-z]$/.test(from) && /^[a-z]$/.test(to)) return `${from}-${to}${from.toUpperCase()}-${to.toUpperCase()}`;
  if (/^[A-Z]$/.test(from) && /^[A-Z]$/.test(to)) return `${from}-${to}${from.toLowerCase()}-${to.toLowerCase()}`;
  const spans = (a: number, b: number): boolean => from.charCodeAt(0) <= b && to.charCodeAt(0) >= a;
  if (to === '\\' || spans(65, 90) || spans(97, 122)) fail(src, `the range ${from}-${to} under the i flag`);
  return `${from}-${to}`;
}

function fail(source: string, why: string): never {
  throw new UnsupportedRegex(`/${source}/: ${why} is outside the patterns SQL engines share`);
}

/** `re` for the dialect's regular expression functions (not yet an SQL literal). */
export function translateRegex(re: RegExp, dialect: RegexDialect): string {
  const src = re.source;
  for (const flag of re.flags) if (flag !== 'i' && flag !== 'g') fail(src, `the flag ${flag}`);
  const fold = re.flags.includes('i');
  let out = '';
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
        // In JavaScript `[\w-~]` is \w, `-` and `~`; written out, `_-~` would be a range.
        if (inClass && src[i + 1] === '-' && src[i + 2] !== ']') {
          out += '\\-';
          i++;
        }
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
      if (fold && src[i + 1] === '-' && src[i + 2] !== undefined && src[i + 2] !== ']') {
        out += foldRange(src, c, src[i + 2] as string);
        i += 2;
        continue;
      }
      // A `[` is a literal in JavaScript brackets; escaped, it cannot start `[:alpha:]` elsewhere.
      out += c === '[' ? '\\[' : fold && isLetter(c) ? bothCases(c) : c;
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
    out += fold && isLetter(c) ? `[${bothCases(c)}]` : c;
  }
  return out;
}
