import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/**
 * Getting `sgtrail` on the PATH (issue 15, item 8): the packed tarball installed globally into a
 * fresh prefix gives a working command and its man page, as the README says.
 */
const tmp = tempDir('install');
afterAll(() => tmp.remove());

describe('npm pack, then npm install -g of the tarball', () => {
  it('gives a working sgtrail and a man page', { timeout: 240_000 }, () => {
    const npm = (args: string[], cwd = ROOT) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    const pack = npm(['pack', '--pack-destination', tmp.path, '--ignore-scripts']);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(tmp.path).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const prefix = join(tmp.path, 'prefix');
    const install = npm(['install', '-g', '--prefix', prefix, join(tmp.path, tarball as string)], tmp.path);
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'sgtrail');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const report = spawnSync(bin, ['report', '--quiet', join(ROOT, 'samples/story.log')], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TZ: 'UTC' } });
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('forwarded-bounce');
    expect(existsSync(join(prefix, 'share', 'man', 'man1', 'sgtrail.1'))).toBe(true);
    const completion = spawnSync(bin, ['completion', 'bash'], { encoding: 'utf8' });
    expect(completion.stdout).toContain('complete -o filenames -F _sgtrail sgtrail');
  });
});
