import { SPACE, translateRegex, type RegexDialect } from './regex.js';
import { sqlString } from './quote.js';

/**
 * A named subquery of the WITH clause. `materialized`: PostgreSQL computes it once and on its own
 * (its estimates and its cache of compiled patterns need that, see query.ts and reasons-sql.ts).
 */
export type Cte = readonly [name: string, sql: string, materialized?: 'materialized'];

/**
 * What differs between the engines the query is written for. Everything else in the query is
 * SQL both accept: CTEs, window functions, `FILTER`, `array_agg(… ORDER BY …)[1]`, CASE.
 * A port to another engine (BigQuery, Spark SQL, Trino) is one more object of this shape.
 */
export interface Dialect {
  readonly name: RegexDialect;
  /** Does `expr` contain a match of `re`? */
  test(expr: string, re: RegExp): string;
  /** Group `n` of the first match of `re` in `expr`; NULL when there is none. */
  group(expr: string, re: RegExp, n: number): string;
  /** `expr` with every match of `re` replaced (`\1` names a group). */
  replace(expr: string, re: RegExp, replacement: string): string;
  /**
   * Rows (`id`, `n`, `pos`, `hit`) for every match of `re` in column `text` of `relation`: its
   * number, the 1-based position of group 1 and group 1 itself. Group 1 must start the match.
   */
  matches(relation: string, re: RegExp): string;
  /**
   * An aggregate: `value` of the row that sorts first by `keys` (last, with `last`) among the rows
   * `filter` keeps; NULL values count like any other.
   */
  firstBy(value: string, keys: readonly string[], filter: string | null, last?: boolean): string;
  /**
   * A fingerprint of the values (NULL counted apart from ''): equal values give equal ones, and
   * different ones differ but with a chance of about one in 2^64 (DuckDB) or 2^128 (md5), as the
   * streaming deduper's 52-bit hashes do.
   */
  fingerprint(values: readonly string[]): string;
  /** Whether `AS MATERIALIZED` is written where a CTE asks for it (see Cte). */
  readonly materializes: boolean;
  /** `expr` without JavaScript's white space at either end (`String.prototype.trim`). */
  trim(expr: string): string;
  /** The engine's 8-byte floating point type. */
  readonly double: string;
}

/** The characters `trim()` removes, as an SQL expression (chr() keeps control characters out of the text). */
const SPACE_CHARS = SPACE.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => `chr(${a + i})`)).join(' || ');

const lit = (dialect: RegexDialect, re: RegExp): string => sqlString(translateRegex(re, dialect));

export const DUCKDB: Dialect = {
  name: 'duckdb',
  test: (expr, re) => `regexp_matches(${expr}, ${lit('duckdb', re)})`,
  // regexp_extract gives '' for no match; a group of ours is never empty when it matches.
  group: (expr, re, n) => `nullif(regexp_extract(${expr}, ${lit('duckdb', re)}, ${n}), '')`,
  replace: (expr, re, replacement) => `regexp_replace(${expr}, ${lit('duckdb', re)}, ${sqlString(replacement)}, 'g')`,
  // RE2 has no match positions: the text between matches (string_split_regex) and the matches
  // themselves add up to each match's start.
  matches: (relation, re) => {
    const p = lit('duckdb', re);
    return `SELECT id, n, hits[n] AS hit,
        CAST(1 + list_sum(list_transform(gaps[1:n], lambda g: length(g))) + coalesce(list_sum(list_transform(whole[1:n - 1], lambda w: length(w))), 0) AS BIGINT) AS pos
      FROM (SELECT id, hits, whole, gaps, unnest(generate_series(1, len(hits))) AS n
        FROM (SELECT id, regexp_extract_all(text, ${p}, 1) AS hits, regexp_extract_all(text, ${p}, 0) AS whole, string_split_regex(text, ${p}) AS gaps
          FROM ${relation}) AS found WHERE len(hits) > 0) AS numbered`;
  },
  // arg_min_null/arg_max_null: one pass, where an ordered array_agg sorts every group.
  firstBy: (value, keys, filter, last = false) =>
    `arg_${last ? 'max' : 'min'}_null(${value}, (${keys.join(', ')}))${filter === null ? '' : ` FILTER (WHERE ${filter})`}`,
  fingerprint: (values) => `hash(${values.join(', ')})`,
  // DuckDB plans the CTEs well on its own; materializing them kept every row once more (2.7 GB
  // against 1.9 GB peak on the 200k-message benchmark log) and was no faster.
  materializes: false,
  trim: (expr) => `trim(${expr}, ${SPACE_CHARS})`,
  double: 'DOUBLE',
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  test: (expr, re) => `(${expr} ~ ${lit('postgres', re)})`,
  group: (expr, re, n) => `(regexp_match(${expr}, ${lit('postgres', re)}))[${n}]`,
  replace: (expr, re, replacement) => `regexp_replace(${expr}, ${lit('postgres', re)}, ${sqlString(replacement)}, 'g')`,
  // regexp_instr / regexp_substr / regexp_count: PostgreSQL 15 and later.
  matches: (relation, re) => {
    const p = lit('postgres', re);
    return `SELECT r.id, k AS n, regexp_substr(r.text, ${p}, 1, k, '', 1) AS hit, regexp_instr(r.text, ${p}, 1, k, 0, '', 1) AS pos
      FROM ${relation} AS r, generate_series(1, regexp_count(r.text, ${p})) AS k`;
  },
  firstBy: (value, keys, filter, last = false) =>
    `(array_agg(${value} ORDER BY ${keys.map((k) => (last ? `${k} DESC` : k)).join(', ')})${filter === null ? '' : ` FILTER (WHERE ${filter})`})[1]`,
  fingerprint: (values) => `md5(concat_ws(chr(1), ${values.map((v) => `coalesce(${v}, chr(2))`).join(', ')}))`,
  materializes: true,
  trim: (expr) => `btrim(${expr}, ${SPACE_CHARS})`,
  double: 'DOUBLE PRECISION',
};

export const DIALECTS: Readonly<Record<RegexDialect, Dialect>> = { duckdb: DUCKDB, postgres: POSTGRES };
