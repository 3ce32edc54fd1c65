#!/usr/bin/env node
// Measure the reason classifier against the Sisimai diagnostics kept beside the project
// (../shared/data/sisimai/reason-cases.tsv), and smoke-test forward-target extraction on
// forwarding.tsv. Run after `npm run build`:
//   node scripts/bench-reasons.mjs [reason-cases.tsv] [forwarding.tsv]
// The data is not part of the project: without it the script says so and exits 0.
// SGTRAIL_REASONS_DIST=/path/to/reasons/index.js measures another build of src/reasons.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '..', 'shared', 'data', 'sisimai');
const casesPath = resolve(process.argv[2] ?? join(dataDir, 'reason-cases.tsv'));
const forwardingPath = resolve(process.argv[3] ?? join(dirname(casesPath), 'forwarding.tsv'));
const dist = process.env.SGTRAIL_REASONS_DIST ?? join(root, 'dist', 'reasons.mjs');

if (!existsSync(casesPath)) {
  console.log(`No benchmark data at ${casesPath}: nothing to measure.`);
  process.exit(0);
}
if (!existsSync(dist)) {
  console.error(`${dist} not found: run \`npm run build\` first.`);
  process.exit(2);
}
const { classifyReason, findForwardTarget } = await import(pathToFileURL(dist).href);

/** Rows of a TSV with a header line, as objects keyed by column name. */
function readTsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const names = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

const rows = readTsv(casesPath).map((r) => ({
  accepted: r.accepted_classes.split('|'),
  input: { text: r.text, status: r.status || null },
}));

let correct = 0;
const confusion = new Map();
for (const { accepted, input } of rows) {
  const got = classifyReason(input).reason_class;
  if (accepted.includes(got)) {
    correct++;
  } else {
    const key = `${accepted.join('|')} -> ${got}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
}

// Timing: repeat the whole set for about half a second of CPU time. CPU time rather than wall
// time, so that other work on the machine disturbs the figure less.
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
let runs = 0;
const started = cpuMicros();
while (cpuMicros() - started < 500_000) {
  for (const { input } of rows) classifyReason(input);
  runs++;
}
const microsPer = (cpuMicros() - started) / (runs * rows.length);

const pct = (n, d) => `${((100 * n) / d).toFixed(1)}%`;
console.log(`reason cases: ${rows.length} rows from ${casesPath}`);
console.log(`correct: ${correct} (${pct(correct, rows.length)})`);
console.log('confusions (expected -> got), biggest first:');
const top = [...confusion.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15);
for (const [key, n] of top) console.log(`  ${String(n).padStart(4)}  ${key}`);
console.log(`time per classification: ${microsPer.toFixed(1)} µs of CPU (${runs} passes over the set)`);

if (existsSync(forwardingPath)) {
  const fwd = readTsv(forwardingPath);
  let named = 0;
  for (const r of fwd) if (findForwardTarget(r.diagnostic_text, r.original_rcpt) !== null) named++;
  console.log(`forwarding smoke check: ${named} of ${fwd.length} rows name a target other than the original recipient`);
}
