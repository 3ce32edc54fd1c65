#!/usr/bin/env node
/**
 * Regenerates the committed samples (run: `node scripts/generate-samples.mjs`, or `npm run samples`):
 *
 *   samples/day.log           a day of webhook traffic, every framing of docs/rules.md#input-framings mixed together
 *   samples/day.ndjson        the same events in the same arrival order, one per line (for jq)
 *   samples/day.expected.tsv  the generator's intended verdict per recipient message (manifest)
 *   samples/day.log.gz        day.log gzipped, byte-for-byte reproducible
 *
 * samples/story.log is written by hand and is not touched here.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { generateSync, MANIFEST_HEADER, manifestLine, VERDICTS } from './generate.mjs';

const SAMPLES = fileURLToPath(new URL('../samples', import.meta.url));
// minEach 6: every verdict of docs/rules.md#verdicts at least six times, enough to show each one's sub-cases
// (the generator cycles through them: traps, siblings, masked targets, 72-hour expiries...)
const OPTIONS = { messages: 300, seed: 20261118, minEach: 6 };
const MAX_LOG_BYTES = 400 * 1024;

const mixed = generateSync({ ...OPTIONS, framing: 'mixed' });
const ndjson = generateSync({ ...OPTIONS, framing: 'ndjson' });

// Both files must describe the same messages, or the shared manifest would lie about one of them.
const manifest = [MANIFEST_HEADER, ...mixed.messages.map(manifestLine)].join('\n') + '\n';
const manifestNd = [MANIFEST_HEADER, ...ndjson.messages.map(manifestLine)].join('\n') + '\n';
if (manifest !== manifestNd) throw new Error('day.log and day.ndjson disagree on their messages');

const missing = VERDICTS.filter((v) => (mixed.stats.verdicts[v] ?? 0) < 2);
if (missing.length > 0) throw new Error(`verdicts with fewer than 2 messages: ${missing.join(', ')}`);

const log = Buffer.from(mixed.text, 'utf8');
if (log.length > MAX_LOG_BYTES) throw new Error(`day.log is ${log.length} bytes, over ${MAX_LOG_BYTES}`);

// gzip's header holds an mtime (Node writes 0) and an OS byte that depends on the platform zlib
// was built for; pin it to 3 (Unix) so every machine writes the same bytes.
const gz = gzipSync(log, { level: 9 });
gz[9] = 3;

mkdirSync(SAMPLES, { recursive: true });
writeFileSync(new URL('day.log', `file://${SAMPLES}`), log);
writeFileSync(new URL('day.ndjson', `file://${SAMPLES}`), ndjson.text);
writeFileSync(new URL('day.expected.tsv', `file://${SAMPLES}`), manifest);
writeFileSync(new URL('day.log.gz', `file://${SAMPLES}`), gz);

const counts = Object.entries(mixed.stats.verdicts)
  .sort((a, b) => b[1] - a[1])
  .map(([v, c]) => `${v} ${c}`)
  .join(', ');
process.stdout.write(
  `samples/day.log         ${log.length} bytes, ${mixed.stats.emitted} events (${mixed.stats.events} distinct), ${mixed.stats.batches} POST batches\n` +
    `samples/day.ndjson      ${Buffer.byteLength(ndjson.text)} bytes\n` +
    `samples/day.log.gz      ${gz.length} bytes\n` +
    `samples/day.expected.tsv ${mixed.messages.length} messages: ${counts}\n`,
);
