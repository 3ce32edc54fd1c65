import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; every CLI run happens there so paths in output are as written. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'test/fixtures/report');
const BIN = join(ROOT, 'bin/sgtrail.js');

export interface CliResult {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/sgtrail.js ...args` as a user would (built code, pinned zone, no colour).
 * `npm test` builds first; run `npm run build` before `npx vitest run test/report` alone.
 */
export function sgtrail(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): CliResult {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TZ: 'UTC', ...opts.env },
  });
  if (r.error) throw r.error;
  return { args, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/**
 * Compares `actual` with the golden file; UPDATE_GOLDEN=1 rewrites it. A missing golden is
 * written and reported (so a new sample such as samples/day.log gets its goldens on first run).
 */
export function golden(name: string, actual: string): { expected: string; actual: string } {
  const path = join(FIXTURES, name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) console.warn(`golden ${name} did not exist: written; check it in`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  return { expected: readFileSync(path, 'utf8'), actual };
}

/** What a golden of a command records besides stdout: the command, its exit code and stderr. */
export function meta(r: CliResult): string {
  return `$ sgtrail ${r.args.join(' ')}\nexit ${r.code}\n--- stderr\n${r.stderr}`;
}

/** `messages --json` as objects. */
export function messagesJson(args: string[]): Array<Record<string, unknown>> {
  const r = sgtrail(['messages', '--json', '--quiet', ...args]);
  if (r.code !== 0) throw new Error(`messages exited ${r.code}: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export const DAY_LOG = 'samples/day.log';
export const hasDayLog = existsSync(join(ROOT, DAY_LOG));
