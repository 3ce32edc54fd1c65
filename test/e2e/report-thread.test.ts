import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, sgtrail } from '../helpers/cli.js';

/**
 * Large reports run in a worker thread (src/app/report-thread.ts); SGTRAIL_THREAD=on|off forces
 * either way. Whatever the input and options, both must write the same bytes and exit the same.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sgtrail-thread-'));
const broken = join(tmp, 'broken.log');
writeFileSync(
  broken,
  [
    '{"email":"a@x.com","event":"delivered","timestamp":1794992400,"sg_message_id":"AAAAAAAAAAAAAAAAAAAAAA.filter1.0"}',
    '{"email":"b@x.com","event":"deliv',
    'plain text',
    '{"hello":"world"}',
  ].join('\n'),
);

const CASES: string[][] = [
  ['samples/day.log'],
  ['--format', 'json', 'samples/day.log', 'samples/story.log'],
  ['--format', 'csv', '--errors', 'samples/day.log.gz'],
  ['--format', 'markdown', '--verdict', 'forwarded-bounce,bounced', '--top', '3', 'samples/day.log'],
  ['--format', 'html', '--redact', 'samples/day.log'],
  ['--fail-on', 'failed>1%', 'samples/day.log'],
  ['--strict', broken],
  ['samples/day.log', join(tmp, 'missing.log')],
];

describe('report in a worker thread = report in-process', () => {
  it.each(CASES)('report %s', (...args) => {
    const inProcess = sgtrail(['report', ...args], { env: { SGTRAIL_THREAD: 'off' } });
    const inThread = sgtrail(['report', ...args], { env: { SGTRAIL_THREAD: 'on' } });
    expect(inProcess.stdout.length + inProcess.stderr.length).toBeGreaterThan(0);
    expect({ status: inThread.status, stdout: inThread.stdout, stderr: inThread.stderr }).toEqual({
      status: inProcess.status,
      stdout: inProcess.stdout,
      stderr: inProcess.stderr,
    });
  });

  it('keeps the order of stdout and stderr on one pipe (2>&1)', () => {
    const both = (mode: string): string =>
      spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" report samples/story.log 2>&1`], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', SGTRAIL_THREAD: mode },
      }).stdout;
    const inProcess = both('off');
    expect(inProcess.indexOf('sgtrail: skipped')).toBeGreaterThan(inProcess.indexOf('# sgtrail report'));
    expect(both('on')).toBe(inProcess);
  });

  it('runs the report again with the next heap cap when the thread runs out of heap', () => {
    const inProcess = sgtrail(['report', '--format', 'json', 'samples/day.log'], { env: { SGTRAIL_THREAD: 'off' } });
    const starved = sgtrail(['report', '--format', 'json', 'samples/day.log'], {
      env: { SGTRAIL_THREAD: 'on', SGTRAIL_THREAD_HEAP_MB: '2,4096' },
    });
    expect(starved.status).toBe(0);
    expect(starved.stdout).toBe(inProcess.stdout);
    expect(starved.stderr).toBe(inProcess.stderr);
  });

  it('says what to do and exits 3 when every heap cap is too small', () => {
    const r = sgtrail(['report', 'samples/day.log'], { env: { SGTRAIL_THREAD: 'on', SGTRAIL_THREAD_HEAP_MB: '2' } });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sgtrail: out of memory: the input holds more recipient messages than 2 MB of heap can group.');
    expect(r.stderr).toContain('NODE_OPTIONS=--max-old-space-size=');
  });
});
