import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSync } from '../../scripts/generate.mjs';
import { sgtrailAsync, STACK_TRACE, tempDir } from '../helpers/cli.js';

/**
 * An input with more messages than the heap holds ends with a clear message and exit 3 (the input
 * could not be read in full), on every path: a file, a gzip file and stdin, for every command that
 * groups messages. Node's heap is capped low here so that a small generated log outgrows it.
 */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=24' };
const tmp = tempDir('out-of-memory');
let plain = '';
let gzip = '';
let text = '';

beforeAll(() => {
  text = generateSync({ messages: 60_000, seed: 11 }).text;
  plain = tmp.file('big.log');
  gzip = tmp.file('big.log.gz');
  writeFileSync(plain, text);
  writeFileSync(gzip, gzipSync(text));
});
afterAll(() => tmp.remove());

describe('out of memory', () => {
  it.each([
    ['report, a file', ['report', 'FILE']],
    ['messages --json, a gzip file', ['messages', '--json', 'GZIP']],
    ['report, stdin', ['report', '-']],
    // With nowhere to keep a copy of stdin for a second read, a lookup reads it once, whole.
    ['timeline --message, stdin read whole (TMPDIR missing)', ['timeline', '--message', 'nothing-matches', '-'], { TMPDIR: '/nonexistent/sgtrail' }],
  ] as [string, string[], Record<string, string>?][])('%s: exit 3 with advice, naming the heap limit that ran out', async (_name, args, env = {}) => {
    const argv = args.map((a) => (a === 'FILE' ? plain : a === 'GZIP' ? gzip : a));
    const r = await sgtrailAsync(argv, { input: argv.includes('-') ? text : '', env: { ...SMALL_HEAP, ...env } });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^sgtrail: out of memory: .* heap limit of 24 MB /m);
    expect(r.stderr).toContain('NODE_OPTIONS=--max-old-space-size=');
    // The way past memory: the same rules run by DuckDB over the files (sgtrail sql).
    expect(r.stderr).toContain("sgtrail sql --dialect duckdb --files 'logs/*.ndjson.gz' --report | duckdb");
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain('FATAL ERROR');
  });

  it('the same input with the default heap is reported (the guard is not a false alarm)', async () => {
    const r = await sgtrailAsync(['report', '--format', 'json', '--quiet', plain]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.toString('utf8')).messages).toBeGreaterThan(59_000);
  });
});

describe('a lookup by ID keeps only what can match', () => {
  it('timeline --message on the same input fits in the small heap (it reads only the lines naming the ID)', async () => {
    const r = await sgtrailAsync(['timeline', '--message', 'nothing-matches', plain], { env: SMALL_HEAP });
    expect(r.stderr).not.toContain('out of memory');
    expect(r.stderr).toContain('no message in the input matches --message nothing-matches');
  });

  it('on stdin too (a copy is kept for the second read)', async () => {
    const r = await sgtrailAsync(['timeline', '--message', 'nothing-matches', '-'], { input: text, env: SMALL_HEAP });
    expect(r.stderr).not.toContain('out of memory');
    expect(r.stderr).toContain('no message in the input matches --message nothing-matches');
    expect(r.status).toBe(1);
  });
});
