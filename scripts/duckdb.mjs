#!/usr/bin/env node
// A stand-in for the `duckdb` shell where only the npm package is installed (a devDependency):
// runs the SQL on stdin in an in-memory DuckDB and prints the rows as aligned columns.
//   sgtrail sql --dialect duckdb --files 'logs/*.ndjson' --report | node scripts/duckdb.mjs
import { DuckDBInstance } from '@duckdb/node-api';

let sql = '';
for await (const chunk of process.stdin) sql += chunk;
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const reader = await connection.runAndReadAll(sql);
const names = reader.columnNames();
const rows = reader.getRowsJson().map((row) => row.map((v) => (v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v))));
const widths = names.map((n, i) => Math.max(n.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(line(names));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log(`(${rows.length} rows)`);
