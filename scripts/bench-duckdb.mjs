// One timed query for `npm run bench`: DuckDB's own JSON reader groups the events of a log by
// recipient and message, the same shape of work as `sgtrail report`'s grouping (not its rules).
//   node scripts/bench-duckdb.mjs FILE
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/bench-duckdb.mjs FILE');
  process.exit(2);
}
const quoted = `'${file.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = `read_json(${quoted}, format = 'newline_delimited', columns = {email: 'VARCHAR', sg_message_id: 'VARCHAR', event: 'VARCHAR', timestamp: 'DOUBLE'})`;
const result = await connection.runAndReadAll(
  `SELECT count(*) AS messages FROM (SELECT lower(email), sg_message_id, count(*) FROM ${reader} GROUP BY 1, 2)`,
);
console.log(String(result.getRows()[0]?.[0]));
