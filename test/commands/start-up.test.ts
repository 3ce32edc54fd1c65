import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENV, ROOT } from '../helpers/cli.js';

/**
 * bin/sgtrail.js runs the CommonJS bundle from the V8 code cache the build made (issue 14:
 * start-up). V8 checks a cache against its own version and flags and the source's length only, so
 * the bin must not use one made for another bundle; and no cache, or one V8 rejects, must only
 * cost time. Each case runs a copy of bin/ and dist/.
 */
let dir = '';
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sgtrail-start-'));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'sgtrail.js'), ...args], { encoding: 'utf8', env: ENV });
const bundle = () => join(dir, 'dist', 'sgtrail.cjs');
const cache = () => join(dir, 'dist', 'sgtrail.cjs.cache');

describe('start-up from the code cache', () => {
  it('the build makes a cache for the bundle, and the CLI runs with it', () => {
    expect(existsSync(cache())).toBe(true);
    const r = run('--version');
    expect(r.stdout.trim()).toBe(version);
    expect(r.status).toBe(0);
  });

  it('does not use a cache older than the bundle, even one V8 would take (same length)', () => {
    const other = version.replace(/\d/g, '9');
    expect(other).not.toBe(version);
    expect(other.length).toBe(version.length);
    const text = readFileSync(bundle(), 'utf8');
    expect(text.split(JSON.stringify(version)).length).toBe(2);
    writeFileSync(bundle(), text.replace(JSON.stringify(version), JSON.stringify(other)));
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundle(), later, later);
    expect(run('--version').stdout.trim()).toBe(other);
  });

  it('runs without a cache, and with one V8 rejects', () => {
    rmSync(cache());
    const lookup = ['timeline', '--email', 'nobody@example.com', join(ROOT, 'samples', 'day.log')];
    const without = run(...lookup);
    expect(without.stdout).toBe('');
    expect(without.status).toBe(1);
    writeFileSync(cache(), Buffer.alloc(4096, 7));
    const rejected = run(...lookup);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toBe(without.stderr);
    expect(run('--version').stdout.trim()).toBe(version);
  });
});
