import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as zlib from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENV, ROOT } from '../helpers/cli.js';

/**
 * bin/sgtrail.js runs the CommonJS bundle from the V8 code cache the build made (issue 14:
 * start-up). V8 checks a cache against its own version and flags and the source's length only, so
 * the bin must not use one made for other bytes, nor one damaged inside (which can abort Node);
 * and no cache, or one it refuses, must only cost time. Each case runs a copy of bin/ and dist/;
 * SGTRAIL_DEBUG_START=1 makes the bin say whether it used the cache.
 */
let dir = '';
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sgtrail-start-'));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'sgtrail.js'), ...args], { encoding: 'utf8', env: { ...ENV, SGTRAIL_DEBUG_START: '1' } });
const bundle = () => join(dir, 'dist', 'sgtrail.cjs');
const cache = () => join(dir, 'dist', 'sgtrail.cjs.cache');
const lookup = ['timeline', '--email', 'nobody@example.com', join(ROOT, 'samples', 'day.log')];

describe('start-up from the code cache', () => {
  it('the build makes a cache for the bundle, and the CLI runs from it', () => {
    expect(existsSync(cache())).toBe(true);
    const r = run('--version');
    expect(r.stdout.trim()).toBe(version);
    expect(r.stderr).toBe('sgtrail: code cache used\n');
    expect(r.status).toBe(0);
    // Installed files get new times, in any order: nothing depends on them.
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundle(), later, later);
    expect(run('--version').stderr).toBe('sgtrail: code cache used\n');
  });

  it('does not use a cache made for another bundle of the same length (V8 would take it)', () => {
    const other = version.replace(/\d/g, '9');
    expect(other).not.toBe(version);
    expect(other.length).toBe(version.length);
    const text = readFileSync(bundle(), 'utf8');
    expect(text.split(JSON.stringify(version)).length).toBe(2);
    writeFileSync(bundle(), text.replace(JSON.stringify(version), JSON.stringify(other)));
    const r = run('--version');
    expect(r.stdout.trim()).toBe(other);
    expect(r.stderr).toBe('sgtrail: code cache none\n');
  });

  it('does not use a cache damaged inside, whatever its length', () => {
    const raw = readFileSync(cache());
    for (const at of [0.3, 0.6, 0.9]) {
      const damaged = Buffer.from(raw);
      const i = Math.floor(raw.length * at);
      damaged[i] = (damaged[i] as number) ^ 0xff;
      writeFileSync(cache(), damaged);
      const r = run(...lookup);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('sgtrail: code cache none');
      expect(r.stderr).toContain('no message in the input matches --email nobody@example.com');
    }
  });

  it('runs without a cache, and with one V8 rejects', () => {
    rmSync(cache());
    const without = run(...lookup);
    expect(without.stdout).toBe('');
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('sgtrail: code cache none');
    // A cache whose check line is right but which V8 cannot use: V8 compiles, as without one.
    const filler = Buffer.alloc(4096, 7);
    const bundleCrc = zlib.crc32(readFileSync(bundle()));
    writeFileSync(cache(), Buffer.concat([Buffer.from(`sgtrail-cache ${bundleCrc} ${zlib.crc32(filler)}\n`), filler]));
    const rejected = run(...lookup);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain('sgtrail: code cache rejected');
    expect(rejected.stderr.replace(/.*code cache.*\n/, '')).toBe(without.stderr.replace(/.*code cache.*\n/, ''));
  });
});
