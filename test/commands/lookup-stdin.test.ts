import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runTimeline } from '../../src/commands/timeline.js';
import { Spool } from '../../src/ingest/spool.js';
import { emptyFilter, type MessageFilter } from '../../src/verdict/select.js';
import { BIN, ENV, exited, ROOT, sgtrail, spawnSgtrail, type CliResult } from '../helpers/cli.js';

/**
 * A lookup on stdin or a pipe reads as one on a file: only the lines that name the address (or
 * ID), and the whole input again when a verdict turns on its newest event (a deferral with no
 * outcome, docs/rules.md#deferral-expiry) — from the copy of the input kept while it was read the
 * first time (src/ingest/spool.ts). Expectations come from the file run and from the rules.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sgtrail-lookup-stdin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const T0 = 1_794_000_000;
const H = 3600;

function event(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

/** One recipient message's events: processed, then whatever `more` adds. */
function message(email: string, id: string, at: number, more: Record<string, unknown>[]): string[] {
  const sg = `${id}.filterdrecv-5f9c8d6b7c-v8f7t-1-6AF8E013-20.0`;
  const base = { email, sg_message_id: sg, 'smtp-id': `<${id}@example.net>` };
  return [
    event({ ...base, timestamp: at, event: 'processed', sg_event_id: `${id}-p` }),
    ...more.map((m, i) => event({ ...base, sg_event_id: `${id}-${i}`, ...m })),
  ];
}

/** Sent and delivered at once, for anyone but the address looked up. */
function delivered(email: string, id: string, at: number): string[] {
  return message(email, id, at, [{ timestamp: at + 5, event: 'delivered', response: '250 OK' }]);
}

const TARGET = 'pending@recipient.example';

/**
 * The looked-up address has one message, deferred and never delivered nor bounced. Another
 * message, not naming it, is the newest event of the input, 100 hours later: by the 72-hour rule
 * the deferral has expired. A broken line that does not name the address is counted only by a
 * read of the whole input.
 */
const PENDING = [
  ...message(TARGET, 'PendingMessage00000001', T0, [{ timestamp: T0 + 60, event: 'deferred', response: '451 4.7.1 Try again later', attempt: '1' }]),
  '{"email": "other@example.org", "event": broken',
  ...delivered('later@example.org', 'LaterMessage0000000001', T0 + 100 * H),
].join('\n');

/** The address's message delivered: no second read is needed. */
const DELIVERED = [
  ...delivered('first@example.org', 'FirstMessage0000000001', T0),
  '{"email": "other@example.org", "event": broken',
  ...message(TARGET, 'TargetMessage000000001', T0 + 10, [{ timestamp: T0 + 20, event: 'delivered', response: '250 OK' }]),
  ...delivered('last@example.org', 'LastMessage00000000001', T0 + 30),
].join('\n');

function file(name: string, text: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** The same run on the file by name and on stdin: the outputs, with the file's name made `stdin`. */
function bothWays(args: string[], text: string | Buffer, env: Record<string, string> = {}): { fromFile: CliResult; fromStdin: CliResult } {
  const path = file(`input-${Math.random().toString(36).slice(2)}.log`, text);
  const fromFile = sgtrail([...args, path], { env });
  const fromStdin = sgtrail(args, { input: text, env });
  return {
    fromFile: { ...fromFile, stdout: fromFile.stdout.replaceAll(path, 'stdin'), stderr: fromFile.stderr.replaceAll(path, 'stdin') },
    fromStdin,
  };
}

describe('timeline on stdin reads as on a file', () => {
  it('only the lines naming the address: a broken line elsewhere is not read (nor reported)', () => {
    const { fromFile, fromStdin } = bothWays(['timeline', '--json', '--email', TARGET], DELIVERED);
    expect(fromFile.status).toBe(0);
    expect(JSON.parse(fromFile.stdout.trim()).verdict).toBe('delivered');
    expect(fromFile.stderr).not.toContain('broken');
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe(fromFile.stderr);
  });

  it('a deferral with no outcome: the whole input is read again (from the copy) and its newest event makes it expired', () => {
    const { fromFile, fromStdin } = bothWays(['timeline', '--json', '--email', TARGET], PENDING);
    const record = JSON.parse(fromFile.stdout.trim());
    expect(record.verdict).toBe('expired');
    // The second read is a whole one: the broken line is counted, on stdin as on the file.
    expect(fromFile.stderr).toContain('stdin:3');
    expect(fromStdin.status).toBe(fromFile.status);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe(fromFile.stderr);
  });

  it('gzip on stdin: read again from the copy, the same timeline', () => {
    const { fromFile, fromStdin } = bothWays(['timeline', '--json', '--email', TARGET], gzipSync(PENDING));
    expect(JSON.parse(fromFile.stdout.trim()).verdict).toBe('expired');
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe(fromFile.stderr);
  });

  it('--message ID alone: the ID is turned into its address, then the address read, both from stdin', () => {
    for (const text of [DELIVERED, PENDING]) {
      const id = text === DELIVERED ? 'TargetMessage000000001' : 'PendingMessage00000001';
      const { fromFile, fromStdin } = bothWays(['timeline', '--json', '--message', id], text);
      expect(JSON.parse(fromFile.stdout.trim()).email).toBe(TARGET);
      expect(fromStdin.stdout).toBe(fromFile.stdout);
      expect(fromStdin.stderr).toBe(fromFile.stderr);
    }
  });

  it('leaves no copy behind', () => {
    const own = mkdtempSync(join(tmp, 'tmpdir-'));
    for (const text of [DELIVERED, PENDING]) {
      const r = sgtrail(['timeline', '--email', TARGET], { input: text, env: { TMPDIR: own } });
      expect(r.status).toBe(0);
      expect(readdirSync(own)).toEqual([]);
    }
    // Nothing found (exit 1) still cleans up.
    expect(sgtrail(['timeline', '--email', 'nobody@example.org'], { input: PENDING, env: { TMPDIR: own } }).status).toBe(1);
    expect(readdirSync(own)).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('the copy has no name while it is written: a run killed (SIGKILL) leaves nothing in TMPDIR', async () => {
    const own = mkdtempSync(join(tmp, 'tmpdir-'));
    const child = spawnSgtrail(['timeline', '--email', TARGET], { env: { TMPDIR: own } });
    child.stdout.resume();
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    child.stdin.write(`${DELIVERED}\n`);
    // The copy is open once the first bytes are read (the input stays open): a deleted file of TMPDIR.
    const copyOpen = () =>
      readdirSync(`/proc/${child.pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${child.pid}/fd/${fd}`).startsWith(join(own, 'sgtrail-copy-'));
        } catch {
          return false;
        }
      });
    for (let i = 0; i < 1000 && !copyOpen(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(copyOpen()).toBe(true);
    expect(readdirSync(own)).toEqual([]);
    child.kill('SIGKILL');
    await exited(child);
    expect(readdirSync(own)).toEqual([]);
  });

  it('a file that cannot be read beside stdin: still named, exit 3, after the second read', () => {
    const missing = join(tmp, 'no-such.log');
    const r = sgtrail(['timeline', '--json', '--email', TARGET, '-', missing], { input: PENDING });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`cannot read ${missing}: no such file`);
    expect(JSON.parse(r.stdout.trim()).verdict).toBe('expired');
  });

  it('stdin named twice: read once, as for one read (the second is empty)', () => {
    for (const args of [['--email', TARGET], ['--message', 'PendingMessage00000001']]) {
      const once = sgtrail(['timeline', '--json', ...args, '-'], { input: PENDING });
      const twice = sgtrail(['timeline', '--json', ...args, '-', '-'], { input: PENDING });
      expect(JSON.parse(once.stdout.trim()).verdict).toBe('expired');
      expect(twice.status).toBe(once.status);
      expect(twice.stdout).toBe(once.stdout);
    }
  });

  it('with nowhere to keep a copy, stdin is read once, whole: the same timeline', () => {
    const { fromFile, fromStdin } = bothWays(['timeline', '--json', '--email', TARGET], PENDING, { TMPDIR: join(tmp, 'no-such-dir') });
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });
});

describe.skipIf(spawnSync('bash', ['-c', 'true']).status !== 0)('timeline on a pipe given by name (bash process substitution)', () => {
  it('reads as on a file, again from its copy when needed', () => {
    const path = file('pipe-source.log', PENDING);
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" timeline --json --email ${TARGET} <(cat "${path}")`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: ENV,
    });
    const fromFile = sgtrail(['timeline', '--json', '--email', TARGET, path]);
    const name = /"source":"([^"]+):\d+"/.exec(run.stdout)?.[1] as string;
    expect(name).toMatch(/^\/dev\/fd\/\d+$|^\/proc\//);
    expect(run.status).toBe(0);
    expect(run.stdout.replaceAll(name, path)).toBe(fromFile.stdout);
    expect(JSON.parse(run.stdout.trim()).verdict).toBe('expired');
    // The broken line is reported: the second read was a whole one, of the copy.
    expect(fromFile.stderr).toContain(`${path}:3`);
    // (bash may add lines of its own, from its start-up files.)
    const ours = (text: string) => text.split('\n').filter((l) => l.startsWith('sgtrail:'));
    expect(ours(run.stderr.replaceAll(name, path))).toEqual(ours(fromFile.stderr));
  });
});

/** runTimeline in-process on stdin; by default its copies cannot be written (a full disk). */
async function inProcess(
  input: string | Readable,
  filter: Partial<MessageFilter>,
  makeSpool = () => new Spool(() => openSync('/dev/full', 'w')),
): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const sink = (add: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        add(chunk.toString());
        done();
      },
    });
  const io = { stdin: typeof input === 'string' ? Readable.from([Buffer.from(input)]) : input, stdout: sink((t) => (out += t)), stderr: sink((t) => (err += t)), env: {}, now: () => 0 };
  const code = await runTimeline(
    {
      files: [],
      strict: false,
      quiet: false,
      lang: 'en',
      filter: { ...emptyFilter(), ...filter },
      attachWindow: 7 * 24 * 3600,
      output: { json: true, tty: false, color: false, tz: () => 'UTC', redact: false, width: 100, lang: 'en' },
    },
    io,
    makeSpool,
  );
  return { out, err, code };
}

describe('stdin that fails part-way', () => {
  it('the second read meets the same failure after the same bytes: the timeline of what was read, exit 3', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${PENDING}\n`);
      throw Object.assign(new Error('read EIO'), { code: 'EIO' });
    }
    const r = await inProcess(Readable.from(failing()), { emails: [TARGET] }, () => new Spool());
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out.trim()).verdict).toBe('expired');
    expect(r.err).toContain('cannot read stdin: read EIO');
  });
});

describe.skipIf(!existsSync('/dev/full'))('a copy of stdin that cannot be kept (a full disk)', () => {
  it('no second read is needed: the lookup is whole, exit 0', async () => {
    const r = await inProcess(DELIVERED, { emails: [TARGET] });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.trim()).verdict).toBe('delivered');
    expect(r.err).not.toContain('no room');
  });

  it('a deferral with no outcome: the timeline is shown, judged on the lines read, and stdin is named as not read again (exit 3)', async () => {
    const r = await inProcess(PENDING, { emails: [TARGET] });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out.trim()).email).toBe(TARGET);
    expect(r.err).toContain('cannot read stdin: its copy for a second read could not be kept (ENOSPC)');
    expect(r.err).toContain('give the log by its file name, or set TMPDIR to a directory with room');
  });

  it('--message ID alone: the address cannot be looked up, and the run says why (exit 3)', async () => {
    const r = await inProcess(PENDING, { messages: ['PendingMessage00000001'] });
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toContain('cannot read stdin: its copy for a second read could not be kept (ENOSPC)');
  });
});
