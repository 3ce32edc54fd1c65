import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/** The README's example sessions are what the CLI prints today, byte for byte. */
describe('README sessions', () => {
  it('every ```console block matches a fresh run (node scripts/readme-sessions.mjs rewrites them)', () => {
    const r = spawnSync(process.execPath, ['scripts/readme-sessions.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
