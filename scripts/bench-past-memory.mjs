#!/usr/bin/env node
// Past sgtrail's memory: a log with more recipient messages than Node's default heap can group,
// read by `sgtrail report` (which stops with exit 3 and advice) and by `sgtrail sql --dialect
// duckdb --files … --report` run in DuckDB (which spills to disk as it needs). Time and peak
// memory of each, from /usr/bin/time. The log is generated once and cached in bench-data/: D days
// of 200k messages each (seeds 100, 101, …, one day after another from 2026-10-01), one NDJSON file.
//
//   node scripts/bench-past-memory.mjs [--days D]      (default 40: 8M messages, about 8.5 GB)
//
// Generating takes about 6 s a day; each run below takes minutes.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const DAYS = args.includes('--days') ? Number(args[args.indexOf('--days') + 1]) : 40;
const PER_DAY = 200_000;
const MESSAGES = DAYS * PER_DAY;
const dir = join(root, 'bench-data');
const file = join(dir, `past-memory-${DAYS}-days.ndjson`);
mkdirSync(dir, { recursive: true });
if (!existsSync(file)) {
  console.error(`generating ${DAYS} days of ${PER_DAY} messages in ${file} ...`);
  const part = `${file}.part`;
  const whole = createWriteStream(`${file}.tmp`);
  for (let day = 0; day < DAYS; day++) {
    const start = new Date(Date.UTC(2026, 9, 1 + day)).toISOString();
    await generate({ messages: PER_DAY, seed: 100 + day, framing: 'ndjson', start, out: part, onMessage() {} });
    for await (const chunk of createReadStream(part)) {
      if (!whole.write(chunk)) await new Promise((drained) => whole.once('drain', drained));
    }
  }
  await new Promise((done) => whole.end(done));
  rmSync(part);
  renameSync(`${file}.tmp`, file);
}

function timed(name, argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const said = r.stderr.trim().split('\n').filter((l) => l.startsWith('sgtrail:'))[0] ?? '';
  console.log(`${name}\t${seconds.toFixed(1)} s\t${Math.round(kb / 1024)} MB peak\texit ${r.status}${said ? `\t${said}` : ''}`);
  return r;
}

console.log(`${MESSAGES} messages, ${(statSync(file).size / 1e9).toFixed(2)} GB of NDJSON`);
timed('sgtrail report --format json', [process.execPath, join(root, 'bin', 'sgtrail.js'), 'report', '--format', 'json', '--quiet', file]);
const sql = timed('sgtrail sql --dialect duckdb --files --report, in DuckDB', [process.execPath, join(root, 'scripts', 'bench-sql.mjs'), file]);
process.stdout.write(sql.stdout);
