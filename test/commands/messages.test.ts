import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ndjson, sgtrail } from '../helpers/cli.js';

/** The generator's manifest: what it intended each message to be. */
function manifest(path: string): Map<string, { verdict: string; forwardTo: string | null }> {
  const rows = readFileSync(join(ROOT, path), 'utf8').trim().split('\n').slice(1);
  return new Map(
    rows.map((row) => {
      const [email, messageId, , verdict, forwardTo] = row.split('\t');
      return [`${email}|${messageId}`, { verdict: verdict as string, forwardTo: forwardTo ? forwardTo : null }];
    }),
  );
}

describe('sgtrail messages', () => {
  it('tells the story (README, samples/story.log): forwarded-bounce naming the forward target', () => {
    const r = sgtrail(['messages', '--json', 'samples/story.log']);
    expect(r.status).toBe(0);
    const [story, other] = ndjson(r.stdout);
    expect(story).toMatchObject({
      email: 'sample-1@***.com',
      message_id: 'T8mFhLcxQe2nRk4VwP3aZg',
      verdict: 'forwarded-bounce',
      error_list: true,
      delivered_at: '2026-11-18T09:05:16Z',
      failed_at: '2026-11-18T09:09:52Z',
      bounce_type: 'blocked',
      status: '5.2.2',
      reason_class: 'mailbox-full',
      forward_to: 'sample-2@***.com',
    });
    expect((story?.['evidence'] as string[])[0]).toBe(
      'bounce (type blocked) 4m36s after delivered; the reason names sample-2@***.com, not the recipient sample-1@***.com',
    );
    expect(other).toMatchObject({ email: 'sample-3@***.com', verdict: 'delivered', error_list: false });
  });

  it.each(['samples/day.log', 'samples/day.log.gz', 'samples/day.ndjson'])(
    'on %s every verdict matches what the generator intended',
    (path) => {
      const expected = manifest('samples/day.expected.tsv');
      const r = sgtrail(['messages', '--json', path]);
      expect(r.status).toBe(0);
      const got = ndjson(r.stdout);
      expect(got).toHaveLength(expected.size);
      const mismatches = got
        .map((m) => {
          const key = `${String(m['email']).toLowerCase()}|${m['message_id'] ?? ''}`;
          const want = expected.get(key);
          return { key, want, verdict: m['verdict'], forwardTo: m['forward_to'] };
        })
        .filter((x) => x.want === undefined || x.want.verdict !== x.verdict || x.want.forwardTo !== x.forwardTo);
      expect(mismatches).toEqual([]);
      // Every verdict of docs/rules.md#verdicts is covered by the sample.
      expect(new Set(got.map((m) => m['verdict'])).size).toBe(12);
    },
  );

  it('is plain, tab-separated and grep-friendly when piped', () => {
    const r = sgtrail(['messages', 'samples/story.log']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.split('\t')).toEqual([
      '2026-11-18 09:05:14 +00:00',
      'sample-1@***.com',
      'forwarded-bounce',
      'T8mFhLcxQe2nRk4VwP3aZg',
      'error-list',
      '2026-11-18 09:05:16 +00:00',
      '2026-11-18 09:09:52 +00:00',
      '+4m36s',
      'mailbox-full',
      'sample-2@***.com',
      '552 5.2.2 <sample-2@***.com>... Mailbox full',
    ]);
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  it.each<[string[], number]>([
    [['--errors'], 1],
    [['--verdict', 'delivered'], 1],
    [['--verdict', 'forwarded-bounce,delivered'], 2],
    [['--email', 'SAMPLE-3@***.COM'], 1],
    [['--message', 'T8mF'], 2],
    [['--message', 'nope'], 0],
    [['--since', '2026-11-18T09:06:00Z'], 1],
    [['--until', '2026-11-18T09:05:00Z'], 0],
    [['--since', '2026-11-18T10:05:00+01:00', '--until', '2026-11-18T10:06:00+01:00'], 2],
  ])('filters %j → %i messages', (args, count) => {
    const r = sgtrail(['messages', '--json', ...args, 'samples/story.log']);
    // A selection by name that selects nothing exits 1, as grep does (a window alone does not).
    expect(r.status).toBe(count === 0 && args[0] === '--message' ? 1 : 0);
    expect(ndjson(r.stdout)).toHaveLength(count);
  });

  it('rejects an unknown verdict and a bad time with exit 2', () => {
    expect(sgtrail(['messages', '--verdict', 'nope', 'samples/story.log']).status).toBe(2);
    expect(sgtrail(['messages', '--since', 'last tuesday', 'samples/story.log']).status).toBe(2);
    expect(sgtrail(['messages', '--tz', 'Mars/Olympus', 'samples/story.log']).status).toBe(2);
  });

  it('--redact replaces every address, reasons included, keeping the domain', () => {
    const r = sgtrail(['messages', '--json', '--redact', 'samples/story.log']);
    const [story] = ndjson(r.stdout);
    expect(story?.['email']).toBe('user-1@***.com');
    expect(story?.['forward_to']).toBe('user-2@***.com');
    expect(story?.['reason']).toBe('552 5.2.2 <user-2@***.com>... Mailbox full');
    expect(r.stdout).not.toContain('sample-');
  });

  it('gives null times, not 1970, for a message whose events carry no time', () => {
    const input = '{"email":"a@x.com","event":"delivered","sg_message_id":"AAAAAAAAAAAAAAAAAAAAAA.filter1.0"}\n';
    const [m] = ndjson(sgtrail(['messages', '--json'], { input }).stdout);
    expect(m).toMatchObject({ verdict: 'delivered', first_event_at: null, last_event_at: null, delivered_at: null });
  });

  it('shows times in --tz with the offset', () => {
    const r = sgtrail(['messages', '--tz', 'Asia/Tokyo', 'samples/story.log']);
    expect(r.stdout.split('\t')[0]).toBe('2026-11-18 18:05:14 +09:00');
  });
});

describe('sgtrail timeline', () => {
  it('tells the story at a glance', () => {
    const r = sgtrail(['timeline', '--email', 'sample-1@***.com', 'samples/story.log']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('sample-1@***.com  message T8mFhLcxQe2nRk4VwP3aZg');
    expect(lines.find((l) => l.includes(' delivered '))).toContain('2026-11-18 09:05:16 +00:00');
    const bounce = lines.find((l) => l.includes(' bounce ')) ?? '';
    expect(bounce).toContain('+4m36s');
    expect(bounce).toContain('type blocked');
    expect(bounce).toContain('<sample-2@***.com>');
    expect(bounce).toContain('samples/story.log:42 (1 duplicate removed)');
    expect(r.stdout).toContain('verdict: forwarded-bounce');
    expect(r.stdout).toContain('so sample-1@***.com did receive it.');
  });

  it('--message finds the message and its ID-less bounce', () => {
    const r = sgtrail(['timeline', '--json', '--message', 'T8mFhLcxQe2nRk4VwP3aZg', 'samples/story.log']);
    const [story] = ndjson(r.stdout);
    const events = (story?.['timeline'] as Record<string, unknown>[]).map((e) => [e['event'], e['at'], e['source'], e['duplicates']]);
    expect(events).toEqual([
      ['processed', '2026-11-18T09:05:14Z', 'samples/story.log:4', 0],
      ['delivered', '2026-11-18T09:05:16Z', 'samples/story.log:24', 0],
      ['bounce', '2026-11-18T09:09:52Z', 'samples/story.log:42', 1],
      ['open', '2026-11-18T09:31:41Z', 'samples/story.log:57', 0],
    ]);
    expect(story?.['verdict']).toBe('forwarded-bounce');
  });

  it('gives the same verdicts as messages for every message of the day', () => {
    const all = ndjson(sgtrail(['messages', '--json', 'samples/day.log']).stdout);
    for (const m of all.filter((x) => x['error_list']).slice(0, 12)) {
      const t = ndjson(sgtrail(['timeline', '--json', '--email', String(m['email']), 'samples/day.log']).stdout);
      const same = t.find((x) => x['message_id'] === m['message_id']);
      expect(same?.['verdict'], String(m['email'])).toBe(m['verdict']);
    }
  });

  it('needs --email or --message', () => {
    expect(sgtrail(['timeline', 'samples/story.log']).status).toBe(2);
  });

  it('makes control characters from the log visible instead of obeying them', () => {
    const evil = JSON.stringify({
      email: 'a@x.com',
      event: 'bounce',
      timestamp: 1794992716,
      type: 'bounce',
      reason: '550 \u001b]8;;http://evil\u0007click\u001b]8;;\u0007 \u001b[2J\r\u0008 \u202egnp.exe',
    });
    const r = sgtrail(['timeline', '--email', 'a@x.com', '--color'], { input: `${evil}\n`, env: { NO_COLOR: '' } });
    const text = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\x1b]8;;http://evil\\x07click');
  });
});
