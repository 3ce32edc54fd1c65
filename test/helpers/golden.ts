import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, sgtrail, type CliResult } from './cli.js';

export { sgtrail } from './cli.js';

export const FIXTURES = join(ROOT, 'test/fixtures/report');

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
  return `$ sgtrail ${r.args.join(' ')}\nexit ${r.status}\n--- stderr\n${r.stderr}`;
}

/** `messages --json` as objects. */
export function messagesJson(args: string[]): Array<Record<string, unknown>> {
  const r = sgtrail(['messages', '--json', '--quiet', ...args]);
  if (r.status !== 0) throw new Error(`messages exited ${r.status}: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export const DAY_LOG = 'samples/day.log';
export const hasDayLog = existsSync(join(ROOT, DAY_LOG));
