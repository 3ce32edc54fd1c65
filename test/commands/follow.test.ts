import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { exited, sgtrail, sgtrailInProcess, sleep, spawnSgtrail, STACK_TRACE, tempDir } from '../helpers/cli.js';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * `--follow` end to end: the CLI runs while the test appends to its file (or writes to a pipe it
 * holds open), and each verdict change must show within 2 seconds (README.md#live). The events
 * are shaped as SendGrid posts them; the verdicts follow from docs/rules.md: a `bounce` with no ID
 * that arrives after `delivered` and names another mailbox is a forwarded bounce; deferrals with
 * no outcome for 72 hours of event time have expired.
 */

const WITHIN = 2000;
const T0 = 1_794_000_000;

function ev(fields: Record<string, unknown>): string {
  return `${JSON.stringify(fields)}\n`;
}
const sent = (email: string, id: string, at: number, event: string, extra: Record<string, unknown> = {}) =>
  ev({
    email,
    timestamp: at,
    event,
    'smtp-id': `<${id}@ismtpd0001p1iad2.sendgrid.net>`,
    sg_event_id: `${event}-${id}-${at}`,
    sg_message_id: `${id}.filterdrecv-p3mdw1-1-5E0F0B7D-1.0`,
    ...extra,
  });
/** An asynchronous bounce as SendGrid posts it: no sg_message_id, smtp-id or ip. */
const idlessBounce = (email: string, at: number, reason: string) =>
  ev({ email, timestamp: at, event: 'bounce', type: 'blocked', status: '5.2.2', reason, sg_event_id: `b-${email}-${at}` });

const ID_A = 'AAAAAAAAAAAAAAAAAAAAAA';
const ID_B = 'BBBBBBBBBBBBBBBBBBBBBB';
const ID_C = 'CCCCCCCCCCCCCCCCCCCCCC';

/** A running sgtrail whose stdout is read line by line. */
class Live {
  readonly lines: string[] = [];
  stderr = '';
  private partial = '';
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (c: Buffer) => {
      const text = this.partial + c.toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const w of this.waiters.splice(0)) w();
    });
    child.stderr.on('data', (c: Buffer) => {
      this.stderr += c.toString('utf8');
      for (const w of this.waiters.splice(0)) w();
    });
    child.stdin.on('error', () => undefined);
  }

  /** The first line from `from` on that `match` accepts, within `ms`; its index is returned too. */
  async line(match: (line: string) => boolean, from = 0, ms = WITHIN): Promise<{ line: string; index: number }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.lines.findIndex((l, i) => i >= from && match(l));
      if (index >= 0) return { line: this.lines[index] as string, index };
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching line within ${ms} ms; stdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  json(): Record<string, unknown>[] {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async stderrMatching(re: RegExp, ms = WITHIN): Promise<void> {
    const deadline = Date.now() + ms;
    while (!re.test(this.stderr)) {
      if (Date.now() > deadline) throw new Error(`stderr never matched ${re}: ${this.stderr}`);
      await sleep(20);
    }
  }
}

const running: ChildProcessWithoutNullStreams[] = [];
const dirs: { remove(): void }[] = [];
/** A path in a fresh directory, removed after the test. */
function scratch(name: string): string {
  const dir = tempDir('follow');
  dirs.push(dir);
  return dir.file(name);
}
function start(args: string[]): Live {
  const child = spawnSgtrail(args);
  running.push(child);
  return new Live(child);
}
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) d.remove();
});

const ndjsonVerdicts = (text: string) => text.trim().split('\n').map((l) => (JSON.parse(l) as Record<string, unknown>)['verdict']);

const verdictOf = (email: string, verdict: string) => (l: string) => {
  if (!l.startsWith('{')) return false;
  const o = JSON.parse(l) as Record<string, unknown>;
  return o['email'] === email && o['verdict'] === verdict;
};

describe('messages --follow on a file', () => {
  it('prints a message when it appears and again when a later bounce turns it into a forwarded bounce', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'processed') + sent('ann@example.com', ID_A, T0 + 2, 'delivered'));
    const live = start(['messages', '-f', '--json', log]);
    const first = await live.line(verdictOf('ann@example.com', 'delivered'));
    expect(JSON.parse(first.line)).toMatchObject({ previous_verdict: null, changed_at: '2026-11-06T21:20:02Z', message_id: ID_A });

    appendFileSync(log, idlessBounce('ann@example.com', T0 + 278, '552 5.2.2 <ann.private@mail.example.net>... Mailbox full'));
    const second = await live.line(verdictOf('ann@example.com', 'forwarded-bounce'), first.index + 1);
    expect(JSON.parse(second.line)).toMatchObject({
      previous_verdict: 'delivered',
      forward_to: 'ann.private@mail.example.net',
      changed_at: '2026-11-06T21:24:38Z',
      bad_address: null,
    });
    // Nothing changed for anyone else, so nothing else was printed.
    expect(live.json()).toHaveLength(2);
  });

  it('a half-written line waits for its newline; a pretty-printed POST body counts once it closes', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'delivered'));
    const live = start(['messages', '-f', '--json', log]);
    // Running and at the end of the file: what comes next is read as it is written.
    await live.line(verdictOf('ann@example.com', 'delivered'));
    const line = sent('bo@example.com', ID_B, T0, 'delivered');
    appendFileSync(log, line.slice(0, 40));
    await sleep(600);
    expect(live.lines).toHaveLength(1);
    appendFileSync(log, line.slice(40));
    await live.line(verdictOf('bo@example.com', 'delivered'));

    const body = JSON.stringify([JSON.parse(sent('cy@example.com', ID_C, T0 + 5, 'bounce', { type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account that you tried to reach does not exist.' }))], null, 2);
    const [head, tail] = [body.slice(0, body.length - 10), body.slice(body.length - 10)];
    appendFileSync(log, `2026-11-06T07:20:05Z INFO webhook body=\n${head}`);
    await sleep(600);
    expect(live.lines.some((l) => l.includes('cy@example.com'))).toBe(false);
    appendFileSync(log, `${tail}\n`);
    const cy = await live.line(verdictOf('cy@example.com', 'bounced'));
    expect(JSON.parse(cy.line)).toMatchObject({ bad_address: 'cy@example.com' });
  });

  it('follows the path across rotation (renamed, a new file created) and truncation', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'delivered'));
    const live = start(['messages', '-f', '--json', log]);
    await live.line(verdictOf('ann@example.com', 'delivered'));

    // logrotate's default: the file is renamed, and the application opens a new one.
    renameSync(log, `${log}.1`);
    await sleep(300);
    writeFileSync(log, sent('bo@example.com', ID_B, T0 + 60, 'delivered'));
    await live.line(verdictOf('bo@example.com', 'delivered'));
    await live.stderrMatching(/webhook\.log was replaced \(rotated\): following the new file/);

    // copytruncate: the same file emptied in place and written again from its start, in one step
    // (no poll sees it empty), with as many bytes as it held.
    const before = readFileSync(log, 'utf8').length;
    truncateSync(log, 0);
    appendFileSync(log, sent('cy@example.com', ID_C, T0 + 120, 'delivered').padEnd(before - 1, ' ') + '\n');
    await live.line(verdictOf('cy@example.com', 'delivered'));
    await live.stderrMatching(/webhook\.log was truncated: reading it from its start/);

    // The rotated file's message is still known: its late bounce is a bounce after delivery.
    appendFileSync(log, idlessBounce('ann@example.com', T0 + 300, '550 5.7.1 Message rejected as spam by Content Filtering.'));
    await live.line(verdictOf('ann@example.com', 'bounce-after-delivery'));
  });

  it('rotation right after an append: the lines written to the old file before the rename are read', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'delivered'));
    const live = start(['messages', '-f', '--json', '-q', log]);
    await live.line(verdictOf('ann@example.com', 'delivered'));
    // Each new file stays at the path for longer than a poll (a file renamed away before any
    // poll saw it cannot be followed by name, as with tail -F).
    const rounds = 8;
    for (let r = 0; r < rounds; r++) {
      appendFileSync(log, sent(`old${r}@example.com`, `${String(r).padStart(2, '0')}${'A'.repeat(20)}`, T0 + r, 'delivered'));
      renameSync(log, `${log}.${r}`);
      writeFileSync(log, sent(`new${r}@example.com`, `${String(r).padStart(2, '0')}${'B'.repeat(20)}`, T0 + r, 'delivered'));
      await sleep(450 + (r % 3) * 60);
    }
    for (let r = 0; r < rounds; r++) {
      await live.line(verdictOf(`old${r}@example.com`, 'delivered'));
      await live.line(verdictOf(`new${r}@example.com`, 'delivered'));
    }
  });

  it('on the first read of a file, a deferral that timed out changed at its 72-hour deadline', async () => {
    const log = scratch('webhook.log');
    writeFileSync(
      log,
      sent('dee@example.com', ID_A, T0, 'deferred', { response: '421 4.7.0 Try again later', attempt: '1' }) +
        sent('dee@example.com', ID_A, T0 + 3600, 'deferred', { response: '421 4.7.0 Try again later', attempt: '2' }) +
        sent('bo@example.com', ID_B, T0 + 100 * 3600, 'delivered'),
    );
    const live = start(['messages', '-f', '--json', log]);
    const expired = await live.line(verdictOf('dee@example.com', 'expired'));
    expect(JSON.parse(expired.line)).toMatchObject({ previous_verdict: null, changed_at: '2026-11-09T21:20:00Z' });
  });

  it('waits for a file that does not exist yet', async () => {
    const log = scratch('later.log');
    const live = start(['messages', '-f', '--json', log]);
    await live.stderrMatching(/later\.log does not exist yet: waiting for it/);
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'delivered'));
    await live.line(verdictOf('ann@example.com', 'delivered'));
  });

  it('a deferral expires on the clock of the events, with no event of its own', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('dee@example.com', ID_A, T0, 'deferred', { response: '421 4.7.0 Try again later', attempt: '1' }));
    const live = start(['messages', '-f', '--json', log]);
    await live.line(verdictOf('dee@example.com', 'deferred'));
    // 71 hours on: still waiting.
    appendFileSync(log, sent('bo@example.com', ID_B, T0 + 71 * 3600, 'delivered'));
    await live.line(verdictOf('bo@example.com', 'delivered'));
    expect(live.json().filter((o) => o['email'] === 'dee@example.com')).toHaveLength(1);
    // 73 hours after the first deferral, another message's event moves the clock past 72 hours.
    appendFileSync(log, sent('cy@example.com', ID_C, T0 + 73 * 3600, 'delivered'));
    const expired = await live.line(verdictOf('dee@example.com', 'expired'));
    // It expired when 72 hours had passed since the first deferral: that is the time of the change.
    expect(JSON.parse(expired.line)).toMatchObject({ previous_verdict: 'deferred', changed_at: '2026-11-09T21:20:00Z' });
  });

  it('--fail-on exits 1 the moment the condition first holds', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'delivered'));
    const live = start(['messages', '-f', '--json', '--fail-on', 'bounce-after-delivery>0', log]);
    await live.line(verdictOf('ann@example.com', 'delivered'));
    expect(live.child.exitCode).toBeNull();
    const asked = Date.now();
    appendFileSync(log, idlessBounce('ann@example.com', T0 + 60, '550 5.7.1 Message rejected as spam by Content Filtering.'));
    const exit = await exited(live.child);
    expect(exit.code).toBe(1);
    expect(Date.now() - asked).toBeLessThan(WITHIN);
    expect(live.stderr).toContain('--fail-on bounce-after-delivery>0 holds: 1 of 1 messages (100.0%) are bounce-after-delivery');
    expect(live.json().at(-1)).toMatchObject({ email: 'ann@example.com', verdict: 'bounce-after-delivery' });
  });
});

describe('messages --follow: what a file already holds', () => {
  it('is shown once, exactly as messages --json shows it (plus changed_at and previous_verdict), then changes', async () => {
    // samples/day.log: a day of traffic in every framing, with duplicates, out-of-order arrival
    // and asynchronous bounces (which a whole-input read attaches only once it has read them all).
    const whole = sgtrail(['messages', '--json', 'samples/day.log']);
    const expected = whole.stdout.trim().split('\n');
    const log = scratch('day.log');
    writeFileSync(log, readFileSync('samples/day.log'));
    const live = start(['messages', '-f', '--json', '-q', log]);
    await live.line(() => live.lines.length >= expected.length, 0, 10_000);
    await sleep(300);
    const shown = live.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(shown.map((o) => o['previous_verdict'])).toEqual(expected.map(() => null));
    expect(shown.map(({ changed_at: _c, previous_verdict: _p, ...rest }) => JSON.stringify(rest))).toEqual(expected);

    // News after the history: one line for the message that changed.
    appendFileSync(log, idlessBounce('zz-news@example.com', T0, '550 5.1.1 user unknown'));
    const news = await live.line(verdictOf('zz-news@example.com', 'blocked'), expected.length);
    expect(news.index).toBe(expected.length);
  });
});

describe('messages --follow on a pipe held open', () => {
  it('prints changes as the lines arrive, and Ctrl-C ends it with 130 on a whole line', async () => {
    const live = start(['messages', '-f', '--json']);
    live.child.stdin.write(sent('ann@example.com', ID_A, T0, 'processed'));
    await live.line(verdictOf('ann@example.com', 'processed'));
    live.child.stdin.write(sent('ann@example.com', ID_A, T0 + 3, 'delivered'));
    await live.line(verdictOf('ann@example.com', 'delivered'));
    // The bounce and a later open arrive in one write: the change happened at the bounce.
    live.child.stdin.write(
      idlessBounce('ann@example.com', T0 + 100, '550 5.1.1 <ann.old@corp.example>: Recipient address rejected: User unknown') +
        sent('ann@example.com', ID_A, T0 + 900, 'open', { sg_machine_open: false }),
    );
    const fwd = await live.line(verdictOf('ann@example.com', 'forwarded-bounce'));
    expect(JSON.parse(fwd.line)).toMatchObject({ forward_to: 'ann.old@corp.example', previous_verdict: 'delivered', changed_at: '2026-11-06T21:21:40Z' });
    live.child.kill('SIGINT');
    const exit = await exited(live.child);
    expect(exit).toEqual({ code: 130, signal: null });
    expect(live.stderr).not.toMatch(STACK_TRACE);
    expect(live.lines.every((l) => l.length === 0 || JSON.parse(l) !== null)).toBe(true);
  });

  it('an account status change is said on stderr as it comes, once', async () => {
    const live = start(['messages', '-f', '--json']);
    live.child.stdin.write(ev({ event: 'account_status_change', type: 'compliance_suspend', timestamp: T0, sg_event_id: 'acct-1' }));
    await live.stderrMatching(/ACCOUNT STATUS CHANGE: compliance_suspend \(1 event, at 2026-11-06T21:20:00Z\)/);
    live.child.stdin.end();
    expect((await exited(live.child)).code).toBe(0);
    expect(live.stderr.match(/ACCOUNT STATUS CHANGE/g)).toHaveLength(1);
  });

  it('ends with the input, and a reader that went away (| head) ends it quietly with 0', async () => {
    const live = start(['messages', '-f', '--json']);
    live.child.stdin.write(sent('ann@example.com', ID_A, T0, 'delivered'));
    await live.line(verdictOf('ann@example.com', 'delivered'));
    live.child.stdout.destroy();
    live.child.stdin.write(sent('bo@example.com', ID_B, T0 + 1, 'delivered'));
    live.child.stdin.write(sent('cy@example.com', ID_C, T0 + 2, 'delivered'));
    const exit = await exited(live.child);
    expect(exit.code).toBe(0);
    expect(live.stderr).toBe('');
  });
});

describe('timeline --follow', () => {
  it('shows what the file already holds as timeline shows it, then each new event', async () => {
    const whole = sgtrail(['timeline', '--email', 'sample-1@***.com', 'samples/story.log']);
    const log = scratch('story.log');
    writeFileSync(log, readFileSync('samples/story.log'));
    const live = start(['timeline', '-f', '-q', '--email', 'sample-1@***.com', log]);
    const expected = whole.stdout.replaceAll('samples/story.log', log).trimEnd().split('\n');
    await live.line(() => live.lines.length >= expected.length, 0, 10_000);
    expect(live.lines).toEqual(expected);
    appendFileSync(log, sent('sample-1@***.com', 'T8mFhLcxQe2nRk4VwP3aZg', 1794994000, 'click', { url: 'https://example.com/order' }));
    const click = await live.line((l) => /click +https:\/\/example\.com\/order/.test(l), expected.length);
    expect(click.index).toBe(expected.length);
  });

  it('prints each event of the address as it arrives and the verdict when it changes', async () => {
    const log = scratch('webhook.log');
    writeFileSync(log, sent('ann@example.com', ID_A, T0, 'processed') + sent('bo@example.com', ID_B, T0, 'processed'));
    const live = start(['timeline', '-f', '--email', 'ANN@example.com', log]);
    await live.line((l) => l.includes('processed') && l.includes('webhook.log:1'));
    appendFileSync(log, sent('ann@example.com', ID_A, T0 + 2, 'delivered', { response: '250 2.0.0 OK' }));
    const delivered = await live.line((l) => /\+2s\s+delivered\s+250 2\.0\.0 OK/.test(l));
    await live.line((l) => l.trim() === 'verdict: delivered', delivered.index);
    appendFileSync(log, idlessBounce('ann@example.com', T0 + 278, '552 5.2.2 <ann.private@mail.example.net>... Mailbox full'));
    await live.line((l) => l.includes('bounce') && l.includes('(4m36s after delivered)'));
    await live.line((l) => l.trim().startsWith('verdict: forwarded-bounce'));
    // bo@ is not the address asked for.
    expect(live.lines.some((l) => l.includes('bo@example.com'))).toBe(false);
  });

  it('--since: events of the address before the window are not printed', async () => {
    const r = sgtrail(['timeline', '-f', '--email', 'ann@example.com', '--since', '2026-11-08'], {
      input: sent('ann@example.com', ID_A, T0, 'processed') + sent('ann@example.com', ID_A, T0 + 2 * 86400, 'delivered'),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('processed');
    expect(r.stdout).toMatch(/2026-11-08 21:20:00 \+00:00 +delivered/);
  });

  it('--json: one record per event and per verdict change', async () => {
    const live = start(['timeline', '-f', '--json', '--email', 'ann@example.com']);
    live.child.stdin.write(sent('ann@example.com', ID_A, T0, 'delivered'));
    await live.line((l) => l.includes('"record":"verdict"'));
    live.child.stdin.end(idlessBounce('ann@example.com', T0 + 60, '550 5.7.1 Message rejected as spam by Content Filtering.'));
    const exit = await exited(live.child);
    expect(exit.code).toBe(0);
    expect(live.json().map((o) => [o['record'], o['event'] ?? o['verdict']])).toEqual([
      ['event', 'delivered'],
      ['verdict', 'delivered'],
      ['event', 'bounce'],
      ['verdict', 'bounce-after-delivery'],
    ]);
  });
});

describe('options around --follow', () => {
  it.each([
    [['messages', '--retain', '3d', 'samples/story.log'], /--retain applies to --follow only/],
    [['messages', '-f', '--retain', '2d', 'samples/story.log'], /--retain 2d is shorter than the attach window/],
    [['messages', '-f', '--retain', '1d', '--attach-window', '1d', 'samples/story.log'], /--retain 1d is shorter than 72h/],
    [['timeline', '-f', '--retain', 'soon', '--email', 'a@b.example', 'samples/story.log'], /--retain "soon": use a duration/],
  ])('%j is a usage error', (args, message) => {
    const r = sgtrail(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('an attach window longer than the default retention: fine without --follow, and --follow keeps messages longer', () => {
    expect(sgtrail(['messages', '--attach-window', '30d', 'samples/story.log']).status).toBe(0);
    const r = sgtrail(['messages', '-f', '--json', '--attach-window', '30d'], { input: sent('ann@example.com', ID_A, T0, 'delivered') });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(ndjsonVerdicts(r.stdout)).toEqual(['delivered']);
  });

  it('stdin that ends before the address ever appears: exit 1 with a note, as without --follow', () => {
    const r = sgtrail(['timeline', '-f', '--email', 'nobody@example.com'], { input: sent('ann@example.com', ID_A, T0, 'delivered') });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the input ended before any message matched the selection');
  });

  it('messages --fail-on without --follow checks the selected messages once the input is read', () => {
    // samples/story.log: sample-1 got the mail, and a bounce about its forward target came after.
    const held = sgtrail(['messages', '--fail-on', 'forwarded-bounce>0', 'samples/story.log']);
    expect(held.status).toBe(1);
    expect(held.stderr).toMatch(/--fail-on forwarded-bounce>0 holds: 1 of \d+ messages/);
    const quiet = sgtrail(['messages', '--fail-on', 'forwarded-bounce>0', '--email', 'sample-3@***.com', 'samples/story.log']);
    expect(quiet.status).toBe(0);
  });
});

describe('messages --follow on a terminal', () => {
  it('prints one line per change: time, address, the verdict, then class, forward target and message', async () => {
    const input = readFileSync('samples/story.log');
    const r = await sgtrailInProcess(['messages', '-f', '-q', '-'], { input, stdoutTTY: true, columns: 160 });
    expect(r.status).toBe(0);
    expect(r.stdout.toString('utf8').split('\n')).toEqual([
      '2026-11-18 09:09:52 +00:00  sample-1@***.com  forwarded-bounce  mailbox-full  forwarded to sample-2@***.com  message T8mFhLcxQe2nRk4VwP3aZg',
      '2026-11-18 09:05:19 +00:00  sample-3@***.com  delivered  message T8mFhLcxQe2nRk4VwP3aZg',
      '',
    ]);
  });
});
