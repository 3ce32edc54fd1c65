import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ndjson, sgtrail } from '../helpers/cli.js';
import { englishWords } from '../i18n/english-words.js';
import { VERDICTS } from '../../src/verdict/verdicts.js';
import { displayWidth } from '../../src/common/width.js';

/**
 * `--lang ja` end to end: the story told in Japanese, every verdict's sentence and evidence, the
 * report in markdown and HTML, stderr notes and usage errors with no English left; machine output
 * (JSON, TSV, CSV) byte for byte the same in both languages.
 */

const JA = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('timeline --lang ja on the story', () => {
  const r = sgtrail(['timeline', '--lang', 'ja', '--email', 'sample-1@***.com', 'samples/story.log']);
  const lines = r.stdout.split('\n');

  it('tells the story in Japanese: accepted at 09:05:16, the bounce 4分36秒 later is about the forward target', () => {
    expect(r.status).toBe(0);
    // samples/story.log: delivered 09:05:16 (TZ=UTC), bounce 09:09:52 naming sample-2@***.com ("Mailbox full").
    const sentence = lines.find((l) => l.includes('宛てのメールは')) ?? '';
    expect(sentence).toContain('sample-1@***.com 宛てのメールは 2026-11-18 09:05:16 UTC に受信側サーバーに受け付けられ');
    expect(sentence).toContain('4分36秒後');
    expect(sentence).toContain('転送先の sample-2@***.com');
    expect(sentence).toContain('メールボックスの容量超過');
    expect(sentence).toContain('メールが届いています');
    expect(sentence).toMatch(/です。|ます。/);
    expect(lines).toContain('  判定: 転送先のバウンス (forwarded-bounce)  (エラーメール一覧に載ります)');
  });

  it('names events with the SendGrid Japan terms, the identifier beside them, and durations in 分/秒', () => {
    expect(r.stdout).toContain('配信済み(delivered)');
    expect(r.stdout).toContain('バウンス(bounce)');
    expect(r.stdout).toContain('開封(open)');
    expect(r.stdout).toContain('+4分36秒');
    expect(r.stdout).toContain('(配信済みの4分36秒後)');
    expect(r.stderr).toBe('sgtrail: 重複イベント 1件を除去しました\n');
  });

  it('shows times in the --tz zone with its abbreviation', () => {
    const tokyo = sgtrail(['timeline', '--lang', 'ja', '--tz', 'Asia/Tokyo', '--email', 'sample-1@***.com', 'samples/story.log']);
    expect(tokyo.stdout).toContain('2026-11-18 18:05:16 JST に受信側サーバーに受け付けられ');
    const offsetOnly = sgtrail(['timeline', '--lang', 'ja', '--tz', 'Asia/Kolkata', '--email', 'sample-1@***.com', 'samples/story.log']);
    expect(offsetOnly.stdout).toContain('2026-11-18 14:35:16 +05:30 に');
  });
});

describe('every verdict in Japanese (samples/day.log)', () => {
  const messages = ndjson(sgtrail(['messages', '--json', '-q', 'samples/day.log']).stdout);
  const pick = VERDICTS.map((v) => messages.find((m) => m['verdict'] === v && m['contradictory'] === false) as Record<string, unknown>);

  it.each(VERDICTS.map((v, i) => [v, i] as const))('%s: sentence and evidence have no English words', (verdict, i) => {
    const m = pick[i] as Record<string, unknown>;
    expect(m, verdict).toBeDefined();
    const r = sgtrail(['timeline', '--lang', 'ja', '-q', '--email', m['email'] as string, 'samples/day.log']);
    // The verdict lines close the timeline: `判定: …`, the sentence, then `- evidence`.
    // Only this message's block (an address can have several messages).
    const out = r.stdout.split('\n');
    const ids = [m['message_id'], m['sg_message_id']].filter((x): x is string => typeof x === 'string');
    const start = out.findIndex((l) => !l.startsWith(' ') && ids.some((id) => l.includes(id)));
    const from = out.findIndex((l, i) => i > start && l.startsWith('  判定: '));
    const end = out.findIndex((l, i) => i > from && !l.startsWith('  '));
    const closing = out.slice(from, end < 0 ? undefined : end).filter((l) => l.length > 0);
    expect(closing[0]).toContain(`(${verdict})`);
    expect(closing.length).toBeGreaterThanOrEqual(2);
    const data = [m['email'], m['reason'], m['forward_to'], m['bad_address'], m['message_id']].filter((x): x is string => typeof x === 'string');
    for (const line of closing) {
      expect(line).toMatch(JA);
      expect(englishWords(line, data), line).toEqual([]);
    }
  });

  it('a contradictory test POST is said to be one, in Japanese', () => {
    const r = sgtrail(['timeline', '--lang', 'ja', '-q', '--email', 'example@test.com', 'test/fixtures/real/stronggrid--test-your-integration.json']);
    expect(r.stdout).toContain('example@test.com のイベントは互いに矛盾しているため、判定を信頼できません。');
  });
});

/** Markdown: text from the log is in code spans; what is left is ours. */
function markdownWords(md: string): string[] {
  return englishWords(md.replace(/`[^`]*`/g, ' ').replace(/\|/g, ' ').replace(/\\/g, ''));
}

/** HTML: log text is in `td.log` cells and `code`; tags, attributes and the style sheet are not words. */
function htmlWords(html: string): string[] {
  const text = html
    .replace(/<style>[\s\S]*?<\/style>/, ' ')
    .replace(/<td class="log[^"]*">[\s\S]*?<\/td>/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<span class="v [^"]*">[\s\S]*?<\/span>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
  return englishWords(text);
}

describe('report --lang ja', () => {
  it.each([
    ['samples/day.log', []],
    ['samples/day.log', ['--fail-on', 'failed>1%,spamreport>0', '--errors', '--top', '3']],
    ['samples/day.log', ['--email', 'sample-1@***.com', '--message', 'x', '--since', '2026-11-16', '--until', '2026-11-19', '--verdict', 'bounced,blocked']],
    ['test/fixtures/real/stronggrid--test-your-integration.json', []],
  ])('%s %j: markdown and HTML hold no English words of ours', (file, extra) => {
    const md = sgtrail(['report', '--lang', 'ja', '--format', 'markdown', ...extra, file]);
    expect(md.stdout).toMatch(/^# sgtrail レポート/);
    expect(markdownWords(md.stdout)).toEqual([]);
    expect(englishWords(md.stderr, [file])).toEqual([]);
    const html = sgtrail(['report', '--lang', 'ja', '--format', 'html', ...extra, file]);
    expect(html.stdout).toContain('<html lang="ja">');
    expect(htmlWords(html.stdout)).toEqual([]);
  });

  it('the plain text report names every section in Japanese', () => {
    const r = sgtrail(['report', '--lang', 'ja', '--fail-on', 'failed>1%', 'samples/day.log']);
    const titles = r.stdout.split('\n').filter((l) => /^# \S/.test(l) && !l.startsWith('# sgtrail'));
    expect(titles.length).toBeGreaterThan(10);
    for (const t of titles) expect(t, t).toMatch(JA);
    expect(r.stderr).toContain('--fail-on failed>1% が成立: メッセージ 300件のうち 39件(13.0%)が failed');
  });
});

describe('stderr and usage errors in Japanese', () => {
  it.each<[string, string[], number]>([
    ['no selection', ['timeline', 'samples/day.log'], 2],
    ['bad verdict', ['messages', '--verdict', 'nope', 'samples/day.log'], 2],
    ['bad duration', ['messages', '--attach-window', 'soon', 'samples/day.log'], 2],
    ['bad time', ['messages', '--since', 'soon', 'samples/day.log'], 2],
    ['bad zone', ['messages', '--tz', 'Mars/Olympus', 'samples/day.log'], 2],
    ['bad top', ['report', '--top', '0', 'samples/day.log'], 2],
    ['bad fail-on', ['report', '--fail-on', 'nope>1', 'samples/day.log'], 2],
    ['retain without follow', ['messages', '--retain', '9d', 'samples/day.log'], 2],
    ['unknown option', ['report', '--bogus', 'samples/day.log'], 2],
    ['invalid choice', ['report', '--format', 'pdf', 'samples/day.log'], 2],
    ['option without value', ['report', 'samples/day.log', '--tz'], 2],
    ['unknown command', ['lsit'], 2],
    ['missing argument', ['completion'], 2],
    ['bad shell', ['completion', 'tcsh'], 2],
    ['sql dialect', ['sql', '--dialect', 'oracle'], 2],
    ['missing file', ['messages', 'no-such.log'], 3],
    ['nothing found', ['timeline', '--email', 'nobody@example.invalid', 'samples/story.log'], 1],
    ['empty window', ['messages', '--since', '2030-01-01', 'samples/day.log'], 0],
    ['strict', ['messages', '--strict'], 4],
  ])('%s', (_name, args, status) => {
    const r = sgtrail(args, { env: { SGTRAIL_LANG: 'ja' }, input: '{"a":1}\n{"event":\n' });
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(JA);
    const data = args.slice(1).filter((a) => !a.startsWith('--'));
    expect(englishWords(r.stderr, data), r.stderr).toEqual([]);
  });

  it('the environment chooses the language when --lang is not given; --lang wins', () => {
    const env = { LANG: 'ja_JP.UTF-8' };
    expect(sgtrail(['timeline', 'samples/day.log'], { env }).stderr).toContain('timeline には --email ADDR か --message ID の指定が必要です');
    expect(sgtrail(['timeline', 'samples/day.log'], { env: { ...env, SGTRAIL_LANG: 'en' } }).stderr).toContain('timeline needs --email ADDR');
    expect(sgtrail(['timeline', '--lang', 'en', 'samples/day.log'], { env }).stderr).toContain('timeline needs --email ADDR');
    expect(sgtrail(['timeline', '--lang', 'ja', 'samples/day.log']).stderr).toContain('timeline には');
  });

  it('an unknown --lang is a usage error, said in the language the environment gives', () => {
    const r = sgtrail(['messages', '--lang', 'fr', 'samples/day.log']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--lang "fr": ja or en');
  });
});

describe('--help --lang ja', () => {
  it.each([[['--help']], [['report', '--help']], [['messages', '--help']], [['timeline', '--help']], [['sql', '--help']], [['explain', '--help']], [['events', '--help']], [['completion', '--help']]])(
    '%j: headings, descriptions and notes in Japanese, wrapped within 80 columns',
    (args) => {
      const r = sgtrail([...args, '--lang', 'ja']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^使い方: sgtrail/);
      expect(r.stdout).toContain('オプション:');
      // The usage line's `[options]`, `[command]` and `[FILE...]` are syntax, not words.
      const text = r.stdout.replace(/\[(options|command)\]|help \[command\]/g, ' ');
      expect(englishWords(text, ['X-Message-Id', 'Message-ID', 'Name'])).toEqual([]);
      for (const line of r.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    },
  );
});

describe('explain --lang ja', () => {
  it('classifies, says permanence, address and hint in Japanese; the forward-target advice too', () => {
    const reason = '550 5.1.1 <other@example.net>: Recipient address rejected: User unknown';
    const r = sgtrail(['explain', '--lang', 'ja', reason, 'Bounced Address']);
    expect(r.stdout).toContain('分類: user-unknown: 宛先のメールボックスが存在しない');
    expect(r.stdout).toContain('恒久性: 恒久的(5.1.1)');
    expect(r.stdout).toContain('アドレス: 無効');
    expect(r.stdout).toContain('対処: 以前のバウンスでアドレスがバウンスリストに登録されています。');
    expect(englishWords(r.stdout, [reason, 'Bounced Address'])).toEqual([]);
    const forward = sgtrail(['explain', '--lang', 'ja', '--recipient', 'a@example.jp', '452 4.2.2 <b@example.jp> mailbox full']);
    expect(forward.stdout).toContain('転送先: b@example.jp');
    expect(forward.stdout).toContain('対処: 受信者はそのままで問題ありません。');
  });
});

describe('review findings (each failed before its fix)', () => {
  it('--lang before the command, and on completion', () => {
    expect(sgtrail(['--lang', 'ja', 'timeline', 'samples/day.log']).stderr).toContain('timeline には --email ADDR');
    expect(sgtrail(['completion', 'tcsh', '--lang', 'ja']).stderr).toContain('bash、zsh、fish のいずれかを指定してください');
  });

  it('stderr times in Japanese are in the --tz zone with its abbreviation; English keeps ISO UTC', () => {
    // samples/day.log: one account_status_change at 2026-11-18T13:57:30Z.
    expect(sgtrail(['messages', '--lang', 'ja', '--tz', 'Asia/Tokyo', 'samples/day.log']).stderr).toContain('reactivate(1件、2026-11-18 22:57:30 JST)');
    expect(sgtrail(['messages', '--tz', 'Asia/Tokyo', 'samples/day.log']).stderr).toContain('(1 event, at 2026-11-18T13:57:30Z)');
    const window = sgtrail(['messages', '--lang', 'ja', '--since', '2030-01-01', 'samples/day.log']).stderr;
    expect(window).toContain('2030-01-01 00:00:00 UTC から 入力の最後');
    expect(window).toContain('入力の範囲は 2026-11-15 04:17:11 UTC から 2026-11-19 07:47:59 UTC です');
  });

  it("a damaged gzip is named by zlib's code, not its English message", () => {
    const gz = readFileSync('samples/day.log.gz');
    const r = sgtrail(['messages', '--lang', 'ja', '-'], { input: gz.subarray(0, 300) });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/stdin を読み込めません: gzip データが壊れています\(Z_[A-Z_]+\)/);
  });

  it('the share in a --fail-on note is written the Japanese way', () => {
    expect(sgtrail(['report', '--lang', 'ja', '--json', '--fail-on', 'failed>1%', 'samples/day.log']).stderr).toContain('39件(13.0%)が failed');
  });

  it('the categories table names messages without a category in Japanese', () => {
    const md = sgtrail(['report', '--lang', 'ja', '--format', 'markdown', 'samples/day.log']).stdout;
    expect(md).toContain('| `(なし)` |');
    expect(md).not.toContain('(none)');
  });

  it("commander's too-many-arguments message is unchanged in English", () => {
    expect(sgtrail(['completion', 'bash', 'zsh']).stderr).toContain("sgtrail: too many arguments for 'completion'. Expected 1 argument but got 2.");
    expect(sgtrail(['completion', 'bash', 'zsh', '--lang', 'ja']).stderr).toContain('completion の引数が多すぎます: 1個のところ 2個あります');
  });
});

describe('machine output does not change with the language', () => {
  it.each([
    [['messages', '--json', 'samples/day.log']],
    [['messages', 'samples/day.log']],
    [['timeline', '--json', '--email', 'sample-1@***.com', 'samples/story.log']],
    [['report', '--format', 'json', 'samples/day.log']],
    [['report', '--format', 'csv', 'samples/day.log']],
    [['events', 'samples/day.log']],
    [['explain', '--json', '550 5.1.1 <x@example.com>: user unknown']],
    [['messages', '--json', '--tz', 'Asia/Tokyo', 'samples/day.log']],
    [['messages', '--tz', 'Asia/Tokyo', 'samples/day.log']],
  ])('%j', (args) => {
    const en = sgtrail([...args, '--lang', 'en', '-q'].filter((a) => a !== '-q' || args[0] !== 'explain'));
    const ja = sgtrail([...args, '--lang', 'ja', '-q'].filter((a) => a !== '-q' || args[0] !== 'explain'));
    expect(ja.status).toBe(en.status);
    expect(ja.stdout).toBe(en.stdout);
    expect(ja.stdout.length).toBeGreaterThan(0);
  });
});
