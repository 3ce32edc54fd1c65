import { describe, expect, it } from 'vitest';
import { ndjson, sgtrail, sgtrailInProcess } from '../helpers/cli.js';

/** Tables fit the terminal (issue 15, item 4): on a terminal of any width from 80 up. */
const DAY = 'samples/day.log';
// The visible width of a line (colour is off here; escapes would not count).
const widthOf = (line: string) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length;

describe('tables fit the terminal', () => {
  it.each([80, 100, 140])('messages at %i columns: every line fits, and no address or verdict is cut', async (columns) => {
    const r = await sgtrailInProcess(['messages', DAY], { stdoutTTY: true, env: { COLUMNS: String(columns) }, columns });
    const lines = r.stdout.toString('utf8').trimEnd().split('\n');
    for (const line of lines) expect(widthOf(line), line).toBeLessThanOrEqual(columns);
    const emails = ndjson(sgtrail(['messages', '--json', DAY]).stdout).map((m) => [m['email'] as string, m['verdict'] as string]);
    const text = r.stdout.toString('utf8');
    for (const [email, verdict] of emails) {
      expect(text, email).toContain(` ${email} `);
      expect(text, verdict).toContain(` ${verdict} `);
    }
  });

  it('a forward target is shown whole when the terminal is wide enough', async () => {
    const r = await sgtrailInProcess(['messages', '--verdict', 'forwarded-bounce', DAY], { stdoutTTY: true, columns: 160 });
    expect(r.stdout.toString('utf8')).toContain('→ leejames79@gmail.com');
  });

  it.each([80, 120])('report at %i columns: every line fits', async (columns) => {
    const r = await sgtrailInProcess(['report', DAY], { stdoutTTY: true, columns });
    for (const line of r.stdout.toString('utf8').trimEnd().split('\n')) expect(widthOf(line), line).toBeLessThanOrEqual(columns);
  });

  it('report at 220 columns: the reasons of the really failed messages are shown whole', async () => {
    const failed = ndjson(sgtrail(['messages', '--json', DAY]).stdout).filter((m) => ['bounced', 'blocked', 'expired', 'dropped'].includes(m['verdict'] as string));
    const reasons = failed.map((m) => m['reason'] as string | null).filter((t): t is string => t !== null && t.length > 40 && t.length < 100);
    expect(reasons.length).toBeGreaterThan(0);
    const r = await sgtrailInProcess(['report', '--top', String(failed.length), DAY], { stdoutTTY: true, columns: 220 });
    const text = r.stdout.toString('utf8');
    for (const reason of reasons) expect(text).toContain(reason);
  });

  it('piped output stays tab-separated, whatever the width', () => {
    const r = sgtrail(['messages', DAY], { env: { COLUMNS: '40' } });
    expect(r.stdout.split('\n')[0]?.split('\t')).toHaveLength(11);
  });
});
