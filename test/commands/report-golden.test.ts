import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY_LOG, golden, hasDayLog, meta, sgtrail } from '../helpers/golden.js';

/**
 * Every format end to end on the samples, against golden files in test/fixtures/report/
 * (UPDATE_GOLDEN=1 rewrites them). A golden records stdout, and beside it the command, the
 * exit code and stderr.
 */
const FORMATS = [
  ['text', 'txt'],
  ['markdown', 'md'],
  ['json', 'json'],
  ['csv', 'csv'],
  ['html', 'html'],
] as const;

/** Outputs this large (a big day.log's CSV) are recorded by size, hash and first lines only. */
const INLINE_LIMIT = 1 << 20;

function recorded(stdout: string): string {
  if (stdout.length <= INLINE_LIMIT) return stdout;
  const head = stdout.split('\n').slice(0, 40).join('\n');
  const sha = createHash('sha256').update(stdout).digest('hex');
  return `bytes ${Buffer.byteLength(stdout)}\nsha256 ${sha}\n--- first 40 lines\n${head}\n`;
}

const INPUTS = [
  { name: 'story', file: 'samples/story.log', present: true },
  { name: 'mixed', file: 'test/fixtures/report/mixed.log', present: true },
  { name: 'day', file: DAY_LOG, present: hasDayLog },
];

describe('report goldens', () => {
  if (!hasDayLog) console.warn(`${DAY_LOG} is absent: its golden cases are skipped`);
  for (const input of INPUTS) {
    for (const [format, ext] of FORMATS) {
      it.skipIf(!input.present)(`${input.name} --format ${format}`, { timeout: 180_000 }, () => {
        const r = sgtrail(['report', '--format', format, input.file]);
        expect(r.status).toBe(0);
        const out = golden(`golden/${input.name}.${ext}`, recorded(r.stdout));
        expect(out.actual).toBe(out.expected);
        const m = golden(`golden/${input.name}.${ext}.meta`, meta(r));
        expect(m.actual).toBe(m.expected);
      });
    }
  }

  it('story with --redact, --tz and --top 1 (text)', () => {
    const r = sgtrail(['report', '--redact', '--tz', 'Asia/Tokyo', '--top', '1', 'samples/story.log']);
    expect(r.status).toBe(0);
    const out = golden('golden/story.redact-tokyo.txt', r.stdout);
    expect(out.actual).toBe(out.expected);
    expect(r.stdout).not.toMatch(/sample-\d@/);
    expect(r.stdout).toContain('+09:00');
  });

  it('mixed with --errors --since/--until and --top 3 (markdown)', () => {
    const args = ['report', '--format', 'markdown', '--errors', '--since', '2026-11-18T00:00:00Z', '--until', '2026-11-19T00:00:00Z', '--top', '3', 'test/fixtures/report/mixed.log'];
    const r = sgtrail(args);
    expect(r.status).toBe(0);
    const out = golden('golden/mixed.errors-window.md', r.stdout);
    expect(out.actual).toBe(out.expected);
  });
});
