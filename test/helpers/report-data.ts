import { catalog, type Lang } from '../../src/i18n/catalog.js';
import { Readable } from 'node:stream';
import { decidedMessages, groupMessages } from '../../src/commands/pipeline.js';
import type { MessageView } from '../../src/verdict/view.js';
import { emptyFilter, selects, type MessageFilter } from '../../src/verdict/select.js';
import { buildReport } from '../../src/report/build.js';
import { HourlyCounter } from '../../src/report/hourly.js';
import type { Report } from '../../src/report/types.js';
import type { ReportPresentation } from '../../src/render/report/input.js';
import { Redactor, scrubber } from '../../src/render/redact.js';
import { makeStyle } from '../../src/render/style.js';
import { timeFormatter } from '../../src/render/time.js';

/** Runs the real pipeline in-process on NDJSON text and builds the report. */
export async function reportOf(
  events: Array<Record<string, unknown>>,
  opts: { top?: number; filter?: Partial<MessageFilter> } = {},
): Promise<{ report: Report; messages: MessageView[] }> {
  const filter = { ...emptyFilter(), ...opts.filter };
  const hourly = new HourlyCounter();
  const text = events.map((e) => JSON.stringify(e)).join('\n');
  const io = {
    stdin: Readable.from([Buffer.from(text)]),
    stdout: process.stdout,
    stderr: process.stderr,
    env: {},
    now: () => 0,
  };
  const a = await groupMessages({ files: [], strict: false, quiet: true, lang: 'en', filter, onEvent: (e) => hourly.add(e) }, io);
  const all = [...decidedMessages(a)];
  const messages = all.filter((v) => selects(filter, v));
  const report = buildReport({
    messages,
    allMessages: all.length,
    accounting: a.accounting,
    accountEvents: a.accountEvents,
    hourly: hourly.result(),
    inputRange: { first: hourly.first, last: hourly.last },
    selection: { since: null, until: null, verdicts: [], errorsOnly: false, emails: 0, messageIds: 0 },
    top: opts.top ?? 10,
  });
  return { report, messages };
}

export function reportPresentation(
  opts: { tty?: boolean; color?: boolean; redact?: boolean; width?: number; tz?: string; lang?: Lang } = {},
): ReportPresentation {
  const t = catalog(opts.lang ?? 'en');
  return {
    t,
    scrub: scrubber(opts.redact ? new Redactor() : null),
    time: timeFormatter(opts.tz ?? 'UTC', t.zoneAbbreviation ? 'abbreviation' : 'offset'),
    plainTime: timeFormatter(opts.tz ?? 'UTC'),
    style: makeStyle(opts.color ?? false),
    tty: opts.tty ?? false,
    width: opts.width ?? 120,
  };
}

let seq = 0;
/** One message's events: `kinds` in order, a second apart from `at`, on its own X-Message-Id. */
export function message(email: string, at: number, kinds: Array<string | Record<string, unknown>>): Array<Record<string, unknown>> {
  seq++;
  const id = `Msg${String(seq).padStart(4, '0')}xxxxxxxxxxxxxxx`;
  return kinds.map((k, i) => {
    const extra = typeof k === 'string' ? { event: k } : k;
    return {
      email,
      timestamp: at + i * 60,
      sg_message_id: `${id}.filterdrecv-1-${seq}.0`,
      'smtp-id': `<${id}@ismtpd>`,
      sg_event_id: `${seq}-${i}`,
      ...extra,
    };
  });
}
