#!/usr/bin/env node
// The project's benchmark: `npm run bench` (builds first).
//
// Generates, with the project's generator and a fixed seed, a log of N recipient messages
// (default 200k: about 500k events, 210 MB of NDJSON), the same events framed as one webhook
// array per line, and a gzip copy of the NDJSON; then times sgtrail and, when installed, the jq
// pipelines users type today, side by side in one run: median of R runs (default 3) with peak
// memory from /usr/bin/time. Prints a table and checks the performance targets as ratios.
//
//   node scripts/bench.mjs [--messages N] [--runs R] [--keep]
//
// The data is cached in bench-data/ (git-ignored) and reused while its parameters match.
import { execFileSync, spawnSync } from 'node:child_process';
import { createGzip } from 'node:zlib';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { messageBytes } from './message-bytes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const MESSAGES = opt('--messages', 200_000);
const RUNS = opt('--runs', 3);
const SEED = 1;
const dir = join(root, 'bench-data');
const bin = join(root, 'bin', 'sgtrail.js');

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const JQ = has('jq');
/** DuckDB through @duckdb/node-api (a devDependency): the distance to a native engine. */
const DUCKDB = (() => {
  try {
    import.meta.resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
})();

async function prepare() {
  mkdirSync(dir, { recursive: true });
  const stamp = join(dir, 'stamp.json');
  const want = JSON.stringify({ MESSAGES, SEED, v: 1 });
  const files = {
    ndjson: join(dir, `bench-${MESSAGES}.ndjson`),
    array: join(dir, `bench-${MESSAGES}.array.log`),
    gzip: join(dir, `bench-${MESSAGES}.ndjson.gz`),
    manifest: join(dir, `bench-${MESSAGES}.manifest.tsv`),
  };
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && Object.values(files).every(existsSync)) return files;
  console.error(`generating ${MESSAGES} messages (seed ${SEED}) in ${dir} ...`);
  await generate({ messages: MESSAGES, seed: SEED, framing: 'ndjson', out: files.ndjson, manifest: files.manifest, onMessage() {} });
  await generate({ messages: MESSAGES, seed: SEED, framing: 'array', out: files.array, onMessage() {} });
  await pipeline(createReadStream(files.ndjson), createGzip({ level: 6 }), createWriteStream(files.gzip));
  writeFileSync(stamp, want);
  return files;
}

/** One timed run of a shell command; stdout discarded. Returns seconds and peak RSS in MB. */
function timeOnce(command) {
  const wrapped = TIME ? `${TIME} -f '%e %M' sh -c ${JSON.stringify(command)}` : command;
  const started = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', `${wrapped} > /dev/null`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`failed (${r.status}): ${command}\n${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) (\d+)$/.exec(last);
  return { seconds: m ? Number(m[1]) : wall, peakMb: m ? Number(m[2]) / 1024 : null };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of many runs of a short command (start-up), no memory. */
function measureMany(name, command, n = 21) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    spawnSync('sh', ['-c', `${command} > /dev/null 2>&1`]);
    runs.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const seconds = median(runs);
  console.error(`  ${name}: median ${(seconds * 1000).toFixed(0)} ms of ${n}`);
  return { name, seconds, mbs: null, eps: null, peakMb: null, runs };
}

/**
 * Wall times of commands of a few tens of milliseconds, run in turn `n` times each (alternating,
 * so that a change in the machine's load falls on all of them), measured as measureMany does:
 * /usr/bin/time's %e is in hundredths, too coarse for a ratio of two such times. Sets each row's
 * `seconds` to its median and keeps the rest of the row (peak memory from measure's runs).
 */
function timeAlternating(rows, commands, n = 21) {
  const runs = rows.map(() => []);
  for (let i = 0; i < n; i++) {
    commands.forEach((command, k) => {
      const started = process.hrtime.bigint();
      spawnSync('sh', ['-c', `${command} > /dev/null 2>&1`]);
      runs[k].push(Number(process.hrtime.bigint() - started) / 1e9);
    });
  }
  rows.forEach((row, k) => {
    row.seconds = median(runs[k]);
    if (row.mbs !== null) row.mbs = row.bytes / 1e6 / row.seconds;
    if (row.eps !== null) row.eps = row.events / row.seconds;
    console.error(`  ${row.name}: median ${(row.seconds * 1000).toFixed(0)} ms of ${n}, in turn with ${rows.length - 1} other`);
  });
}

function measure(name, command, bytes, events) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timeOnce(command));
  const seconds = median(runs.map((r) => r.seconds));
  const peaks = runs.map((r) => r.peakMb).filter((p) => p !== null);
  const row = { name, seconds, bytes, events, mbs: bytes / 1e6 / seconds, eps: events / seconds, peakMb: peaks.length ? median(peaks) : null, runs: runs.map((r) => r.seconds) };
  console.error(`  ${name}: ${row.runs.map((s) => s.toFixed(2)).join(' / ')} s`);
  return row;
}

const files = await prepare();
const size = (p) => statSync(p).size;
const events = Number(execFileSync('sh', ['-c', `wc -l < ${JSON.stringify(files.ndjson)}`]).toString().trim());
// A forwarded-bounce message's address: the lookup a support engineer makes.
const manifest = readFileSync(files.manifest, 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
const address = (manifest.find((r) => r[3] === 'forwarded-bounce') ?? manifest[0])[0];

const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const node = q(process.execPath);
const sg = (cmd, file) => `${node} ${q(bin)} ${cmd} --quiet ${q(file)}`;
const nd = files.ndjson;

console.error(`timing, ${RUNS} runs each ...`);
const rows = {};
rows.events = measure('sgtrail events', sg('events', nd), size(nd), events);
rows.messages = measure('sgtrail messages --json', sg('messages --json', nd), size(nd), events);
rows.report = measure('sgtrail report --format json', sg('report --format json', nd), size(nd), events);
rows.reportArray = measure('sgtrail report (array per line)', sg('report --format json', files.array), size(files.array), events);
rows.reportGzip = measure('sgtrail report (gzip)', sg('report --format json', files.gzip), size(nd), events);
const lookup = `${sg('timeline', nd)} --email ${q(address)}`;
rows.timeline = measure(`sgtrail timeline --email`, lookup, size(nd), events);
// Start-up, timed over many runs (a single one is a few tens of milliseconds): an empty log.
const empty = join(dir, 'empty.log');
writeFileSync(empty, '');
rows.nodeStart = measureMany('node -e 0', `${node} -e 0`);
rows.emptyLookup = measureMany('sgtrail timeline (empty log)', `${sg('timeline', empty)} --email x@y.example`);
if (JQ) {
  rows.jqSelect = measure(`jq -c 'select(.event=="bounce")'`, `jq -c ${q('select(.event=="bounce")')} ${q(nd)}`, size(nd), events);
  rows.jqGroup = measure(`jq -s 'group_by(.sg_message_id)|length'`, `jq -s ${q('group_by(.sg_message_id)|length')} ${q(nd)}`, size(nd), events);
  const grepJq = `grep -F ${q(`"${address}"`)} ${q(nd)} | jq -s ${q('sort_by(.timestamp)')}`;
  rows.grepJq = measure(`grep -F | jq -s 'sort_by(.timestamp)'`, grepJq, size(nd), events);
  // The lookup target compares two times of about 0.1-0.3 s: timed again, in turn, by the clock.
  timeAlternating([rows.timeline, rows.grepJq], [lookup, grepJq]);
}

if (DUCKDB) {
  const script = join(root, 'scripts', 'bench-duckdb.mjs');
  rows.duckdb = measure('duckdb read_json group by email, message', `${node} ${q(script)} ${q(nd)}`, size(nd), events);
  // The whole of sgtrail's rules as SQL (`sgtrail sql --dialect duckdb --files … --report`), run by DuckDB.
  const sql = join(root, 'scripts', 'bench-sql.mjs');
  rows.sqlDuckdb = measure('sgtrail sql --report, run in duckdb', `${node} ${q(sql)} ${q(nd)}`, size(nd), events);
}

// What grouping holds per message once the whole log is read (the report's live state).
const held = await messageBytes(nd);

const fmt = (n, d = 2) => (n === null || n === undefined ? 'n/a' : n.toFixed(d));
const ratio = (a, b) => (a && b ? a / b : null);
console.log(`\nsgtrail benchmark — ${MESSAGES} messages, ${events} event lines, ${(size(nd) / 1e6).toFixed(1)} MB NDJSON`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${RUNS} runs`);
console.log(`(start-up rows: medians of 21 runs; the lookup and grep|jq: medians of 21 runs in turn; peak memory from the ${RUNS} runs)\n`);
const header = ['command', 'seconds', 'MB/s', 'events/s', 'peak MB', 'vs jq select', 'vs jq -s group_by', 'vs grep|jq'];
const lines = [header];
for (const r of Object.values(rows)) {
  lines.push([
    r.name,
    fmt(r.seconds, 3),
    fmt(r.mbs, 1),
    r.eps === null ? 'n/a' : Math.round(r.eps).toLocaleString('en-US'),
    fmt(r.peakMb, 0),
    fmt(ratio(r.seconds, rows.jqSelect?.seconds)),
    fmt(ratio(r.seconds, rows.jqGroup?.seconds)),
    fmt(ratio(r.seconds, rows.grepJq?.seconds)),
  ]);
}
const widths = header.map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
for (const [i, l] of lines.entries()) {
  console.log(l.map((c, j) => (j === 0 ? String(c).padEnd(widths[j]) : String(c).padStart(widths[j]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}

const targets = [
  ['report time <= 0.6 x jq select', ratio(rows.report.seconds, rows.jqSelect?.seconds), 0.6],
  ['report peak memory <= 0.2 x jq -s group_by', ratio(rows.report.peakMb, rows.jqGroup?.peakMb), 0.2],
  ['timeline --email <= 3 x grep -F | jq -s sort_by', ratio(rows.timeline.seconds, rows.grepJq?.seconds), 3],
  ['lookup on an empty log <= 1.6 x node -e 0', ratio(rows.emptyLookup?.seconds, rows.nodeStart?.seconds), 1.6],
  ['array per line <= 1.1 x NDJSON (report)', ratio(rows.reportArray.seconds, rows.report.seconds), 1.1],
  ['gzip <= 1.3 x plain (report)', ratio(rows.reportGzip.seconds, rows.report.seconds), 1.3],
];
console.log(`\nheld after grouping: ${(held.heldBytes / 1e6).toFixed(1)} MB for ${held.messages} messages, ${Math.round(held.perMessage)} bytes a message (scripts/message-bytes.mjs)`);
console.log('\ntargets (ratios measured in this run):');
for (const [name, value, limit] of targets) {
  const verdict = value === null ? 'n/a (jq or /usr/bin/time missing)' : value <= limit ? 'met' : 'NOT met';
  console.log(`  ${name.padEnd(50)} ${fmt(value)}  ${verdict}`);
}
