import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, ndjson, sgtrail } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'sgtrail-e2e-'));
const story = readFileSync(join(ROOT, 'samples/story.log'));

describe('sgtrail events', () => {
  it('prints the story as pure NDJSON with message_id and source, and the skipped text on stderr', () => {
    const r = sgtrail(['events', 'samples/story.log']);
    expect(r.status).toBe(0);
    const events = ndjson(r.stdout);
    expect(events.map((e) => [e['email'], e['event']])).toEqual([
      ['sample-1@***.com', 'processed'],
      ['sample-3@***.com', 'processed'],
      ['sample-1@***.com', 'delivered'],
      ['sample-3@***.com', 'delivered'],
      ['sample-1@***.com', 'bounce'],
      ['sample-1@***.com', 'open'],
    ]);
    expect(events[0]).toMatchObject({ message_id: 'T8mFhLcxQe2nRk4VwP3aZg', source: 'samples/story.log:4', 'smtp-id': '<T8mFhLcxQe2nRk4VwP3aZg@geopod-ismtpd-2-7>' });
    expect(events[4]).toMatchObject({ message_id: null, type: 'blocked' });
    expect(events[4]).not.toHaveProperty('sg_message_id');
    expect(r.stderr).toContain('skipped 3 lines with no JSON (server log text) (first at samples/story.log:1)');
    expect(r.stderr).toContain('removed 1 duplicate event');
  });

  it('--quiet keeps stderr empty', () => {
    const r = sgtrail(['events', '--quiet', 'samples/story.log']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('reads stdin, with - and when piped without FILE', () => {
    const a = sgtrail(['events', '-'], { input: story });
    const b = sgtrail(['events'], { input: story });
    const file = sgtrail(['events', 'samples/story.log']);
    const strip = (s: string) => ndjson(s).map((e) => ({ ...e, source: String(e['source']).split(':')[1] }));
    expect(strip(a.stdout)).toEqual(strip(file.stdout));
    expect(b.stdout).toEqual(a.stdout);
    expect(ndjson(a.stdout)[0]?.['source']).toBe('stdin:4');
  });

  it('detects gzip by its magic bytes and reads concatenated members whole', () => {
    const half = Math.floor(story.length / 2);
    const path = join(tmp, 'story.log.bin');
    writeFileSync(path, Buffer.concat([gzipSync(story.subarray(0, half)), gzipSync(story.subarray(half))]));
    const r = sgtrail(['events', path]);
    expect(r.status).toBe(0);
    expect(ndjson(r.stdout)).toHaveLength(6);
  });

  it('reads several files as one log (duplicates across files removed)', () => {
    const r = sgtrail(['events', 'samples/story.log', 'samples/story.log']);
    expect(ndjson(r.stdout)).toHaveLength(6);
    expect(r.stderr).toContain('removed 8 duplicate events');
  });

  it('finds every event of a mixed-framing file with junk between', () => {
    const lines = [
      'server starting on :8080',
      '{"email":"a@x.com","event":"processed","timestamp":1700000000,"sg_event_id":"1"}',
      '[{"email":"b@x.com","event":"delivered","timestamp":1700000001,"sg_event_id":"2"},{"email":"c@x.com","event":"open","timestamp":1700000002,"sg_event_id":"3"}]',
      '2026-11-18T09:05:16Z INFO body=[{"email":"d@x.com","event":"click","timestamp":1700000003,"sg_event_id":"4"}] (5ms)',
      '2026-11-18T09:05:17Z INFO body=',
      '[',
      '  {"email": "e@x.com", "event": "bounce", "timestamp": 1700000004, "sg_event_id": "5"}',
      ']',
      'GET /healthz 200',
      '{"email":"f@x.com","event":"open","timestamp":1700000005,"sg_event_id":"6"} {"email":"g@x.com","event":"open","timestamp":1700000006,"sg_event_id":"7"}',
      '{"level":30,"time":1700000007000,"msg":"hook","body":"[{\\"email\\":\\"h@x.com\\",\\"event\\":\\"open\\",\\"sg_event_id\\":\\"8\\"}]"}',
      '{"email":"broken@x.com","event":"deliv',
      '{"email":"i@x.com","event":"open","timestamp":1700000008,"sg_event_id":"9"}',
    ];
    const path = join(tmp, 'mixed.log');
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    const r = sgtrail(['events', path]);
    expect(r.status).toBe(0);
    expect(ndjson(r.stdout).map((e) => e['email'])).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com', 'f@x.com', 'g@x.com', 'h@x.com', 'i@x.com']);
    expect(r.stderr).toContain(`skipped 1 broken JSON fragment (first at ${path}:12)`);
    expect(r.stderr).toContain(`skipped 2 lines with no JSON (server log text) (first at ${path}:1)`);
    const strict = sgtrail(['events', '--strict', path]);
    expect(strict.status).toBe(4);
    expect(strict.stdout).toBe(r.stdout);
  });
});

describe('exit codes (README.md#commands)', () => {
  it('0 on success, also with text lines under --strict', () => {
    expect(sgtrail(['events', '--strict', 'samples/story.log']).status).toBe(0);
  });
  it('2 on a usage error', () => {
    const r = sgtrail(['events', '--no-such-flag']);
    expect(r.status).toBe(2);
    expect(sgtrail([]).status).toBe(2);
    expect(sgtrail(['frobnicate']).status).toBe(2);
  });
  it('3 when a file cannot be read, after reading the others', () => {
    const r = sgtrail(['events', 'samples/story.log', join(tmp, 'missing.log')]);
    expect(r.status).toBe(3);
    expect(ndjson(r.stdout)).toHaveLength(6);
    expect(r.stderr).toContain(`cannot read ${join(tmp, 'missing.log')}: no such file`);
  });
  it('3 for a directory', () => {
    const dir = join(tmp, 'a-dir');
    mkdirSync(dir, { recursive: true });
    const r = sgtrail(['events', dir]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('is a directory');
  });
  it('3 for a corrupt gzip file, naming it', () => {
    const gz = gzipSync(story);
    const path = join(tmp, 'cut.gz');
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = sgtrail(['events', path]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`cannot read ${path}`);
  });
  it('4 under --strict when JSON holds no event', () => {
    const r = sgtrail(['events', '--strict'], { input: '{"hello":"world"}\n' });
    expect(r.status).toBe(4);
  });
  it('| head ends quietly', () => {
    const big = join(tmp, 'big.ndjson');
    const line = (i: number) => `{"email":"u${i}@x.com","event":"delivered","timestamp":${1700000000 + i},"sg_event_id":"e${i}"}`;
    writeFileSync(big, Array.from({ length: 200000 }, (_, i) => line(i)).join('\n'));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" events "${big}" | head -n 2; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.split('\n').slice(0, 2).map((l) => JSON.parse(l).email)).toEqual(['u0@x.com', 'u1@x.com']);
    expect(r.stdout).toContain('status=0');
    expect(r.stderr).toBe('');
  });
});
