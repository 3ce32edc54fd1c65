import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ndjson, sgtrail } from '../helpers/cli.js';

/**
 * Answers a person can act on (issue 15): say when there is nothing and why, take what people
 * paste, and speak one way. Each case spawns the CLI as a user runs it.
 */
const STORY = 'samples/story.log';
const DAY = 'samples/day.log';

describe('1. saying when there is nothing, and why', () => {
  it('timeline for an address not in the input: exit 1, and the note says it is not there', () => {
    const r = sgtrail(['timeline', '--email', 'nobody@example.invalid', STORY]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sgtrail: no message in the input matches --email nobody@example\.invalid$/m);
  });

  it('timeline for a message present but outside --since/--until: exit 1, naming its own time span', () => {
    for (const args of [['--since', '2030-01-01'], ['--since', '2026-11-18T09:31:00Z', '--until', '2026-11-18T09:31:30Z']]) {
      const r = sgtrail(['timeline', '--email', 'sample-1@***.com', ...args, DAY, STORY]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/the message matching --email sample-1@\*\*\*\.com lies outside --since\/--until: 2026-11-18T09:05:14Z to 2026-11-18T09:31:41Z/);
    }
  });

  it('messages with a selection that selects nothing: exit 1 and why; without one, exit 0', () => {
    const none = sgtrail(['messages', '--domain', 'nowhere.example', STORY]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no message in the input matches --domain nowhere\.example/);
    const verdict = sgtrail(['messages', '--verdict', 'bounced', '--email', 'sample-1@***.com', STORY]);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toMatch(/matching --email sample-1@\*\*\*\.com --verdict bounced has another verdict/);
    expect(sgtrail(['messages', STORY]).status).toBe(0);
  });

  it('--since later than --until is a usage error', () => {
    const r = sgtrail(['messages', '--since', '2026-12-01', '--until', '2026-11-01', STORY]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--since "2026-12-01" is later than --until "2026-11-01"/);
  });

  it('no input readable at all: no report on stdout, the errors name every file, exit 3', () => {
    const r = sgtrail(['report', 'missing-1.log', 'missing-2.log']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('cannot read missing-1.log: no such file');
    expect(r.stderr).toContain('cannot read missing-2.log: no such file');
  });

  it('a report over a window with no event says so on stderr with the input span', () => {
    const r = sgtrail(['report', '--since', '2031-01-01', STORY]);
    expect(r.stderr).toMatch(/no event falls in --since\/--until .* the input spans 2026-11-18T09:05:14Z/);
  });
});

describe('5. paste what you have', () => {
  const storyMessage = (args: string[]) => ndjson(sgtrail(['messages', '--json', ...args, STORY]).stdout).map((m) => m['email']);

  it.each([
    ['a Message-ID as mail clients show it', ['--message', '<T8mFhLcxQe2nRk4VwP3aZg@geopod-ismtpd-2-7>']],
    ['an smtp-id', ['--message', 'T8mFhLcxQe2nRk4VwP3aZg@geopod-ismtpd-2-7']],
    ['a full sg_message_id', ['--message', 'T8mFhLcxQe2nRk4VwP3aZg.filterdrecv-5f8d7c9b6-x2k4p-1-673B05CA-2A.0']],
    ['its first part', ['--message', 'T8mFhLcxQe2nRk4VwP3aZg']],
  ])('--message: %s', (_name, args) => {
    expect(storyMessage(args)).toContain('sample-1@***.com');
  });

  it.each([['<sample-1@***.com>'], ['Sample One <sample-1@***.com>'], ['mailto:sample-1@***.com'], ['SAMPLE-1@***.COM']])('--email %s', (address) => {
    expect(storyMessage(['--email', address])).toEqual(['sample-1@***.com']);
  });

  it('--domain selects receiving domains, subdomains included', () => {
    const emails = ndjson(sgtrail(['messages', '--json', '--domain', 'gmail.com', DAY]).stdout).map((m) => m['email'] as string);
    expect(emails.length).toBeGreaterThan(10);
    expect(emails.every((e) => e.toLowerCase().endsWith('@gmail.com'))).toBe(true);
  });

  it.each([
    ['epoch seconds', '1794992950'],
    ['epoch milliseconds', '1794992950000'],
    ['ISO', '2026-11-18T09:09:10Z'],
  ])('--since as %s', (_name, since) => {
    expect(storyMessage(['--since', since])).toEqual(['sample-1@***.com']);
  });

  it('--since accepts a duration without a sign: 3d is three days ago', () => {
    const r = sgtrail(['messages', '--json', '--since', '3d', STORY], { env: {} });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/no event falls in --since\/--until/);
  });
});

describe('6. one way to speak', () => {
  it('events --redact leaves no address', () => {
    const r = sgtrail(['events', '--redact', STORY]);
    expect(r.stdout).not.toContain('sample-');
    expect(ndjson(r.stdout)[0]?.['email']).toMatch(/^user-\d+@\*\*\*\.com$/);
  });

  it("every error starts with sgtrail: and names the subcommand's own help", () => {
    const unknown = sgtrail(['report', '--bogus', STORY]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^sgtrail: unknown option '--bogus'\n\(run sgtrail report --help for usage\)\n$/);
    const bad = sgtrail(['timeline', '--email', 'a@b.example', '--since', 'soon', STORY]);
    expect(bad.stderr).toMatch(/^sgtrail: --since "soon": .*\n\(run sgtrail timeline --help for usage\)\n$/);
  });

  it('report --json is --format json', () => {
    const a = sgtrail(['report', '--json', STORY]);
    const b = sgtrail(['report', '--format', 'json', STORY]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(sgtrail(['report', '--json', '--format', 'csv', STORY]).status).toBe(2);
  });

  it('one line, two lines: plural forms are right', () => {
    const one = sgtrail(['events'], { input: 'server started\n{"email":"a@example.com","event":"open","timestamp":1}\n' });
    expect(one.stderr).toContain('skipped 1 line with no JSON (server log text)');
    const two = sgtrail(['events'], { input: 'a\nb\n{"email":"a@example.com","event":"open","timestamp":1}\n' });
    expect(two.stderr).toContain('skipped 2 lines with no JSON (server log text)');
  });

  it('a failure line in a timeline shows its distance from delivered', () => {
    const r = sgtrail(['timeline', '--email', 'sample-1@***.com', STORY]);
    expect(r.stdout).toMatch(/bounce .*\(4m36s after delivered\)/);
  });
});

describe('3. campaigns and sending IPs', () => {
  it('messages --json carries category (always an array), asm_group_id, campaign, template_id and the sending ip', () => {
    const all = ndjson(sgtrail(['messages', '--json', DAY]).stdout);
    for (const m of all) expect(Array.isArray(m['category']), m['email'] as string).toBe(true);
    expect(all.some((m) => (m['category'] as string[]).length === 0)).toBe(true);
    for (const key of ['asm_group_id', 'campaign', 'template_id', 'ip']) expect(all.every((m) => key in m), key).toBe(true);
    const story = ndjson(sgtrail(['messages', '--json', STORY]).stdout)[0];
    expect(story).toMatchObject({ category: ['order-confirmation'], ip: '149.72.142.11' });
  });

  it('a send event gives the sending ip; an open or click (the reader\u2019s ip) does not', () => {
    const input = [
      '{"email":"a@example.com","event":"open","timestamp":1794992800,"sg_message_id":"Ipx0000000000000000000.filter0001.1.0","ip":"203.0.113.9"}',
      '{"email":"a@example.com","event":"delivered","timestamp":1794992700,"sg_message_id":"Ipx0000000000000000000.filter0001.1.0","ip":"149.72.1.2"}',
    ].join('\n');
    expect(ndjson(sgtrail(['messages', '--json'], { input }).stdout)[0]?.['ip']).toBe('149.72.1.2');
  });

  it('--category selects by category; the report breaks outcomes down by category and blocked IPs', () => {
    const news = ndjson(sgtrail(['messages', '--json', '--category', 'newsletter', DAY]).stdout);
    expect(news.length).toBeGreaterThan(10);
    expect(news.every((m) => (m['category'] as string[]).includes('newsletter'))).toBe(true);
    const report = JSON.parse(sgtrail(['report', '--json', DAY]).stdout) as Record<string, { top: { category?: string; ip?: string }[] }>;
    expect(report['categories']?.top.map((c) => c.category)).toContain('newsletter');
    expect(report['blocked_ips']?.top.length).toBeGreaterThan(0);
    expect(sgtrail(['report', DAY]).stdout).toMatch(/# Sending IPs refused for blocklists or reputation/);
  });
});

describe('2. reports that list what failed', () => {
  it('text, markdown and HTML list the really failed messages, newest first, with the sort column', () => {
    for (const format of ['text', 'markdown', 'html']) {
      const out = sgtrail(['report', '--format', format, '--top', '3', DAY]).stdout;
      expect(out, format).toMatch(/Really failed \(3 of 39\)/);
      expect(out, format).toMatch(/failed \(sort\)/);
      expect(out, format).toMatch(/bounced \(sort\)/);
    }
    const json = JSON.parse(sgtrail(['report', '--json', '--top', '3', DAY]).stdout) as { failed: { total: number; messages: { failed_at: string }[] } };
    expect(json.failed.total).toBe(39);
    const times = json.failed.messages.map((m) => m.failed_at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('the --fail-on result is part of every report format, held or not', () => {
    const json = JSON.parse(sgtrail(['report', '--json', '--fail-on', 'failed>5%', DAY]).stdout) as { fail_on: unknown[] };
    expect(json.fail_on).toEqual([{ expression: 'failed>5%', count: 39, of: 300, percent: 13, threshold: 5, op: '>', share: true, holds: true }]);
    expect(sgtrail(['report', '--fail-on', 'failed>5%', DAY]).stdout).toMatch(/--fail-on: HOLDS \(exit 1\)\n.*\nfailed>5%\t13\.0% \(39 of 300\)\t> 5%\tyes/);
    expect(sgtrail(['report', '--format', 'markdown', '--fail-on', 'failed>50%', DAY]).stdout).toMatch(/## --fail-on: does not hold/);
    expect(sgtrail(['report', '--format', 'html', '--fail-on', 'failed>5%', DAY]).stdout).toMatch(/<section id="fail-on">/);
  });

  it('reports name their inputs and time window in the header', () => {
    const out = sgtrail(['report', '--since', '2026-11-18', '--until', '2026-11-19', DAY, STORY]).stdout;
    const header = out.split('\n\n')[0] as string;
    expect(header).toMatch(/inputs\tsamples\/day\.log, samples\/story\.log/);
    expect(header).toMatch(/since\t2026-11-18 00:00:00 \+00:00/);
    expect(header).toMatch(/until\t2026-11-19 00:00:00 \+00:00/);
  });
});

describe('8. completions', () => {
  it.each([
    ['bash', /complete -o filenames -F _sgtrail sgtrail/],
    ['zsh', /^#compdef sgtrail/],
    ['fish', /complete -c sgtrail -n '__fish_seen_subcommand_from report' -l fail-on/],
  ])('sgtrail completion %s', (shell, pattern) => {
    const r = sgtrail(['completion', shell]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(pattern);
  });

  it('an unknown shell is a usage error', () => {
    expect(sgtrail(['completion', 'tcsh']).status).toBe(2);
  });

  it('the bash script is valid bash', () => {
    const script = sgtrail(['completion', 'bash']).stdout;
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });
});
