import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '../../src/sql/query.js';

/**
 * Real SQL engines in-process for the `sgtrail sql` tests: DuckDB (@duckdb/node-api) and
 * PostgreSQL compiled to WebAssembly (PGlite). Events are loaded as a receiver would store them:
 * one row per event, the webhook's field names as columns, values as the JSON gave them (text;
 * numbers, booleans and lists as their JSON text), and `seq`, the arrival order.
 */

export const EVENT_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** Events of an NDJSON text (an array per line too), as rows of text in EVENT_COLUMNS order. */
export function eventRows(text: string, columns: readonly string[] = EVENT_COLUMNS): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const value = JSON.parse(line) as unknown;
    for (const o of (Array.isArray(value) ? value : [value]) as Record<string, unknown>[]) {
      rows.push(columns.map((c) => (o[c] === undefined || o[c] === null ? null : typeof o[c] === 'string' ? o[c] : JSON.stringify(o[c]))));
    }
  }
  return rows;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function duckdb(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(':memory:')).connect();
}

export async function duckdbRows(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

/** Creates table `table` (raw name) in `schema` in DuckDB and appends the events. */
export async function loadDuckdb(
  con: DuckDBConnection,
  table: string,
  text: string,
  columns: readonly string[] = EVENT_COLUMNS,
  schema = 'main',
): Promise<void> {
  await con.run(`CREATE TABLE ${quote(schema)}.${quote(table)} (seq BIGINT, ${columns.map((c) => `${quote(c)} VARCHAR`).join(', ')})`);
  const appender = await con.createAppender(table, schema);
  let seq = 0;
  for (const row of eventRows(text, columns)) {
    appender.appendBigInt(BigInt(++seq));
    for (const v of row) {
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
}

export async function postgres(): Promise<PGlite> {
  return new PGlite();
}

/** Creates table `table` (raw name) in PostgreSQL and inserts the events, 500 a statement. */
export async function loadPostgres(db: PGlite, table: string, text: string, columns: readonly string[] = EVENT_COLUMNS): Promise<void> {
  const relation = quote(table);
  await db.exec(`CREATE TABLE ${relation} (seq BIGINT, ${columns.map((c) => `${quote(c)} TEXT`).join(', ')})`);
  const rows = eventRows(text, columns);
  await db.exec('BEGIN');
  for (let i = 0; i < rows.length; i += 500) {
    const params: unknown[] = [];
    const tuples = rows.slice(i, i + 500).map((row, j) => {
      params.push(i + j + 1, ...row);
      const base = params.length - row.length - 1;
      return `(${Array.from({ length: row.length + 1 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO ${relation} VALUES ${tuples.join(', ')}`, params);
  }
  await db.exec('COMMIT');
  await db.exec(`ANALYZE ${relation}`);
}

export async function postgresRows(db: PGlite, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.query<Record<string, unknown>>(sql)).rows;
}
