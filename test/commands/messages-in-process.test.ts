import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { emptyFilter, type MessageFilter } from '../../src/verdict/select.js';
import { runMessages } from '../../src/commands/messages.js';

/** runMessages in-process with stdout a "terminal", to reach the table branch the CLI tests cannot. */
async function table(filter: Partial<MessageFilter>, lang: 'en' | 'ja' = 'en'): Promise<{ out: string; code: number }> {
  let out = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        out += chunk.toString();
        done();
      },
    }),
    { isTTY: true, columns: 200 },
  );
  const io = {
    stdin: Readable.from([]),
    stdout,
    stderr: new Writable({ write: (_c, _e, done) => done() }),
    env: {},
    now: () => 0,
  };
  const code = await runMessages(
    {
      files: ['samples/day.log'],
      strict: false,
      quiet: true,
      lang,
      filter: { ...emptyFilter(), ...filter },
      attachWindow: 7 * 24 * 3600,
      output: { json: false, tty: true, color: false, tz: () => 'UTC', redact: false, width: 200, lang },
    },
    io,
  );
  return { out, code };
}

describe('messages on a terminal', () => {
  it('puts every selected message in one table', async () => {
    const manifest = readFileSync('samples/day.expected.tsv', 'utf8').trim().split('\n').slice(1);
    const forwarded = manifest.filter((l) => l.split('\t')[3] === 'forwarded-bounce').length;
    expect(forwarded).toBeGreaterThan(3);
    const { out, code } = await table({ verdicts: ['forwarded-bounce'] });
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => l.includes('forwarded-bounce'))).toHaveLength(forwarded);
    expect(out).toContain('First event');
  });

  it('says so when nothing matches', async () => {
    const { out, code } = await table({ emails: ['nobody@example.invalid'] });
    expect(code).toBe(1);
    expect(out).toBe('no messages match\n');
  });

  it('in Japanese: the table headers, and the note when nothing matches', async () => {
    const { out } = await table({ verdicts: ['forwarded-bounce'] }, 'ja');
    expect(out).toContain('最初のイベント');
    expect(out).toContain('配信時刻');
    expect((await table({ emails: ['nobody@example.invalid'] }, 'ja')).out).toBe('一致するメッセージはありません\n');
  });
});
