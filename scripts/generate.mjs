#!/usr/bin/env node
/**
 * Deterministic generator of realistic SendGrid Event Webhook logs, for sgtrail's samples, tests
 * and benchmark. Plain Node >= 20 ESM, no dependencies.
 *
 *   node scripts/generate.mjs --messages N --seed S --framing ndjson|array|pretty|mixed
 *        [--start ISO] [--out FILE] [--gzip] [--manifest FILE]
 *
 * Every recipient message gets an INTENDED verdict (docs/rules.md#verdicts) and events built so that the rules
 * (§4 normalization, §5 grouping and async-bounce attachment, §6 verdict table, §8 forward targets)
 * produce exactly that verdict. The manifest (TSV, or `generate()`'s return value / `onMessage`)
 * records the intent so a test can compare it with what sgtrail says.
 *
 * Pipeline: plan (who gets what, when) → build each message's events in start order → transport
 * (webhook delay, duplicates, per-server POST batches) → framing (NDJSON, arrays, log lines...).
 * Only messages still "in flight" are held in memory; output is streamed in ~1 MiB chunks.
 *
 * Three independent PRNG streams (content, transport, framing) keep the same seed producing the same
 * events in the same arrival order whatever the framing, so `day.log` and `day.ndjson` agree.
 */
import { createWriteStream, openSync, writeSync, closeSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

// ───────────────────────────────────────────────────────────────────────────── PRNG

/** cyrb128: string → four 32-bit words, to seed sfc32 from any seed string. */
function seedWords(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * sfc32 has 128 bits of state. A 32-bit generator (mulberry32) would be too small here: with
 * ~500k random 22-character IDs its state space makes repeated IDs likely (birthday bound).
 */
class Rng {
  constructor(seed, stream) {
    [this.a, this.b, this.c, this.d] = seedWords(`${seed}\u0000${stream}`);
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** [0, 1) */
  float() {
    return this.u32() / 4294967296;
  }
  /** integer in [lo, hi], both inclusive */
  int(lo, hi) {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  chance(p) {
    return this.float() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.float() * arr.length)];
  }
  /** pairs: [[value, weight], ...] */
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.float() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LAST_B64 = 'AQgw'; // the 22nd char of base64 over 16 bytes only holds 2 bits, as in real IDs

/** 22-char base64url of 16 random bytes: the shape of X-Message-Ids and sg_event_ids. */
function id22(rng) {
  let s = '';
  for (let w = 0; w < 4; w++) {
    let x = rng.u32();
    for (let k = 0; k < 5 && s.length < 21; k++) {
      s += B64URL[x & 63];
      x >>>= 6;
    }
  }
  while (s.length < 21) s += B64URL[rng.u32() & 63];
  return s + LAST_B64[rng.u32() & 3];
}

function hex(rng, n, upper = false) {
  let s = '';
  while (s.length < n) s += rng.u32().toString(16).padStart(8, '0');
  s = s.slice(0, n);
  return upper ? s.toUpperCase() : s;
}

function alnum(rng, n) {
  const chars = 'bcdfghjklmnpqrstvwxz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[rng.u32() % chars.length];
  return s;
}

// ───────────────────────────────────────────────────────────────────────────── constants

export const VERDICTS = [
  'forwarded-bounce',
  'engaged-after-bounce',
  'bounce-after-delivery',
  'delivered-after-deferral',
  'delivered',
  'dropped',
  'expired',
  'blocked',
  'bounced',
  'deferred',
  'processed',
  'unknown',
];

/** Share of each verdict in a generated log: mostly delivered, a little of everything else. */
const VERDICT_MIX = {
  delivered: 0.726,
  'delivered-after-deferral': 0.06,
  'bounce-after-delivery': 0.02,
  'forwarded-bounce': 0.015,
  'engaged-after-bounce': 0.008,
  dropped: 0.04,
  bounced: 0.04,
  blocked: 0.03,
  expired: 0.015,
  deferred: 0.015,
  processed: 0.015,
  unknown: 0.01,
};

/** Verdicts whose ID-less bounce must be attached by email: their address is kept unique. */
const ASYNC_BOUNCE = new Set(['forwarded-bounce', 'engaged-after-bounce', 'bounce-after-delivery']);
/** Verdicts that may share one send request (X-Message-Id) with other recipients. */
const MULTI_OK = new Set([
  'delivered',
  'delivered-after-deferral',
  'bounce-after-delivery',
  'forwarded-bounce',
  'engaged-after-bounce',
  'dropped',
  'blocked',
  'bounced',
]);

const H = 3600;
const DAY = 24 * H;

const GIVEN = [
  'taro', 'hanako', 'yuki', 'kenji', 'sakura', 'hiroshi', 'aiko', 'daisuke', 'emi', 'takumi',
  'yui', 'shota', 'mai', 'ryo', 'naoko', 'kazuki', 'miho', 'satoshi', 'haruka', 'kenta',
  'john', 'emma', 'olivia', 'liam', 'noah', 'ava', 'mia', 'lucas', 'sophia', 'james',
  'wei', 'min', 'jiho', 'seo', 'anna', 'david', 'maria', 'chen', 'priya', 'omar',
];
const FAMILY = [
  'sato', 'suzuki', 'takahashi', 'tanaka', 'watanabe', 'ito', 'yamamoto', 'nakamura', 'kobayashi',
  'kato', 'yoshida', 'yamada', 'sasaki', 'yamaguchi', 'matsumoto', 'inoue', 'kimura', 'hayashi',
  'smith', 'johnson', 'brown', 'garcia', 'miller', 'davis', 'wilson', 'moore', 'taylor',
  'kim', 'lee', 'park', 'wang', 'li', 'zhang', 'nguyen', 'patel', 'silva',
];

/** Recipient domains and their weight; `kind` picks realistic SMTP replies. */
const DOMAINS = [
  ['gmail.com', 27, 'gmail'],
  ['outlook.com', 7, 'microsoft'],
  ['hotmail.com', 5, 'microsoft'],
  ['yahoo.com', 5, 'yahoo'],
  ['icloud.com', 7, 'icloud'],
  ['docomo.ne.jp', 9, 'carrier'],
  ['ezweb.ne.jp', 5, 'carrier'],
  ['softbank.ne.jp', 4, 'carrier'],
  ['example.com', 6, 'company'],
  ['example.co.jp', 8, 'company'],
  ['mail.example.net', 4, 'company'],
  ['corp.example.org', 4, 'company'],
  ['tokyo.example.ne.jp', 3, 'company'],
  ['example.jp', 6, 'company'],
];
const DOMAIN_PAIRS = DOMAINS.map(([d, w]) => [d, w]);
const DOMAIN_KIND = Object.fromEntries(DOMAINS.map(([d, , k]) => [d, k]));
const TYPO_DOMAINS = ['gmial.com', 'gmai.com', 'yahooo.com', 'hotmial.com', 'docomo.ne.jb', 'exmaple.co.jp'];
/** Where forwarded mail goes: mostly free mailboxes, sometimes another company. */
const FORWARD_DOMAINS = ['gmail.com', 'outlook.com', 'icloud.com', 'yahoo.co.jp', 'example.net', 'docomo.ne.jp', 'ezweb.ne.jp', 'example.org'];

const SENDER_DOMAIN = 'shop.example.com';
const SENDING_IPS = ['167.89.101.76', '167.89.118.42', '149.72.154.12', '149.72.201.88', '168.245.32.9', '168.245.77.130'];
const SMTP_HOSTS = ['geopod-ismtpd-3-12', 'geopod-ismtpd-1-7', 'geopod-ismtpd-5-3', 'ismtpd0178p1mdw1.sendgrid.net', 'ismtpd0039p1iad1.sendgrid.net'];
const FILTER_DEPLOYS = ['canary-547b64655b', '7bc86b958d', '756b745b58', '5f9c8d6b7c', '64d4f8b9d5'];

const TENANTS = Array.from({ length: 40 }, (_, i) => `t-${String(1000 + i * 37).padStart(5, '0')}`);
const TRANSACTIONAL_CATEGORIES = ['password_reset', 'order_confirmation', 'shipping_notice', 'login_alert', 'invoice', 'welcome'];
const CAMPAIGNS = [
  ['2026-11-black-friday', 'ブラックフライデー先行セール'],
  ['weekly-digest-47', '週刊ダイジェスト 第47号'],
  ['winter-collection', '冬の新作コレクション'],
  ['points-expiry-reminder', 'ポイント失効のお知らせ'],
  ['app-launch-nov', 'New app: order in two taps'],
];

const USER_AGENTS_HUMAN = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  'Mozilla/5.0 (Linux; Android 14; SH-51D) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.107 Mobile Safari/537.36',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18025; Pro)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
];
/** Apple Mail Privacy Protection and scanners fetch the pixel without a human. */
const USER_AGENTS_MACHINE = ['Mozilla/5.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)'];
const CLICK_URLS = [
  'https://shop.example.com/orders/{n}?utm_source=sendgrid&utm_medium=email',
  'https://shop.example.com/sale/black-friday?utm_campaign=2026-11-black-friday',
  'https://shop.example.com/account/password/reset?token={h}',
  'https://help.example.com/articles/{n}-shipping-times',
  'https://shop.example.com/unsubscribe/preferences?u={h}',
];

const DROP_REASONS = ['Bounced Address', 'Unsubscribed Address', 'Spam Reporting Address', 'Invalid', 'Bounced Address', 'Unsubscribed Address'];

/** Deferral responses by recipient kind ({ip} = sending IP). */
const DEFER_RESPONSES = {
  gmail: [
    '450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. For more information, go to https://support.google.com/mail/?p=ReceivingRate d9443c01a7336-{g} - gsmtp',
    '421 4.7.28 Gmail has detected an unusual rate of mail originating from your IP address. To protect our users from spam, mail has been temporarily rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError {g} - gsmtp',
  ],
  microsoft: [
    '451 4.7.500 Server busy. Please try again later from [{ip}]. (S77714) [TYZPR01MB{n}.jpnprd01.prod.outlook.com 2026-11-18T00:00:00.000Z 08DD0A1B2C3D4E5F]',
    '421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel',
  ],
  yahoo: [
    '421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
  ],
  icloud: ['421 4.7.0 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137'],
  carrier: ['421 4.7.0 Too many connections from {ip}, try again later', '450 4.7.1 Temporarily rejected, try again later'],
  company: [
    'unable to get mx info: failed to get IPs from PTR record: lookup <nil>: unrecognized address',
    '451 4.7.1 Greylisted, please try again in 300 seconds',
    '452 4.3.1 Insufficient system storage',
  ],
  any: ['Email was deferred due to the following reason(s): [IPs were throttled by recipient server]'],
};

/** Synchronous blocks (type blocked, never delivered). No other address in them. */
const BLOCK_REASONS = [
  ['550 5.7.1 Service unavailable, Client host [{ip}] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/{ip} (AS3130) [TYZPR01MB{n}.jpnprd01.prod.outlook.com]', '5.7.1', 'Reputation'],
  ["550-5.7.26 Unauthenticated email from shop.example.com is not accepted due to domain's DMARC policy. Please contact the administrator of shop.example.com domain if this was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection {g} - gsmtp", '5.7.26', 'Technical'],
  ['550-5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked. https://support.google.com/mail/?p=UnsolicitedIPError {g} - gsmtp', '5.7.1', 'Reputation'],
  ['553 5.7.2 [TSS09] All messages from {ip} will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes', '5.7.2', 'Reputation'],
  ["550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.", '5.7.1', 'Reputation'],
  ['552-5.2.2 The recipient\'s inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm {g} - gsmtp', '5.2.2', 'Mailbox Unavailable'],
  ['554 5.7.1 Message rejected because of the recipient domain reception setting', '5.7.1', 'Content'],
];

/** Synchronous hard bounces (type bounce, never delivered). Some name the recipient itself. */
const HARD_BOUNCE_REASONS = [
  ["550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser {g} - gsmtp", '5.1.1'],
  ['550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [TYZPR01MB{n}.jpnprd01.prod.outlook.com]', '5.5.0'],
  ["554 delivery error: dd Sorry your message to {email} cannot be delivered. This mailbox is disabled (554.30). - mta4011.mail.gq1.yahoo.com", '5.0.0'],
  ['550 5.1.1 <{email}>: user does not exist', '5.1.1'],
  ['550 Unknown user {email}', '5.0.0'],
  ['550 5.1.1 <{email}>: Recipient address rejected: User unknown in virtual mailbox table', '5.1.1'],
];

/** Asynchronous bounces with no address in them (or only the recipient's own). */
const ASYNC_PLAIN = [
  ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', '5.1.10', 'bounce'],
  ['Delayed Bounce - Unable to Parse Server Reason', '5.0.0', 'bounce'],
  ['552 5.2.2 Mailbox full', '5.2.2', 'blocked'],
  ['550 5.7.1 Message rejected as spam by Content Filtering.', '5.7.1', 'blocked'],
  ['554 5.4.14 Hop count exceeded - possible mail loop ATTR34 [TYZPR01MB{n}.jpnprd01.prod.outlook.com]', '5.4.14', 'blocked'],
  ['550 5.2.1 Mailbox disabled, not accepting messages', '5.2.1', 'bounce'],
];
const ASYNC_SELF = [
  ['550 5.1.1 <{self}>: Recipient address rejected: User unknown in local recipient table', '5.1.1', 'bounce'],
  ['The email account that you tried to reach ({self}) is disabled.', '5.2.1', 'bounce'],
  ['552 5.2.2 {self}: mailbox is full', '5.2.2', 'blocked'],
];
/**
 * Addresses that docs/rules.md#forward-targets says are never forward targets. They make bounce-after-delivery messages
 * that a too-eager address matcher would wrongly call forwarded-bounce.
 */
const ASYNC_TRAPS = {
  postmaster: ['550 5.7.1 Message rejected by local policy after acceptance. If you believe this is an error, contact postmaster@{domain}.', '5.7.1', 'blocked'],
  verp: ['550 5.7.1 Delivery not authorized, message refused: MAIL FROM:<bounces+4821977-{h4}-{local}={domain}@em4821.shop.example.com>', '5.7.1', 'blocked'],
  messageid: ['554 5.7.0 Message-ID <{xmid}@ismtpd0178p1mdw1.sendgrid.net> rejected after delivery by content policy', '5.7.0', 'blocked'],
  url: ['550 5.7.1 Rejected by recipient policy; see https://mailhelp.example.net/unblock?sender=noreply@shop.example.com for details', '5.7.1', 'blocked'],
  sender: ['550 5.7.1 Sender noreply@shop.example.com rejected by recipient mailbox rules', '5.7.1', 'blocked'],
};

/**
 * Forwarded bounces: {t} is the forwarding target, always in a recipient position (docs/rules.md#forward-targets). The
 * third column keeps the wording plausible for the target's provider (the NDR comes from it).
 */
const FORWARD_REASONS = [
  ['550 5.2.2 <{t}>: Recipient address rejected: Mailbox full', '5.2.2', null],
  ['552-5.2.2 The email account that you tried to reach ({t}) is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp d9443c01a7336-{g} - gsmtp', '5.2.2', ['gmail.com']],
  ['550 5.1.1 <{t}>: Recipient address rejected: User unknown in virtual mailbox table', '5.1.1', null],
  ['RCPT TO:<{t}> 550 5.1.1 User unknown', '5.1.1', null],
  ["Delivery has failed to these recipients or groups: {t} The recipient's mailbox is full and can't accept messages now. Please try resending this message later, or contact the recipient directly.", '5.2.2', ['outlook.com', 'example.net', 'example.org']],
  ['5.2.2 Could not deliver mail to <{t}>: mailbox is full', '5.2.2', null],
  ['551 5.1.6 User not local; please try <{t}>', '5.1.6', ['example.net', 'example.org']],
  ['550 5.1.1 <{t}>: Recipient address rejected: User unknown in local recipient table', '5.1.1', null],
];

const EXPIRE_REASONS = [
  ['Message expired: deferred for more than 72 hours. Last response: 421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user complaints', '4.7.0'],
  ['Message expired: deferred for more than 72 hours. Last response: 451 4.7.1 Greylisted, please try again in 300 seconds', '4.7.1'],
  ['421 4.7.0 Too many connections from {ip}, try again later', '4.7.0'],
];

// ───────────────────────────────────────────────────────────────────────────── options

const DEFAULT_START = '2026-11-18T00:00:00Z';
export const FRAMINGS = ['ndjson', 'array', 'pretty', 'mixed'];

function normalizeOptions(options = {}) {
  const messages = Number(options.messages ?? 1000);
  if (!Number.isInteger(messages) || messages < 0) throw new Error(`--messages must be a non-negative integer, got ${options.messages}`);
  const framing = options.framing ?? 'ndjson';
  if (!FRAMINGS.includes(framing)) throw new Error(`--framing must be one of ${FRAMINGS.join('|')}, got ${framing}`);
  const startMs = Date.parse(options.start ?? DEFAULT_START);
  if (Number.isNaN(startMs)) throw new Error(`--start is not an ISO 8601 time: ${options.start}`);
  return {
    messages,
    seed: String(options.seed ?? 1),
    framing,
    dayStart: Math.floor(startMs / 1000),
    minEach: options.minEach ?? 2,
    onMessage: options.onMessage,
  };
}

// ───────────────────────────────────────────────────────────────────────────── planning

/** Exact verdict counts: each verdict at least `minEach` times when N allows, rest delivered. */
function allocateVerdicts(n, minEach, rng) {
  const list = [];
  if (n >= VERDICTS.length * minEach + 20) {
    let used = 0;
    for (const v of VERDICTS) {
      if (v === 'delivered') continue;
      const c = Math.max(minEach, Math.round(n * VERDICT_MIX[v]));
      for (let i = 0; i < c; i++) list.push(v);
      used += c;
    }
    for (let i = used; i < n; i++) list.push('delivered');
  } else {
    const pairs = Object.entries(VERDICT_MIX);
    for (let i = 0; i < n; i++) list.push(rng.weighted(pairs));
  }
  return rng.shuffle(list);
}

/** Cycles give small files every sub-case while keeping big files in the same proportions. */
const VARIANTS = {
  delivered: ['plain', 'opens', 'plain', 'machine', 'plain', 'click', 'plain', 'plain', 'plain', 'noProcessed', 'plain', 'machineHuman', 'plain', 'plain', 'opens', 'plain', 'unsub', 'plain', 'plain', 'plain'],
  'delivered-after-deferral': ['d1', 'd2', 'd1', 'd1', 'd3', 'd1', 'd2', 'd1', 'd4', 'd1'],
  'bounce-after-delivery': ['plain', 'machineAfter', 'postmaster', 'humanBefore', 'selfCase', 'verp', 'unparsable', 'url', 'self', 'messageid', 'machineAfter', 'sender', 'plain', 'plain'],
  'forwarded-bounce': ['f0', 'f1', 'f4', 'f3', 'masked', 'f2', 'f5', 'f6', 'f7', 'f0', 'f1', 'typeBounce'],
  'engaged-after-bounce': ['openFalse', 'click', 'openAbsent', 'machineThenHuman'],
  dropped: ['d'],
  expired: ['short', 'old', 'long', 'typeExpiredNoDeferral', 'typeExpired', 'old', 'short', 'long'],
  blocked: ['b'],
  bounced: ['b', 'b', 'b', 'b', 'typo'],
  deferred: ['d'],
  processed: ['p'],
  unknown: ['open', 'idless', 'click', 'idless', 'open'],
};

/** Hour-of-day weights (UTC) for a sender whose recipients are mostly in Japan (JST = UTC+9). */
const HOUR_WEIGHTS = [8, 9, 9, 8, 7, 6, 6, 7, 8, 9, 10, 11, 10, 7, 4, 3, 2, 1, 1, 1, 2, 3, 5, 7];

function sampleDayTime(rng, dayStart) {
  // 8% of sends belong to a campaign blast at 01:00–01:20 UTC (10:00 JST)
  if (rng.chance(0.08)) return dayStart + H + rng.int(0, 20 * 60);
  const hour = rng.weighted(HOUR_WEIGHTS.map((w, h) => [h, w]));
  // leave the last 30 minutes to the messages that must look pending
  return dayStart + Math.min(hour * H + rng.int(0, H - 1), DAY - 1800);
}

class EmailBook {
  constructor(rng) {
    this.rng = rng;
    this.used = new Set();
    this.reusable = []; // recent addresses that may receive more mail (ID-bearing messages only)
  }
  fresh({ domain } = {}) {
    const rng = this.rng;
    for (let tries = 0; ; tries++) {
      const g = rng.pick(GIVEN);
      const f = rng.pick(FAMILY);
      const d = domain ?? rng.weighted(DOMAIN_PAIRS);
      const style = rng.int(0, 5);
      let local =
        style === 0 ? `${g}.${f}` :
        style === 1 ? `${g[0]}${f}` :
        style === 2 ? `${f}${g}${rng.int(1, 99)}` :
        style === 3 ? `${g}_${f}${rng.int(70, 99)}` :
        style === 4 ? `${f}-${g}.${alnum(rng, 3)}` :
        `${g}${rng.int(100, 9999)}`;
      if (tries > 3) local += `.${alnum(rng, 4)}`;
      const email = `${local}@${d}`;
      if (this.used.has(email)) continue;
      this.used.add(email);
      return email;
    }
  }
  /** An address for an ID-bearing message: usually new, sometimes someone who got mail before. */
  forIdMessage(exclude) {
    if (this.reusable.length > 50 && this.rng.chance(0.12)) {
      const e = this.rng.pick(this.reusable);
      if (!exclude.has(e)) return e;
    }
    const e = this.fresh();
    this.reusable.push(e);
    if (this.reusable.length > 4000) this.reusable.splice(0, 1000);
    return e;
  }
}

function makeSend(rng, start, sendIndex) {
  // a few very old-style IDs whose X-Message-Id contains dots (never split at the first dot)
  const style = sendIndex % 97 === 13 ? 'old' : rng.weighted([['drecv', 70], ['recvd', 15], ['2018', 15]]);
  const xmid = style === 'old' ? `${hex(rng, 11)}.${hex(rng, 3)}.${hex(rng, 6)}` : id22(rng);
  const marketing = rng.chance(0.3);
  const tenant = rng.pick(TENANTS);
  let category;
  let args;
  let asmGroup;
  if (marketing) {
    const [campaign, name] = rng.pick(CAMPAIGNS);
    category = rng.chance(0.7) ? ['newsletter', campaign] : 'newsletter';
    args = rng.chance(0.25) ? { tenant_id: tenant, campaign, campaign_name: name } : { tenant_id: tenant, campaign };
    asmGroup = rng.pick([18231, 18232, 20417]);
  } else {
    const c = rng.pick(TRANSACTIONAL_CATEGORIES);
    category = rng.chance(0.5) ? c : rng.chance(0.6) ? ['transactional', c] : undefined;
    args = { tenant_id: tenant };
    if (rng.chance(0.05)) args.request_id = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
  }
  return {
    xmid,
    style,
    smtpHost: style === 'old' ? 'ismtpd-555' : rng.chance(0.8) ? rng.pick(SMTP_HOSTS.slice(0, 3)) : rng.pick(SMTP_HOSTS.slice(3)),
    perRecipientArgs: rng.chance(0.5), // some senders add a user_id per personalization
    deploy: rng.pick(FILTER_DEPLOYS),
    pod: alnum(rng, 5),
    hex: start.toString(16).toUpperCase().padStart(8, '0'),
    counter: rng.int(1, 90),
    pid: rng.int(10000, 29999),
    ip: rng.pick(SENDING_IPS),
    category,
    args,
    asmGroup,
  };
}

function sgMessageId(send, i) {
  const n = send.counter + i;
  switch (send.style) {
    case 'old':
      return `${send.xmid}.filter0001.${send.pid + i}.${send.hex.slice(0, 8)}${(n % 16).toString(16).toUpperCase()}.0`;
    case 'recvd':
      return `${send.xmid}.recvd-${send.deploy}-${send.pod}-1-${send.hex}-${n}.0`;
    case '2018':
      return `${send.xmid}.filter0${(send.pid % 900) + 100}p1mdw1-${send.pid}-${send.hex}-${n.toString(16).toUpperCase()}.0`;
    default:
      return `${send.xmid}.filterdrecv-${send.deploy}-${send.pod}-1-${send.hex}-${n}.0`;
  }
}

/**
 * Decide every message up front (small records, not events): verdict, variant, address, send,
 * start time, and the timings that other messages depend on (async bounce time for siblings).
 */
function planMessages(o, rng) {
  const book = new EmailBook(rng);
  const dayStart = o.dayStart;
  const dayEnd = dayStart + DAY;
  const verdicts = allocateVerdicts(o.messages, o.minEach, rng);

  // Every 5th async-bounce message gets a "sibling": another, delivered message to the same
  // address, sent hours before or after, to exercise the attachment rule of docs/rules.md#grouping. Siblings
  // replace delivered messages so the total stays N.
  const asyncCount = verdicts.filter((v) => ASYNC_BOUNCE.has(v)).length;
  let siblingsLeft = Math.min(Math.floor(asyncCount / 5), verdicts.filter((v) => v === 'delivered').length);
  for (let i = verdicts.length - 1, drop = siblingsLeft; i >= 0 && drop > 0; i--) {
    if (verdicts[i] === 'delivered') {
      verdicts.splice(i, 1);
      drop--;
    }
  }

  const counters = {};
  const nextVariant = (v) => {
    const c = counters[v] ?? 0;
    counters[v] = c + 1;
    return { variant: VARIANTS[v][c % VARIANTS[v].length], nth: c };
  };

  const plans = [];
  let sendIndex = 0;
  let asyncSeen = 0;
  let siblingsMade = 0;
  for (let i = 0; i < verdicts.length; ) {
    // group consecutive multi-recipient-friendly verdicts into one send request
    let k = 1;
    if (MULTI_OK.has(verdicts[i]) && rng.chance(0.1)) {
      const want = rng.weighted([[2, 60], [3, 30], [4, 10]]);
      while (k < want && i + k < verdicts.length && MULTI_OK.has(verdicts[i + k])) k++;
    }
    const group = verdicts.slice(i, i + k);
    i += k;

    const first = group[0];
    const special = group.length === 1 ? first : null;
    let start;
    if (special === 'deferred') start = dayEnd - rng.int(45 * 60, 3 * H);
    else if (special === 'processed') start = dayEnd - rng.int(1, 15 * 60);
    else start = sampleDayTime(rng, dayStart);

    // the send's IDs and args are made when its first recipient is built (keeps plans small)
    const sendRef = { index: sendIndex++, start, send: null };
    const inSend = new Set();
    group.forEach((verdict, r) => {
      const { variant, nth } = nextVariant(verdict);
      const idless = verdict === 'unknown' && variant === 'idless';
      let email;
      if (ASYNC_BOUNCE.has(verdict) || idless) email = book.fresh(); // unique: see docs/rules.md#grouping attachment
      else if (verdict === 'bounced' && variant === 'typo') email = book.fresh({ domain: TYPO_DOMAINS[nth % TYPO_DOMAINS.length] });
      else email = book.forIdMessage(inSend);
      inSend.add(email);

      const plan = {
        verdict,
        variant,
        start,
        email,
        sendRef: idless ? null : sendRef,
        rcpt: r,
        forwardTo: '',
        caseVariant: rng.chance(0.04),
      };

      if (verdict === 'expired') {
        // expiry bounces land inside the day; their deferrals may have begun days earlier
        const end = sampleDayTime(rng, dayStart);
        if (variant === 'long' || variant === 'typeExpired') plan.start = end - 72 * H - rng.int(60, 2 * H);
        else if (variant === 'old') plan.start = dayStart - 72 * H + rng.int(0, 20 * H);
        else if (variant === 'typeExpiredNoDeferral') plan.start = end;
        else plan.start = end - rng.int(15 * 60, 4 * H);
        plan.end = end;
        // an expired message is a send of its own: date its IDs from when it was really sent
        sendRef.start = variant === 'typeExpiredNoDeferral' ? end - 72 * H - rng.int(H, 2 * H) : plan.start;
      }
      if (verdict === 'unknown' && !idless) {
        sendRef.start = start - rng.int(6 * H, 5 * DAY); // sent before this log began
      }

      if (ASYNC_BOUNCE.has(verdict)) {
        plan.deliverAfter = rng.int(1, 40);
        // the story: minutes after delivery; sometimes hours
        plan.bounceAfter = rng.chance(0.8) ? rng.int(120, 15 * 60) : rng.int(15 * 60, 8 * H);
        if (verdict === 'forwarded-bounce') {
          plan.forwardTemplate = variant === 'masked' || variant === 'typeBounce' ? rng.int(0, FORWARD_REASONS.length - 1) : Number(variant.slice(1));
          plan.forwardTo = forwardTarget(rng, email, variant, FORWARD_REASONS[plan.forwardTemplate][2] ?? FORWARD_DOMAINS);
        }
        if (asyncSeen++ % 5 === 4 && siblingsLeft > 0) {
          siblingsLeft--;
          const bounceAt = start + plan.deliverAfter + plan.bounceAfter;
          const before = siblingsMade++ % 2 === 1; // alternate: after, before, after...
          const sStart = before ? start - rng.int(H, 10 * H) : bounceAt + rng.int(10 * 60, 3 * H);
          plans.push({
            verdict: 'delivered',
            variant: rng.chance(0.5) ? 'opens' : 'plain',
            start: sStart,
            email,
            sendRef: { index: sendIndex++, start: sStart, send: null },
            rcpt: 0,
            forwardTo: '',
            caseVariant: false,
            sibling: before ? 'before' : 'after',
          });
        }
      }
      plans.push(plan);
    });
  }

  // one account event (no email: belongs to no message) in files big enough to have a report
  if (o.messages >= 100) plans.push({ verdict: null, account: true, start: dayStart + rng.int(2 * H, 20 * H) });

  plans.forEach((p, i) => (p.order = i));
  plans.sort((a, b) => a.start - b.start || a.order - b.order);
  return plans;
}

/** The forwarding target: the same person elsewhere, or someone else (a shared mailbox). */
function forwardTarget(rng, email, variant, domains) {
  const [local, domain] = email.split('@');
  // some receivers mask addresses in NDRs; docs/rules.md#forward-targets still counts `sample-2@***.com` as an address
  if (variant === 'masked') return `${local.replace(/[^a-z]/g, '').slice(0, 6) || 'user'}-2@***.com`;
  // usually another provider; within the same one (gmail → gmail) it must be another mailbox
  const others = domains.filter((d) => d !== domain);
  const d = rng.pick(others.length > 0 ? others : domains);
  for (;;) {
    const l = rng.chance(0.5) && d !== domain ? local : `${rng.pick(GIVEN)}.${rng.pick(FAMILY)}${rng.int(1, 99)}`;
    const t = `${l}@${d}`;
    if (t !== email) return t;
  }
}

// ───────────────────────────────────────────────────────────────────────────── events

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
}

/** "taro.yamada@gmail.com" → "Taro.Yamada@Gmail.com": exercises case-insensitive grouping. */
function mixedCase(email) {
  return email.replace(/(^|[._@-])([a-z])/g, (m, sep, c) => sep + c.toUpperCase());
}

/** Builds one recipient message's events in time order (strictly increasing seconds). */
class MessageBuilder {
  constructor(plan, rng) {
    this.plan = plan;
    this.rng = rng;
    this.send = plan.send;
    this.events = [];
    this.last = -Infinity;
    // values for the {placeholders} of reason and response templates
    this.vars = {
      ip: plan.send?.ip ?? '',
      g: `${hex(rng, 13)}${alnum(rng, 6)}.${rng.int(100, 999)}`,
      n: String(rng.int(1000, 9999)),
      email: plan.email,
      domain: plan.email.split('@')[1],
      local: plan.email.split('@')[0],
      xmid: plan.send?.xmid ?? '',
      h4: hex(rng, 4),
    };
  }

  /** Reserve a time for the next event: never before or equal to the previous one. */
  at(t) {
    const s = Math.max(Math.round(t), this.last + 1);
    this.last = s;
    return s;
  }

  timestamp(t) {
    // a few events carry milliseconds or a numeric string (docs/rules.md#normalization). Milliseconds stay inside the
    // same second, and a message's events are >= 1 s apart, so their order cannot change.
    const r = this.rng.float();
    if (r < 0.004) return t * 1000 + this.rng.int(0, 999);
    if (r < 0.008) return String(t);
    return t;
  }

  /**
   * kind: the `event` value. opts.ids: 'full' (sg_message_id + smtp-id), 'sg' (sg_message_id
   * only, as on opens/clicks), 'none' (async bounce: "" or absent, no smtp-id), 'absent'.
   */
  emit(kind, t, fields = {}, { ids = 'full', args = true } = {}) {
    const p = this.plan;
    const send = this.send;
    const ts = this.at(t);
    const ev = {};
    ev.email = p.caseVariant && this.rng.chance(0.5) ? mixedCase(p.email) : p.email;
    ev.timestamp = this.timestamp(ts);
    if (ids === 'full' && send) ev['smtp-id'] = `<${send.xmid}@${send.smtpHost}>`;
    ev.event = kind;
    if (send?.category !== undefined && args) ev.category = send.category;
    ev.sg_event_id = id22(this.rng);
    if (ids === 'none') {
      if (this.rng.chance(0.5)) ev.sg_message_id = '';
    } else if (ids !== 'absent' && p.sgmid) {
      ev.sg_message_id = p.sgmid;
    }
    Object.assign(ev, fields);
    if (send && args) {
      Object.assign(ev, send.args);
      if (send.asmGroup !== undefined) ev.asm_group_id = send.asmGroup;
      if (send.perRecipientArgs) ev.user_id = `u_${(p.order * 7919 + 104729) % 9999991}`;
    }
    this.events.push({ t: ts, ev });
    return ts;
  }

  processed(t) {
    // only sends that pick an IP pool carry `pool`
    return this.emit('processed', t, this.rng.chance(0.1) ? { pool: this.send.args.campaign ? { name: 'marketing', id: 211 } : { name: 'transactional', id: 210 } } : {});
  }

  deliveredResponse(ts) {
    const rng = this.rng;
    const kind = DOMAIN_KIND[this.vars.domain] ?? 'company';
    switch (kind) {
      case 'gmail':
        return `250 2.0.0 OK  ${ts} d9443c01a7336-${this.vars.g} - gsmtp`;
      case 'microsoft':
        return `250 2.6.0 <${this.send.xmid}@${this.send.smtpHost}> [InternalId=${rng.int(1e9, 9e9)}, Hostname=TYZPR01MB${this.vars.n}.jpnprd01.prod.outlook.com] Queued mail for delivery`;
      case 'yahoo':
        return '250 ok dirdel';
      case 'icloud':
        return `250 2.0.0 Ok: queued as ${alnum(this.rng, 10).toUpperCase()}`;
      case 'carrier':
        return rng.chance(0.5) ? '250 2.0.0 OK' : `250 2.0.0 ${hex(rng, 12, true)} Message accepted for delivery`;
      default:
        return `250 2.0.0 Ok: queued as ${hex(rng, 10, true)}`;
    }
  }

  delivered(t) {
    const ts = Math.max(Math.round(t), this.last + 1);
    return this.emit('delivered', ts, { ip: this.send.ip, response: this.deliveredResponse(ts), tls: 1 });
  }

  deferrals(t, count) {
    const kind = DOMAIN_KIND[this.vars.domain] ?? 'company';
    const response = fill(this.rng.chance(0.15) ? this.rng.pick(DEFER_RESPONSES.any) : this.rng.pick(DEFER_RESPONSES[kind] ?? DEFER_RESPONSES.company), this.vars);
    const gaps = [300, 900, 1800, 3600, 7200, 14400];
    let at = t;
    for (let a = 1; a <= count; a++) {
      at = this.emit('deferred', at, { ip: this.send.ip, response, attempt: String(a), tls: this.rng.chance(0.7) ? 1 : 0 });
      at += Math.round(gaps[Math.min(a - 1, gaps.length - 1)] * (0.8 + this.rng.float() * 0.7));
    }
    return { next: at, response };
  }

  /** Deferrals spread evenly between `from` and `to` (for the 72-hour cases). */
  deferralsSpread(from, to, count) {
    const kind = DOMAIN_KIND[this.vars.domain] ?? 'company';
    const response = fill(this.rng.pick(DEFER_RESPONSES[kind] ?? DEFER_RESPONSES.company), this.vars);
    for (let a = 1; a <= count; a++) {
      const t = a === count ? to : from + Math.round(((to - from) * (a - 1)) / (count - 1));
      this.emit('deferred', t, { ip: this.send.ip, response, attempt: String(a), tls: 1 });
    }
    return response;
  }

  syncBounce(t, { reason, status, type, classification }) {
    const fields = { ip: this.send.ip, reason: fill(reason, this.vars), status, tls: 1, type };
    if (classification && this.rng.chance(0.3)) fields.bounce_classification = classification;
    return this.emit('bounce', t, fields);
  }

  /** Async bounce: no sg_message_id (or ""), no smtp-id, no ip, often no custom args. */
  asyncBounce(t, reason, status, type) {
    return this.emit('bounce', t, { reason, status, type }, { ids: 'none', args: this.rng.chance(0.4) });
  }

  open(t, machine) {
    const fields = {
      useragent: machine === true ? this.rng.pick(USER_AGENTS_MACHINE) : this.rng.pick(USER_AGENTS_HUMAN),
      ip: machine === true ? `17.58.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}` : `${this.rng.int(60, 220)}.${this.rng.int(0, 255)}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`,
    };
    if (this.rng.chance(0.3)) fields.sg_content_type = 'html';
    // machine === undefined: the field is absent (older payloads), which means "not a machine open"
    if (machine !== undefined) fields.sg_machine_open = machine;
    return this.emit('open', t, fields, { ids: 'sg' });
  }

  click(t) {
    const url = fill(this.rng.pick(CLICK_URLS), { n: String(this.rng.int(10000, 99999)), h: hex(this.rng, 16) });
    return this.emit(
      'click',
      t,
      { useragent: this.rng.pick(USER_AGENTS_HUMAN), ip: `${this.rng.int(60, 220)}.${this.rng.int(0, 255)}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`, url, url_offset: { index: this.rng.int(0, 5), type: 'html' } },
      { ids: 'sg' },
    );
  }

  /** A human reading delay: seconds to hours, most within the first hour. */
  readDelay() {
    return this.rng.chance(0.6) ? this.rng.int(20, H) : this.rng.int(H, 9 * H);
  }
}

/** All events of one planned message, and its manifest row. */
function buildMessage(plan, rng) {
  if (plan.account) {
    const ev = { event: 'account_status_change', timestamp: plan.start, sg_event_id: id22(rng), type: 'reactivate' };
    return { events: [{ t: plan.start, ev }], row: null };
  }
  if (plan.sendRef) {
    plan.send = plan.sendRef.send ??= makeSend(rng, plan.sendRef.start, plan.sendRef.index);
    plan.sgmid = sgMessageId(plan.send, plan.rcpt);
  } else {
    plan.send = null;
    plan.sgmid = '';
  }
  const b = new MessageBuilder(plan, rng);
  const S = plan.start;
  const v = plan.variant;
  const forwardTo = plan.forwardTo;

  switch (plan.verdict) {
    case 'delivered': {
      if (v !== 'noProcessed') b.processed(S);
      const d = b.delivered(S + rng.int(1, 40));
      engage(b, d, v);
      break;
    }
    case 'delivered-after-deferral': {
      b.processed(S);
      const { next } = b.deferrals(S + rng.int(1, 30), Number(v.slice(1)));
      const d = b.delivered(next);
      if (rng.chance(0.35)) engage(b, d, 'opens');
      break;
    }
    case 'bounce-after-delivery': {
      b.processed(S);
      const d = b.delivered(S + plan.deliverAfter);
      const B = d + plan.bounceAfter;
      if (v === 'humanBefore') b.open(d + rng.int(10, plan.bounceAfter - 60), rng.chance(0.5) ? false : undefined);
      let reason, status, type;
      if (v === 'unparsable') [reason, status, type] = ASYNC_PLAIN[1];
      else if (v === 'self' || v === 'selfCase') [reason, status, type] = ASYNC_SELF[rng.int(0, ASYNC_SELF.length - 1)];
      else if (ASYNC_TRAPS[v]) [reason, status, type] = ASYNC_TRAPS[v];
      else [reason, status, type] = rng.pick(ASYNC_PLAIN);
      // the recipient's own address is not a forward target, whatever its case
      const self = v === 'selfCase' ? mixedCase(plan.email) : plan.email;
      b.asyncBounce(B, fill(reason, { ...b.vars, self }), status, type);
      if (v === 'machineAfter') b.open(b.last + rng.int(60, 2 * H), true);
      break;
    }
    case 'forwarded-bounce': {
      b.processed(S);
      const d = b.delivered(S + plan.deliverAfter);
      if (rng.chance(0.3)) b.open(d + rng.int(10, plan.bounceAfter - 60), false); // they did get it
      const [reason, status] = FORWARD_REASONS[plan.forwardTemplate];
      b.asyncBounce(d + plan.bounceAfter, fill(reason, { ...b.vars, t: forwardTo }), status, v === 'typeBounce' ? 'bounce' : 'blocked');
      if (rng.chance(0.2)) b.open(b.last + b.readDelay(), rng.chance(0.5) ? false : undefined);
      break;
    }
    case 'engaged-after-bounce': {
      b.processed(S);
      const d = b.delivered(S + plan.deliverAfter);
      if (v === 'machineThenHuman') b.open(d + rng.int(5, 60), true);
      const [reason, status, type] = rng.chance(0.75) ? rng.pick(ASYNC_PLAIN) : rng.pick(ASYNC_SELF);
      const B = b.asyncBounce(d + plan.bounceAfter, fill(reason, { ...b.vars, self: plan.email }), status, type);
      const t = B + rng.int(60, 3 * H);
      if (v === 'click') b.click(t);
      else b.open(t, v === 'openAbsent' ? undefined : false);
      break;
    }
    case 'dropped': {
      b.emit('dropped', S, { reason: rng.pick(DROP_REASONS) });
      break;
    }
    case 'blocked': {
      b.processed(S);
      const [reason, status, classification] = rng.pick(BLOCK_REASONS);
      b.syncBounce(S + rng.int(1, 90), { reason, status, type: 'blocked', classification });
      break;
    }
    case 'bounced': {
      b.processed(S);
      if (v === 'typo') {
        b.syncBounce(S + rng.int(1, 30), {
          reason: `550 5.1.2 Host or domain name not found. Name service error for name=${b.vars.domain} type=A: Host not found`,
          status: '5.1.2',
          type: 'bounce',
          classification: 'Invalid Address',
        });
      } else {
        const [reason, status] = rng.pick(HARD_BOUNCE_REASONS);
        b.syncBounce(S + rng.int(1, 60), { reason, status, type: 'bounce', classification: 'Invalid Address' });
      }
      break;
    }
    case 'expired': {
      // typeExpiredNoDeferral: processed and deferrals were in an older log
      if (v !== 'typeExpiredNoDeferral') b.processed(S);
      const end = plan.end;
      if (v === 'short') {
        // deferred, then a permanent answer: the rules call any bounce after a deferral "expired"
        b.deferrals(S + rng.int(1, 30), rng.int(1, 2));
        const [reason, status] = rng.pick(HARD_BOUNCE_REASONS);
        b.syncBounce(Math.max(end, b.last + 60), { reason, status, type: 'bounce' });
      } else if (v === 'long' || v === 'typeExpired') {
        const first = S + rng.int(1, 30);
        b.deferralsSpread(first, first + 71 * H + rng.int(0, 50 * 60), rng.int(2, 5));
        const [reason, status] = rng.pick(EXPIRE_REASONS);
        b.syncBounce(first + 72 * H + rng.int(60, 30 * 60), { reason, status, type: v === 'typeExpired' ? 'expired' : 'blocked' });
      } else if (v === 'typeExpiredNoDeferral') {
        // only `type: expired` says what happened
        const [reason, status] = EXPIRE_REASONS[0];
        b.syncBounce(end, { reason, status, type: 'expired' });
      } else {
        // 'old': deferred for over 72 h and no outcome in the log. The last retry is itself more
        // than 72 h after the first, so the rule holds whatever else the file contains.
        const first = S + rng.int(1, 30);
        b.deferralsSpread(first, first + 72 * H + rng.int(60, 3 * H), rng.int(3, 4));
      }
      break;
    }
    case 'deferred': {
      b.processed(S);
      b.deferrals(S + rng.int(1, 30), rng.weighted([[1, 40], [2, 35], [3, 15], [4, 10]]));
      break;
    }
    case 'processed': {
      b.processed(S);
      break;
    }
    case 'unknown': {
      // engagement only: the send happened before this log began
      if (v === 'idless') {
        const kind = rng.pick(['unsubscribe', 'spamreport', 'group_unsubscribe']);
        const fields = kind === 'group_unsubscribe' ? { asm_group_id: 18231, useragent: rng.pick(USER_AGENTS_HUMAN) } : {};
        b.emit(kind, S, fields, { ids: 'absent', args: false }); // no ID at all: an email-only message
      } else {
        const t = b.open(S, rng.chance(0.5) ? false : undefined);
        if (v === 'click') b.click(t + rng.int(5, 600));
      }
      break;
    }
    default:
      throw new Error(`unplanned verdict ${plan.verdict}`);
  }

  const row = {
    email: plan.email.toLowerCase(),
    message_id: plan.sgmid ? plan.send.xmid : '',
    sg_message_id: plan.sgmid,
    verdict: plan.verdict,
    forward_to: forwardTo,
    variant: plan.variant,
    sibling: plan.sibling ?? null,
  };
  return { events: b.events, row };
}

/** Opens, clicks and the occasional unsubscribe of a delivered message. */
function engage(b, d, variant) {
  const rng = b.rng;
  switch (variant) {
    case 'opens': {
      let t = d;
      for (let i = rng.weighted([[1, 70], [2, 25], [3, 5]]); i > 0; i--) t = b.open(t + b.readDelay(), rng.chance(0.6) ? false : undefined);
      break;
    }
    case 'machine':
      b.open(d + rng.int(5, 900), true);
      break;
    case 'machineHuman': {
      const t = b.open(d + rng.int(5, 900), true);
      b.open(t + b.readDelay(), false);
      break;
    }
    case 'click': {
      const t = b.open(d + b.readDelay(), false);
      b.click(t + rng.int(3, 300));
      if (rng.chance(0.3)) b.click(b.last + rng.int(30, 900));
      break;
    }
    case 'unsub': {
      // the rare unhappy reader: unsubscribes after opening, or files a spam report unopened
      if (rng.chance(0.3)) {
        b.emit('spamreport', d + b.readDelay(), {}, { ids: 'sg' });
        break;
      }
      const t = b.open(d + b.readDelay(), false);
      b.emit(rng.chance(0.5) ? 'unsubscribe' : 'group_unsubscribe', t + rng.int(5, 120), { useragent: rng.pick(USER_AGENTS_HUMAN) }, { ids: 'sg' });
      break;
    }
    default:
      break;
  }
}

// ───────────────────────────────────────────────────────────────────────────── transport

/** Min-heap on (at, seq): events ordered by when the webhook would deliver them. */
class Heap {
  constructor() {
    this.a = [];
  }
  get size() {
    return this.a.length;
  }
  less(x, y) {
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  peek() {
    return this.a[0];
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * SendGrid's side: each event reaches the webhook a few seconds to hours after it happens; some
 * are posted twice (same sg_event_id) or retried with a new sg_event_id; several servers each
 * post batches of up to 50 events, flushed by size or after ~30 s.
 */
class Transport {
  constructor(rng, framer, stats) {
    this.rng = rng;
    this.framer = framer;
    this.stats = stats;
    this.heap = new Heap();
    this.seq = 0;
    this.lastPost = -Infinity;
    this.servers = Array.from({ length: 4 }, () => ({ items: [], opened: 0, target: 0 }));
  }

  schedule(t, ev) {
    const rng = this.rng;
    const r = rng.float();
    const delayMs = r < 0.93 ? rng.int(1500, 45000) : r < 0.995 ? rng.int(60e3, 20 * 60e3) : rng.int(H * 1e3, 6 * H * 1e3);
    const at = t * 1000 + delayMs;
    this.heap.push({ at, seq: this.seq++, ev });
    if (rng.chance(0.02)) {
      // the same event posted again later (SendGrid's documented duplicates)
      this.heap.push({ at: at + rng.int(30e3, 3 * H * 1e3), seq: this.seq++, ev });
      this.stats.duplicatesSameId++;
    }
    if (rng.chance(0.003)) {
      // a retry that got a new sg_event_id but is otherwise identical (sendgrid-nodejs#1435)
      this.heap.push({ at: at + rng.int(1e3, 10 * 60e3), seq: this.seq++, ev: { ...ev, sg_event_id: id22(rng) } });
      this.stats.duplicatesNewId++;
    }
  }

  /** Post everything that arrives at or before `untilMs` (no later message can arrive earlier). */
  drain(untilMs) {
    while (this.heap.size > 0 && this.heap.peek().at <= untilMs) this.route(this.heap.pop());
  }

  route(item) {
    const rng = this.rng;
    // batches open for more than 30 s are posted before this event is added anywhere
    const stale = this.servers.filter((s) => s.items.length > 0 && item.at - s.opened > 30000).sort((x, y) => x.opened - y.opened);
    for (const s of stale) this.flush(s, s.opened + 30000);
    const s = this.servers[rng.int(0, this.servers.length - 1)];
    if (s.items.length === 0) {
      s.opened = item.at;
      s.target = 1 + Math.floor(50 * rng.float() ** 1.6); // many small batches, a few full ones
    }
    s.items.push(item.ev);
    if (s.items.length >= s.target) this.flush(s, item.at);
  }

  flush(s, atMs) {
    const post = Math.max(this.lastPost + this.rng.int(1, 400), atMs + this.rng.int(20, 900));
    this.lastPost = post;
    this.framer.batch(s.items, post);
    this.stats.batches++;
    s.items = [];
  }

  finish() {
    this.drain(Infinity);
    for (const s of [...this.servers].sort((x, y) => x.opened - y.opened)) if (s.items.length > 0) this.flush(s, s.opened + 30000);
  }
}

// ───────────────────────────────────────────────────────────────────────────── framing

function isoMs(ms) {
  return new Date(ms).toISOString();
}
function isoS(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** How Go and .NET encoders write raw bodies: `<`, `>`, `&` as \u escapes (still valid JSON). */
function htmlEscapeJson(json) {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const JUNK = [
  (t) => `${isoS(t)} INFO GET /healthz 200 0.${(t % 9) + 1}ms`,
  (t) => `${isoS(t)} INFO GET /metrics 200 2ms`,
  (t) => `${isoS(t)} WARN slow response to POST /sendgrid/events: ${1000 + (t % 900)}ms`,
  (t) => `${isoS(t)} DEBUG signature verified with ecdsa p-256 public key`,
  (t) => `${isoS(t)} INFO worker ${t % 4} idle, queue depth 0`,
  () => '',
];

/** Turns posted batches into lines of one of the docs/rules.md#input-framings framings. */
class Framer {
  constructor(framing, rng, write) {
    this.framing = framing;
    this.rng = rng;
    this.write = write;
    this.started = false;
  }

  batch(events, postMs) {
    const w = this.write;
    switch (this.framing) {
      case 'ndjson':
        for (const ev of events) w(JSON.stringify(ev) + '\n');
        return;
      case 'array':
        w(JSON.stringify(events) + '\n');
        return;
      case 'pretty':
        w(`${isoMs(postMs)} INFO webhook body=\n${JSON.stringify(events, null, 2)}\n`);
        return;
      default:
        this.mixed(events, postMs);
    }
  }

  mixed(events, postMs) {
    const rng = this.rng;
    let out = '';
    if (!this.started) {
      this.started = true;
      out += `${isoS(postMs - 4000)} INFO server listening on :8080\n`;
    }
    if (rng.chance(0.1)) out += JUNK[rng.int(0, JUNK.length - 1)](postMs - rng.int(1, 3000)) + '\n';
    if (rng.chance(0.002)) out += `${isoS(postMs - 2000)} INFO received SIGTERM, shutting down\n${isoS(postMs - 1000)} INFO server listening on :8080\n`;

    const style = rng.weighted([['ndjson', 28], ['array', 24], ['logline', 16], ['pretty', 8], ['pino', 10], ['pinoString', 8], ['rawbody', 6]]);
    const array = JSON.stringify(events);
    let text;
    switch (style) {
      case 'ndjson': {
        const lines = events.map((ev) => JSON.stringify(ev));
        // now and then two values share a line (docs/rules.md#input-framings item 5)
        for (let i = 0; i + 1 < lines.length; i++) if (rng.chance(0.05)) lines.splice(i, 2, `${lines[i]} ${lines[i + 1]}`);
        text = lines.join('\n') + '\n';
        break;
      }
      case 'array':
        text = array + '\n';
        break;
      case 'logline':
        text = `${isoS(postMs)} INFO POST /sendgrid/events body=${array} status=200 dur=${rng.int(2, 80)}ms\n`;
        break;
      case 'pretty':
        text = `${isoMs(postMs)} INFO webhook body=\n${JSON.stringify(events, null, 2)}\n`;
        break;
      case 'pino':
        text = `{"level":30,"time":${postMs},"pid":1234,"hostname":"web-1","msg":"sendgrid webhook","body":${array}}\n`;
        break;
      case 'pinoString':
        text = `{"level":30,"time":${postMs},"pid":1234,"hostname":"web-2","msg":"sendgrid webhook","body":${JSON.stringify(array)}}\n`;
        break;
      default:
        // the signed raw body as SendGrid sends it: CRLF after each element and after `]`
        text = `${isoS(postMs)} DEBUG raw body:\r\n[${events.map((ev) => htmlEscapeJson(JSON.stringify(ev))).join(',\r\n')}\r\n]\r\n`;
    }
    if (style !== 'rawbody' && rng.chance(0.08)) text = text.replace(/\n/g, '\r\n');
    this.write(out + text);
  }
}

// ───────────────────────────────────────────────────────────────────────────── driver

/**
 * The generator proper: yields the output text in chunks of about 1 MiB and calls
 * `options.onMessage(row)` once per recipient message (in start-time order).
 */
export function* generateChunks(options = {}) {
  const o = normalizeOptions(options);
  const content = new Rng(o.seed, 'content');
  const transportRng = new Rng(o.seed, 'transport');
  const framingRng = new Rng(o.seed, 'framing');
  const stats = { messages: 0, events: 0, emitted: 0, duplicatesSameId: 0, duplicatesNewId: 0, batches: 0, bytes: 0, verdicts: {} };

  let buf = [];
  let bufLen = 0;
  const write = (s) => {
    buf.push(s);
    bufLen += s.length;
  };
  const framer = new Framer(o.framing, framingRng, write);
  const transport = new Transport(transportRng, framer, stats);
  const take = () => {
    const s = buf.join('');
    buf = [];
    bufLen = 0;
    stats.bytes += Buffer.byteLength(s);
    return s;
  };

  const plans = planMessages(o, content);
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i];
    plans[i] = null; // let built messages (and their sends) be collected
    transport.drain(plan.start * 1000);
    const { events, row } = buildMessage(plan, content);
    for (const { t, ev } of events) transport.schedule(t, ev);
    stats.events += events.length;
    if (row) {
      stats.messages++;
      stats.verdicts[row.verdict] = (stats.verdicts[row.verdict] ?? 0) + 1;
      o.onMessage?.(row);
    }
    if (bufLen > 1 << 20) yield take();
  }
  transport.finish();
  stats.emitted = stats.events + stats.duplicatesSameId + stats.duplicatesNewId;
  if (bufLen > 0) yield take();
  options.onStats?.(stats);
}

export const MANIFEST_HEADER = 'email\tmessage_id\tsg_message_id\tintended_verdict\tforward_to';
export function manifestLine(row) {
  return `${row.email}\t${row.message_id}\t${row.sg_message_id}\t${row.verdict}\t${row.forward_to}`;
}

/** In memory, for tests and small N: `{ text, messages, stats }`. */
export function generateSync(options = {}) {
  const messages = [];
  let stats;
  const chunks = [];
  for (const c of generateChunks({ ...options, onMessage: (r) => (messages.push(r), options.onMessage?.(r)), onStats: (s) => (stats = s) })) chunks.push(c);
  return { text: chunks.join(''), messages, stats };
}

/**
 * Options: `messages` (N), `seed`, `framing` (ndjson|array|pretty|mixed), `start` (ISO day start),
 * `minEach` (least messages per verdict when N allows, default 2), `onMessage(row)`.
 * Streams to `out` (a path; gzip when `gzip`), or to `stream` (a writable), or returns the text.
 * Writes the manifest TSV to `manifest` when given. Resolves to `{ messages, stats, text? }`;
 * `messages` (the manifest rows) is omitted when an `onMessage` callback is given. A row is
 * `{ email, message_id, sg_message_id, verdict, forward_to, variant, sibling }`: the TSV columns
 * plus the sub-case the generator built (e.g. variant 'verp', sibling 'before').
 */
export async function generate(options = {}) {
  const keep = !options.onMessage;
  const messages = [];
  let stats;
  let manifestFd = null;
  let manifestBuf = '';
  if (options.manifest) {
    manifestFd = openSync(options.manifest, 'w');
    manifestBuf = MANIFEST_HEADER + '\n';
  }
  const onMessage = (row) => {
    if (keep) messages.push(row);
    else options.onMessage(row);
    if (manifestFd !== null) {
      manifestBuf += manifestLine(row) + '\n';
      if (manifestBuf.length > 1 << 16) {
        writeSync(manifestFd, manifestBuf);
        manifestBuf = '';
      }
    }
  };
  const chunks = generateChunks({ ...options, onMessage, onStats: (s) => (stats = s) });
  try {
    if (options.out || options.stream) {
      const sink = options.out ? createWriteStream(options.out) : options.stream;
      const stages = [Readable.from(chunks, { objectMode: false }), ...(options.gzip ? [createGzip()] : []), sink];
      await pipeline(...stages, options.stream ? { end: false } : {});
      return keep ? { messages, stats } : { stats };
    }
    const text = [...chunks].join('');
    return keep ? { text, messages, stats } : { text, stats };
  } finally {
    if (manifestFd !== null) {
      writeSync(manifestFd, manifestBuf);
      closeSync(manifestFd);
    }
  }
}

// ───────────────────────────────────────────────────────────────────────────── CLI

const USAGE = `usage: node scripts/generate.mjs [--messages N] [--seed S] [--framing ndjson|array|pretty|mixed]
                                 [--start ISO] [--out FILE] [--gzip] [--manifest FILE] [--stats]

Writes a deterministic, realistic SendGrid Event Webhook log (stdout unless --out).
  --messages N      recipient messages to generate (default 1000)
  --seed S          any string or number; same seed, same bytes (default 1)
  --framing F       ndjson (default), array (a POST body per line), pretty, mixed
  --start ISO       start of the generated day (default ${DEFAULT_START})
  --gzip            gzip the output
  --manifest FILE   TSV: ${MANIFEST_HEADER.replace(/\t/g, '<TAB>')}
  --stats           print counts to stderr when done`;

function parseArgs(argv) {
  const opts = {};
  const flags = new Set(['gzip', 'stats', 'help']);
  const names = new Set(['messages', 'seed', 'framing', 'start', 'out', 'manifest']);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '-h') arg = '--help';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    let [name, value] = arg.slice(2).split(/=(.*)/s);
    if (flags.has(name)) {
      opts[name] = true;
      continue;
    }
    if (!names.has(name)) throw new Error(`unknown option: --${name}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
    }
    opts[name] = value;
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      process.stdout.write(USAGE + '\n');
      return;
    }
    normalizeOptions(opts);
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { stats } = await generate({
    ...opts,
    ...(opts.out ? {} : { stream: process.stdout }),
    onMessage: () => {},
  });
  if (opts.stats) process.stderr.write(JSON.stringify(stats) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    if (err.code === 'EPIPE') return;
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 1;
  });
}
