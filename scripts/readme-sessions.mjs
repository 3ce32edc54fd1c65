// The README's example sessions are real runs: each ```console block is a `$ sgtrail …` command
// line followed by what it prints (stdout, then stderr), with NO_COLOR=1 TZ=UTC, from the
// repository root. `node scripts/readme-sessions.mjs` rewrites them from fresh runs;
// `--check` prints the blocks that differ and exits 1 (test/readme-sessions.test.ts runs it).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const check = process.argv.includes('--check');

// `sgtrail` on the PATH of the sessions is this checkout's CLI.
const shims = mkdtempSync(join(tmpdir(), 'sgtrail-readme-'));
writeFileSync(join(shims, 'sgtrail'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'bin', 'sgtrail.js'))} "$@"\n`);
chmodSync(join(shims, 'sgtrail'), 0o755);

function run(command) {
  const r = spawnSync('sh', ['-c', command], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: `${shims}:${process.env.PATH ?? ''}`, NO_COLOR: '1', TZ: 'UTC', LANG: 'C.UTF-8' },
  });
  return `${r.stdout}${r.stderr}`;
}

const readme = readFileSync(readmePath, 'utf8');
const block = /```console\n\$ (.+)\n([\s\S]*?)```/g;
let stale = 0;
const updated = readme.replace(block, (whole, command, shown) => {
  const fresh = run(command);
  if (fresh === shown) return whole;
  stale++;
  if (check) console.error(`README session differs: $ ${command}\n--- README\n${shown}--- now\n${fresh}`);
  return `\`\`\`console\n$ ${command}\n${fresh}\`\`\``;
});
rmSync(shims, { recursive: true, force: true });
if (check) {
  process.exitCode = stale > 0 ? 1 : 0;
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.error(`rewrote ${stale} session(s)`);
}
