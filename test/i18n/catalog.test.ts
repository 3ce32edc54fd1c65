import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, langFromEnv, type Catalog } from '../../src/i18n/catalog.js';
import { englishDuration, japaneseDuration } from '../../src/i18n/durations.js';
import { DROP_KINDS } from '../../src/reasons/drop-reasons.js';
import { REASON_CLASSES } from '../../src/reasons/types.js';
import { SKIP_KIND_NAMES } from '../../src/events/accounting.js';
import { VERDICTS } from '../../src/verdict/verdicts.js';
import { englishWords } from './english-words.js';

/**
 * Every entry of the catalogue, rendered in both languages. The sample arguments are typed
 * against the catalogue: a sentence added to it without samples here does not compile, so no
 * entry escapes this test. Japanese output may keep only identifiers, names and data in Latin
 * letters (english-words.ts).
 */
type Fn = (...args: never[]) => unknown;
type FnKeys<T> = { [K in keyof T]: T[K] extends Fn ? K : never }[keyof T];
type ObjKeys<T> = { [K in keyof T]: T[K] extends Fn ? never : T[K] extends string | number | boolean ? never : K }[keyof T];
type Samples<T> = { [K in FnKeys<T>]: T[K] extends (...args: infer A) => unknown ? A[] : never } & { [K in ObjKeys<T>]: Samples<T[K]> };

const ADDR = 'a1@example.jp';
const TARGET = 't2@example.jp';
const FILE = '/var/log/sg/1.log';
const AT = '2026-11-18 09:05:16 JST';

const SAMPLES: Samples<Catalog> = {
  duration: [[0], [59], [276], [3600], [12_300], [86_400], [273_600]],
  event: [['delivered'], ['bounce'], ['processed'], ['deferred'], ['dropped'], ['open'], ['click'], ['spamreport'], ['unsubscribe'], ['group_unsubscribe'], ['group_resubscribe'], ['account_status_change']],
  verdict: VERDICTS.map((v) => [v]),
  verdictMeaning: {},
  groups: { failed: {}, 'after-delivery': {}, recovered: {}, pending: {}, delivered: {}, other: {} },
  reasonClass: {},
  hints: { forward: [[true], [false]], tables: { classes: {}, transient: {}, drops: {} } },
  sentence: {
    contradictory: [[{ email: ADDR }]],
    'forwarded-bounce': [
      [{ email: ADDR, at: AT, gap: '4分36秒', target: TARGET, why: 'x', bad: null }],
      [{ email: ADDR, at: AT, gap: '4分36秒', target: TARGET, why: null, bad: TARGET }],
    ],
    'engaged-after-bounce': [[{ email: ADDR, at: AT, gap: '1時間' }]],
    'bounce-after-delivery': [[{ email: ADDR, at: AT, gap: '2分', why: 'x' }], [{ email: ADDR, at: AT, gap: '2分', why: null }]],
    'delivered-after-deferral': [[{ email: ADDR, at: AT, deferrals: 1 }], [{ email: ADDR, at: AT, deferrals: 3 }]],
    delivered: [[{ email: ADDR, at: AT }]],
    dropped: [[{ email: ADDR, reason: 'Bounced Address' }], [{ email: ADDR, reason: null }]],
    expired: [[{ email: ADDR, at: AT }], [{ email: ADDR, at: null }]],
    blocked: [[{ email: ADDR, at: AT, why: 'x' }]],
    bounced: [[{ email: ADDR, at: AT, why: 'x', hard: true }], [{ email: ADDR, at: AT, why: null, hard: false }]],
    deferred: [[{ email: ADDR, at: AT, deferrals: 2 }]],
    processed: [[{ email: ADDR, at: AT }]],
    unknown: [[{ email: ADDR }]],
  },
  evidence: {
    bounceAfterDelivery: [[{ bounceType: 'blocked', gap: '4分', target: TARGET, recipient: ADDR }], [{ bounceType: null, gap: '4分', target: null, recipient: ADDR }]],
    engagedAfterBounce: [[{ gap: '4分' }]],
    machineOpensIgnored: [[{ count: 1 }], [{ count: 2 }]],
    deliveredAfterDeferrals: [[{ deferrals: 2, gap: '3時間' }]],
    dropped: [[{ reason: 'Bounced Address' }], [{ reason: null }]],
    bounceAfterDeferrals: [[{ deferrals: 5, bounceType: 'expired', gap: '3日' }]],
    deferralTimedOut: [[{ deferrals: 4, age: '4日' }]],
    bounceNeverDelivered: [[{ bounceType: 'bounce' }], [{ bounceType: null }]],
    deferralPending: [[{ deferrals: 1, age: '2時間' }]],
    engagementOnly: [[{ events: 3 }]],
    contradictory: [[{ events: ['delivered', 'bounce', 'dropped'], sameSecond: true }], [{ events: ['open'], sameSecond: false }]],
    reason: [
      [{ reasonClass: 'mailbox-full', meaning: 'x', permanence: 'permanent', address: 'y' }],
      [{ reasonClass: 'policy', meaning: 'x', permanence: 'temporary', address: 'y' }],
      [{ reasonClass: 'unknown', meaning: 'x', permanence: 'unclear', address: 'y' }],
    ],
    targetBad: [[{ target: TARGET }]],
    aboutTarget: [[{ target: TARGET }]],
  },
  timeline: {
    message: [['T8mFhLcxQe2nRk4VwP3aZg']],
    type: [['blocked']],
    status: [['5.2.2']],
    attempt: [['3']],
    groupChange: [[{ left: true, group: '42' }], [{ left: false, group: null }]],
    duplicatesRemoved: [[1], [4]],
    afterDelivered: [['4分36秒']],
  },
  messagesHead: {},
  live: { forwardedTo: [[TARGET]], message: [['T8mF']] },
  explain: { classIs: [['user-unknown', 'x']], permanent: [['5.1.1'], [null]], transient: [['4.2.2'], [null]], forwardTarget: [[TARGET]], names: [[TARGET]] },
  report: {
    top: [[10, 16]],
    shownOf: [[3, 39]],
    overview: { emails: [[1], [2]], messageIds: [[1], [3]] },
    columns: {},
    headline: { note: [[81, 300]] },
    otherDomains: [[1], [4]],
    otherCategories: [[1], [4]],
    blockedIpsNote: [[1], [9]],
    forwardNote: [[1], [6]],
    input: { bytesValue: [['75.0 kB', 75_000]], skipped: SKIP_KIND_NAMES.map((k) => [k]), skippedValue: [[3, `${FILE}:12`]] },
    account: {},
    feedback: { note: [[243]] },
    failOn: { share: [['5.0', 2, 40]] },
    charts: { perHours: [[1], [3]], timesIn: [['Asia/Tokyo']], count: [['user-unknown', 3, '実際の失敗']], eventKind: [['delivered'], ['other']] },
  },
  notes: {
    skipped: SKIP_KIND_NAMES.flatMap((k) => [[k, 1, `${FILE}:3`] as [typeof k, number, string], [k, 5, `${FILE}:3`] as [typeof k, number, string]]),
    duplicates: [[1], [12]],
    accountChange: [
      [{ type: 'compliance_suspend', count: 1, first: '2026-11-18T13:57:30Z', last: '2026-11-18T13:57:30Z' }],
      [{ type: 'reactivate', count: 2, first: '2026-11-18T13:57:30Z', last: '2026-11-19T01:00:00Z' }],
      [{ type: 'reactivate', count: 1, first: null, last: null }],
    ],
    cannotRead: [[FILE, 'x']],
    problems: { corruptGzip: [[{ detail: 'incorrect header check', code: 'Z_DATA_ERROR' }]] },
    cannotWrite: [['ENOSPC']],
    outOfMemory: [[4096]],
    noMatch: [[`--email ${ADDR}`]],
    outsideWindow: [[1, `--email ${ADDR}`, '2026-11-18T09:05:14Z から 2026-11-18T09:31:41Z'], [3, `--email ${ADDR}`, null]],
    otherVerdicts: [[1, `--email ${ADDR}`], [2, `--email ${ADDR}`]],
    span: [['2026-11-18T09:05:14Z', '2026-11-18T09:31:41Z']],
    emptyWindow: [['2030-01-01T00:00:00Z', null, '2026-11-15T04:17:11Z から 2026-11-19T07:47:59Z'], [null, '2020-01-01T00:00:00Z', null]],
    progress: [['52.3 MB', '210.0 MB', 25, '183,000'], ['1.0 MB', null, null, '1,000']],
    failOnAccount: [['account_status_change>0', 1]],
    failOnFeedback: [['spamreport>1%', 6, 243, '2.5', 'spamreport'], ['spamreport>1%', 0, 0, null, 'spamreport']],
    failOnMessages: [['failed>5%', 39, 300, '13.0', 'failed']],
    follow: { waiting: [[FILE]], appeared: [[FILE]], rotated: [[FILE]], truncated: [[FILE]] },
  },
  help: { commands: {}, arguments: {}, options: { verdict: [[VERDICTS.join(', ')]] }, titles: {} },
  usage: {
    helpHint: [['report'], [null]],
    completionShell: [['tcsh']],
    retainUnderWindow: [['1d']],
    retainUnderExpiry: [['48h']],
    duration: [['--attach-window', 'soon']],
    empty: (['address', 'message-id', 'category', 'domain'] as const).map((w) => ['--email', ' ', w]),
    verdict: [['nope', VERDICTS.join(', ')]],
    sinceAfterUntil: [['2026-11-19', '2026-11-18']],
    top: [['0']],
    twoFormats: [['html']],
    failOnEmpty: [['failed>1,']],
    failOnShape: [['failed']],
    failOnName: [['nope>1', 'nope', { verdicts: 'bounced, blocked', groups: 'failed, pending', feedback: 'spamreport' }]],
    failOnShareOver: [['failed>101%']],
    failOnAccountShare: [['account_status_change>1%']],
    timeRange: [['--since', '99999-01-01']],
    noSuchTime: [['--since', '2026-02-30']],
    timeShape: [['--since', 'soon']],
    zone: [['Mars/Olympus']],
    lang: [['fr']],
    sqlDialect: [['oracle']],
    sqlMissing: [['"x"', 'smtp-id, ip']],
    sqlName: [['7']],
    commander: {
      unknownOption: [['--bogus']],
      unknownCommand: [['lsit']],
      missingArgument: [['SHELL']],
      optionMissingArgument: [['--tz <ZONE>']],
      missingMandatoryOption: [['--dialect <NAME>']],
      excessArguments: [['completion', 1, 2], [null, 2, 3]],
      didYouMean: [['--email', false], ['--email, --message', true]],
      invalidChoice: [['--format <FORMAT>', 'pdf', 'text, markdown, json, csv, html']],
    },
  },
};

/** Every string of a catalogue, each function called with each of its samples: [path, text]. */
function render(node: unknown, samples: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof node === 'string') {
    out.push([path, node]);
    return;
  }
  if (typeof node === 'function') {
    const calls = samples as unknown[][] | undefined;
    expect(calls, `${path} has no samples`).toBeDefined();
    expect((calls as unknown[][]).length, `${path} has no samples`).toBeGreaterThan(0);
    for (const args of calls as unknown[][]) out.push([`${path}(${JSON.stringify(args)})`, String((node as (...a: unknown[]) => unknown)(...args))]);
    return;
  }
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) render(v, (samples as Record<string, unknown> | undefined)?.[k], `${path}.${k}`, out);
  }
}

function rendered(lang: 'en' | 'ja'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  render(catalog(lang), SAMPLES, lang, out);
  return out;
}

const DATA = [ADDR, TARGET, FILE, AT, 'T8mFhLcxQe2nRk4VwP3aZg', 'T8mF', 'smtp-id, ip', 'text, markdown, json, csv, html', 'Bounced Address', 'compliance_suspend', 'Mars/Olympus', 'Z_DATA_ERROR', 'ENOSPC', 'nope', 'soon', 'tcsh', 'lsit', 'pdf', 'fr', 'html', 'Asia/Tokyo'];

describe('the message catalogue', () => {
  const ja = rendered('ja');
  const en = rendered('en');

  it('renders every entry in both languages, the same entries', () => {
    expect(ja.map(([p]) => p.replace(/^ja/, ''))).toEqual(en.map(([p]) => p.replace(/^en/, '')));
    expect(ja.length).toBeGreaterThan(250);
    for (const [path, text] of [...ja, ...en]) expect(text.length, path).toBeGreaterThan(0);
  });

  it.each(rendered('ja'))('%s has no English words', (_path, text) => {
    expect(englishWords(text, DATA)).toEqual([]);
  });

  it('says something different in Japanese than in English, for every sentence', () => {
    const same = ja.filter(([, text], i) => text === en[i]?.[1] && /[a-z]{3}/.test(text));
    // Identifiers rendered as themselves (event and verdict names in English) are the only ones alike.
    expect(same.map(([p]) => p)).toEqual([]);
  });

  it('has Japanese words for every verdict, reason class, hint and drop kind', () => {
    const ja = catalog('ja');
    for (const v of VERDICTS) expect(ja.verdict(v)).toMatch(new RegExp(`[\\u3040-\\u30ff\\u4e00-\\u9fff].* \\(${v}\\)$`));
    for (const c of REASON_CLASSES) {
      expect(ja.reasonClass[c]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(ja.hints.tables.classes[c]).toMatch(/。$/);
    }
    for (const k of DROP_KINDS) expect(ja.hints.tables.drops[k]).toMatch(/。$/);
  });
});

describe('durations', () => {
  it.each<[number, string, string]>([
    [0, '0s', '0秒'],
    [45, '45s', '45秒'],
    [240, '4m', '4分'],
    [276, '4m36s', '4分36秒'],
    [3600, '1h', '1時間'],
    [12_300, '3h25m', '3時間25分'],
    [86_400, '1d', '1日'],
    [273_600, '3d4h', '3日4時間'],
  ])('%i seconds: %s, %s', (seconds, english, japanese) => {
    expect(englishDuration(seconds)).toBe(english);
    expect(japaneseDuration(seconds)).toBe(japanese);
  });
});

describe('the language from the environment', () => {
  it.each<[Record<string, string>, 'en' | 'ja']>([
    [{}, 'en'],
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }, 'ja'],
    [{ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }, 'en'],
    [{ LC_MESSAGES: 'ja_JP', LANG: 'C' }, 'ja'],
    [{ LC_ALL: '', LC_MESSAGES: 'ja', LANG: 'C' }, 'ja'],
    [{ SGTRAIL_LANG: 'en', LANG: 'ja_JP.UTF-8' }, 'en'],
    [{ SGTRAIL_LANG: 'ja', LANG: 'C' }, 'ja'],
    [{ SGTRAIL_LANG: 'jp', LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ SGTRAIL_LANG: 'fr', LANG: 'C' }, 'en'],
  ])('%j → %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });
});

describe('docs/glossary-ja.md', () => {
  const glossary = readFileSync(new URL('../../docs/glossary-ja.md', import.meta.url), 'utf8');
  const ja = catalog('ja');

  it('lists every verdict, event and reason class with the words the catalogue uses', () => {
    for (const v of VERDICTS) {
      const name = ja.verdict(v).replace(` (${v})`, '');
      expect(glossary, v).toContain(`| ${name} | \`${v}\` | ${ja.verdictMeaning[v]} |`);
    }
    for (const e of ['processed', 'deferred', 'delivered', 'bounce', 'dropped', 'open', 'click', 'spamreport', 'unsubscribe', 'account_status_change']) {
      const term = ja.event(e).replace(`(${e})`, '');
      expect(glossary, e).toContain(`| ${term} | \`${e}\` |`);
    }
    for (const c of REASON_CLASSES) expect(glossary, c).toContain(`| \`${c}\` | ${ja.reasonClass[c]} |`);
    for (const [group, words] of Object.entries(ja.groups)) expect(glossary, group).toContain(`| ${words.label} |`);
  });
});

describe('englishWords (the detector the tests above rely on)', () => {
  it.each<[string, string[]]>([
    ['--fail-on: HOLDS (exit 1)', ['HOLDS', 'exit']],
    ['配信済み(delivered)の4分36秒後に bounce', []],
    ['転送先の a@b.example に関するもの', []],
    ['判定: 転送先のバウンス (forwarded-bounce) the mailbox is full', ['the', 'mailbox', 'is', 'full']],
    ['IP の逆引き DNS、SPF と DKIM、FILE か ADDR', []],
    ['Read the whole reply', ['Read', 'the', 'whole', 'reply']],
  ])('%j → %j', (text, words) => {
    expect(englishWords(text)).toEqual(words);
  });
});
