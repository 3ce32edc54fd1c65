import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { ENV, sgtrailAsync, STACK_TRACE, tempDir } from '../helpers/cli.js';

/**
 * Issue 7, part 5: the exit-code contract of README.md#commands, row by row, end to end.
 *   0 done; 1 a --fail-on condition met; 2 usage error; 3 input could not be read;
 *   4 --strict and some JSON input was broken or held no event (plain text lines are not).
 */

const tmp = tempDir('exit-codes');
afterAll(() => tmp.remove());
const file = (name: string, content: string | Buffer) => {
  const path = tmp.file(name);
  writeFileSync(path, content);
  return path;
};
const story = 'samples/story.log';
const event = '{"email":"a@example.com","event":"delivered","timestamp":1700000000}';
const gz = gzipSync(Buffer.from(`${event}\n`.repeat(3000).replace(/"a@/g, () => `"u${Math.random().toString(36).slice(2)}@`)));
const dir = tmp.file('logs.d');
mkdirSync(dir);

/** util-linux script(1) gives a command a pty: the one way to run sgtrail with stdin a terminal. */
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const ROWS: [number, string, string[], { input?: string; stderr?: RegExp; stdinTerminal?: boolean }][] = [
  [0, 'done', ['events', story], {}],
  [0, 'done: report, a --fail-on condition not met', ['report', '--fail-on', 'failed>100%', story], {}],
  [1, 'a --fail-on condition met', ['report', '--fail-on', 'error-list>0', story], { stderr: /error-list/ }],
  [1, 'a --fail-on share met', ['report', '--format', 'json', '--fail-on', 'after-delivery>=1%', story], { stderr: /after-delivery/ }],
  [2, 'usage: no arguments at all', [], { stderr: /Usage: sgtrail/ }],
  [2, 'usage: unknown command', ['frobnicate'], { stderr: /unknown command/ }],
  [2, 'usage: unknown option', ['events', '--no-such-option', story], { stderr: /unknown option/ }],
  ...(HAS_SCRIPT
    ? (['events', 'report'].map((c) => [2, `usage: no FILE, and stdin is a terminal (${c})`, [c], { stdinTerminal: true, stderr: /no input: give a FILE/ }]) as typeof ROWS)
    : []),
  [2, 'usage: explain with no REASON, and stdin a terminal', ['explain'], { stdinTerminal: true, stderr: /explain needs a REASON/ }],
  [2, 'usage: an option without its value', ['messages', '--email'], { stderr: /argument missing/ }],
  [2, 'usage: timeline without --email or --message', ['timeline', story], { stderr: /--email ADDR or --message ID/ }],
  [2, 'usage: --verdict that is no verdict', ['messages', '--verdict', 'nope', story], { stderr: /--verdict "nope"/ }],
  [2, 'usage: --since that is no time', ['messages', '--since', 'last tuesday', story], { stderr: /--since/ }],
  [2, 'usage: --tz that is no zone', ['messages', '--tz', 'Mars/Olympus_Mons', story], { stderr: /Mars\/Olympus_Mons/ }],
  [2, 'usage: --format that is no format', ['report', '--format', 'pdf', story], { stderr: /pdf/ }],
  [2, 'usage: --fail-on that is no condition', ['report', '--fail-on', 'bounced', story], { stderr: /--fail-on "bounced"/ }],
  [2, 'usage: --top that is no number', ['report', '--top', 'ten', story], { stderr: /--top "ten"/ }],
  [3, 'input: a missing file (after reading the others)', ['events', story, tmp.file('missing.log')], { stderr: /cannot read .*missing\.log: no such file/ }],
  [3, 'input: a directory', ['messages', dir], { stderr: /cannot read .*logs\.d: is a directory/ }],
  [3, 'input: corrupt gzip', ['events', file('corrupt.gz', Buffer.concat([gz.subarray(0, 10), Buffer.alloc(200, 0x41)]))], { stderr: /cannot read .*corrupt\.gz: corrupt gzip data/ }],
  [3, 'input: gzip cut short', ['report', file('cut.gz', gz.subarray(0, gz.length - 20))], { stderr: /cannot read .*cut\.gz: corrupt gzip data \(unexpected end of file\)/ }],
  [3, 'input: unreadable input says more than --strict', ['events', '--strict', tmp.file('missing.log')], { input: '{"x":', stderr: /no such file/ }],
  [4, '--strict: broken JSON', ['events', '--strict'], { input: `{"email":"a@example.com","event":"deliv\n${event}\n`, stderr: /--strict/ }],
  [4, '--strict: JSON holding no event', ['messages', '--strict'], { input: `{"level":30,"msg":"server started"}\n${event}\n`, stderr: /--strict/ }],
  [4, '--strict: says more than a --fail-on condition met', ['report', '--strict', '--fail-on', 'error-list>=0'], { input: `{"email":"a@example.com","event":"deliv\n${event}\n` }],
  [0, '--strict: plain text lines are not an error', ['events', '--strict'], { input: `2026-11-18T09:05:16Z INFO server listening on :8080\nGET /healthz 200\n${event}\n` }],
  [0, 'broken JSON without --strict: skipped and counted', ['events'], { input: `{"email":"a@example.com","event":"deliv\n${event}\n`, stderr: /skipped 1 broken JSON fragment/ }],
];

describe('exit codes (README.md#commands), end to end', () => {
  it.concurrent.each(ROWS.filter((r) => HAS_SCRIPT || r[3].stdinTerminal !== true))('%i: %s', async (code, _what, args, opts) => {
    const r = opts.stdinTerminal === true ? onTerminal(args) : await sgtrailAsync(args, { input: opts.input });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code, stderr: expect.stringMatching(opts.stderr ?? /^/) as unknown });
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

/** Runs sgtrail with a pty for its terminal (stdout and stderr both go to it). */
function onTerminal(args: string[]): { status: number | null; stderr: string } {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: ENV, encoding: 'utf8', input: '' });
  return { status: r.status, stderr: r.stdout };
}
