// One timed run for `npm run bench`: `sgtrail sql --dialect duckdb --report` over a log, run in
// DuckDB (@duckdb/node-api), which reads the NDJSON (or gzip) itself. Prints the report rows.
//   node scripts/bench-sql.mjs FILE [--threads N]
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const file = args[0];
if (!file) {
  console.error('usage: node scripts/bench-sql.mjs FILE [--threads N]');
  process.exit(2);
}
const threads = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : null;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sql = execFileSync(process.execPath, [join(root, 'bin', 'sgtrail.js'), 'sql', '--dialect', 'duckdb', '--report', '--files', file], { encoding: 'utf8' });
// What DuckDB spills goes to bench-data/ (git-ignored), not to `.tmp` in the working directory.
const spill = join(root, 'bench-data', `duckdb-spill-${process.pid}`);
mkdirSync(spill, { recursive: true });
const instance = await DuckDBInstance.create(':memory:', { temp_directory: spill, ...(threads === null ? {} : { threads: String(threads) }) });
const connection = await instance.connect();
const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
for (const r of rows) console.log(`${r.verdict}\t${r.messages}\t${r.on_error_list}`);
rmSync(spill, { recursive: true, force: true });
