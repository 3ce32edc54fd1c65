#!/usr/bin/env node
// Bounded memory of `--follow` on an endless stream (README.md#live): writes N synthetic events
// (default 10M) into `sgtrail messages -f --json` through a pipe held open, output to /dev/null,
// and samples the resident set of the sgtrail process as the events go in.
//
//   node scripts/follow-memory.mjs [--events N] [--per-message-seconds S] [--heap MB]
//
// --heap caps sgtrail's V8 heap (--max-old-space-size): a run that completes under a small cap
// shows the live set is that small, whatever the resident set V8 lets grow without one.
//
// Messages follow one another S seconds apart in event time (default 1: 10M events span about 39
// days, five 8-day retention windows). Each message is processed and delivered; some are opened,
// some deferred first, some bounce after delivery (an ID-less bounce naming a forward target), a
// few bounce outright. Every event has its own sg_event_id, so the duplicate keys grow too.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVENTS = opt('--events', 10_000_000);
const STEP = opt('--per-message-seconds', 1);
const HEAP = opt('--heap', 0);
const T0 = 1_790_000_000;

const heap = HEAP > 0 ? [`--max-old-space-size=${HEAP}`] : [];
const child = spawn(process.execPath, [...heap, join(root, 'bin/sgtrail.js'), 'messages', '-f', '--json', '-q'], {
  stdio: ['pipe', openSync('/dev/null', 'w'), 'inherit'],
  env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
});

// sgtrail may stop first (out of memory under --heap): the feed then stops too.
let childGone = false;
child.stdin.on('error', () => {
  childGone = true;
});
child.once('exit', () => {
  childGone = true;
});

function rssMb() {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

let n = 0;
let seq = 0;
const id = (k) => k.toString(36).padStart(22, '0');
function* messageEvents(k) {
  const email = `user${k % 500_000}@example${k % 97}.com`;
  const t = T0 + k * STEP;
  const mid = id(k);
  const base = (event, at, extra) =>
    JSON.stringify({
      email,
      timestamp: at,
      event,
      'smtp-id': `<${mid}@ismtpd0001p1iad2.sendgrid.net>`,
      sg_event_id: `e${(seq++).toString(36)}`,
      sg_message_id: `${mid}.filterdrecv-p3mdw1-1-5E0F0B7D-1.0`,
      ...extra,
    });
  yield base('processed', t, {});
  if (k % 20 === 0) yield base('deferred', t + 60, { response: '421 4.7.0 Try again later', attempt: '1' });
  if (k % 100 === 1) {
    yield base('bounce', t + 2, { type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account that you tried to reach does not exist.' });
    return;
  }
  yield base('delivered', t + (k % 20 === 0 ? 600 : 2), { response: '250 2.0.0 OK' });
  if (k % 3 === 0) yield base('open', t + 300, { sg_machine_open: false, useragent: 'Mozilla/5.0' });
  if (k % 50 === 7) {
    yield JSON.stringify({ email, timestamp: t + 280, event: 'bounce', type: 'blocked', status: '5.2.2', reason: `552 5.2.2 <fwd${k}@mail.example.net>... Mailbox full`, sg_event_id: `b${k}` });
  }
}

const samples = [];
const started = Date.now();
const timer = setInterval(() => {
  const r = rssMb();
  if (r !== null) samples.push({ s: (Date.now() - started) / 1000, events: n, rss: r });
}, 1000);

async function feed() {
  let k = 0;
  let batch = [];
  while (n < EVENTS && !childGone) {
    for (const line of messageEvents(k++)) {
      batch.push(line);
      n++;
    }
    if (batch.length >= 2000) {
      const ok = child.stdin.write(`${batch.join('\n')}\n`);
      batch = [];
      if (!ok && !childGone) {
        await new Promise((resolve) => {
          const done = () => {
            child.stdin.off('drain', done);
            child.off('exit', done);
            resolve();
          };
          child.stdin.once('drain', done);
          child.once('exit', done);
        });
      }
    }
  }
  child.stdin.end(batch.length > 0 ? `${batch.join('\n')}\n` : '');
}

await feed();
const code = child.exitCode ?? (await new Promise((r) => child.once('exit', (c) => r(c))));
clearInterval(timer);
const seconds = (Date.now() - started) / 1000;
const fmt = (x) => x.rss.toFixed(0).padStart(5);
console.log(`events ${n}, ${seconds.toFixed(0)} s, exit ${code}, ${(n / seconds / 1000).toFixed(0)}k events/s${HEAP > 0 ? `, heap cap ${HEAP} MB` : ''}`);
const pick = (f) => samples[Math.min(samples.length - 1, Math.max(0, Math.round(f * (samples.length - 1))))];
console.log('share of the stream   events sent   RSS MB');
for (const f of [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
  const x = pick(f);
  if (x) console.log(`${`${(f * 100).toFixed(0)}%`.padStart(18)}   ${String(x.events).padStart(11)}   ${fmt(x)}`);
}
const rss = samples.map((x) => x.rss);
console.log(`max RSS ${Math.max(...rss).toFixed(0)} MB`);
