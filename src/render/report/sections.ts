import { REASON_CLASS_DESCRIPTIONS } from '../../reasons/hints.js';
import { HEADLINE_GROUPS } from '../../report/headline.js';
import type { AttentionEntry, ReasonClassCount, Report } from '../../report/types.js';
import { VERDICT_DESCRIPTIONS, VERDICTS, type Verdict } from '../../verdict/verdicts.js';
import type { ReportPresentation } from './input.js';
import { formatBytes, formatCount, formatShare } from './numbers.js';
import { GROUP_WORDS } from './words.js';
import { SKIP_KINDS, SKIP_KIND_NAMES } from '../../events/accounting.js';
import { formatDuration } from '../time.js';

/**
 * The human report as format-neutral tables: the text, markdown and HTML renderers each lay the
 * same sections out their own way, so the three always say the same thing. Text from the log is
 * marked (`{ log }`) so that each renderer makes it safe for its medium; it is already redacted.
 */
export type Cell = string | { log: string } | { verdict: Verdict };

export interface Column {
  title: string;
  align: 'left' | 'right';
  /** Long free text (reasons, meanings): truncated to the terminal width, wrapped in HTML. */
  wide?: boolean;
}

export interface Section {
  /** Stable code: `headline`, `verdicts`, … (plain text prints it, HTML uses it as an id). */
  id: string;
  title: string;
  note: string | null;
  columns: Column[];
  rows: Cell[][];
  /** A key/value list rather than a table with a header. */
  pairs?: boolean;
}

const left = (title: string, wide = false): Column => ({ title, align: 'left', wide });
const right = (title: string): Column => ({ title, align: 'right' });

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function when(at: number | null, ctx: ReportPresentation): string {
  return at === null ? '-' : ctx.time.dateTime(at);
}

function overview(r: Report, ctx: ReportPresentation): Section {
  const rows: Cell[][] = [
    ['messages', formatCount(r.messages)],
    ['on the error list', `${formatCount(r.errorList.total)} (${formatShare(r.errorList.total, r.messages)})`],
    ['first event', when(r.range.first, ctx)],
    ['last event', when(r.range.last, ctx)],
    ['time zone', ctx.time.zone],
  ];
  if (r.inputs.length > 0) rows.unshift(['inputs', { log: r.inputs.join(', ') }]);
  const s = r.selection;
  if (s.since !== null) rows.push(['since', when(s.since, ctx)]);
  if (s.until !== null) rows.push(['until', when(s.until, ctx)]);
  if (s.verdicts.length > 0) rows.push(['verdicts', s.verdicts.join(', ')]);
  if (s.errorsOnly) rows.push(['selection', 'error-list messages only (--errors)']);
  if (s.emails > 0) rows.push(['selection', `${plural(s.emails, 'address', 'addresses')} (--email)`]);
  if (s.messageIds > 0) rows.push(['selection', `${plural(s.messageIds, 'message ID')} (--message)`]);
  return { id: 'overview', title: 'sgtrail report', note: null, columns: [left('item'), left('value')], rows, pairs: true };
}

function headline(r: Report): Section {
  const total = r.errorList.total;
  const rows: Cell[][] = [];
  for (const o of r.errorList.outcomes) {
    // `delivered` and `other` are normally empty; shown only when they hold messages.
    if (o.count === 0 && (o.group === 'delivered' || o.group === 'other')) continue;
    const detail = (Object.entries(o.verdicts) as Array<[Verdict, number]>).map(([v, n]) => `${v} ${formatCount(n)}`).join(', ');
    rows.push([GROUP_WORDS[o.group].label, formatCount(o.count), formatShare(o.count, total), detail || '-']);
  }
  rows.push(['on the error list', formatCount(total), formatShare(total, total), '']);
  return {
    id: 'headline',
    title: 'Error list vs real outcome',
    note: `${plural(total, 'message')} of ${formatCount(r.messages)} would be on a naive error list (any deferred, dropped or bounce event). What really happened to them:`,
    columns: [left('outcome'), right('messages'), right('share'), left('verdicts', true)],
    rows,
  };
}

function verdicts(r: Report): Section {
  const rows: Cell[][] = VERDICTS.map((v) => [
    { verdict: v },
    formatCount(r.verdicts[v].count),
    formatShare(r.verdicts[v].count, r.messages),
    formatCount(r.verdicts[v].errorList),
    VERDICT_DESCRIPTIONS[v],
  ]);
  rows.push(['all', formatCount(r.messages), formatShare(r.messages, r.messages), formatCount(r.errorList.total), '']);
  return {
    id: 'verdicts',
    title: 'Verdicts',
    note: null,
    columns: [left('verdict'), right('messages'), right('share'), right('on error list'), left('meaning', true)],
    rows,
  };
}

function reasons(id: string, title: string, counts: ReasonClassCount[], total: number): Section {
  return {
    id,
    title,
    note: total === 0 ? 'none' : null,
    columns: [left('reason class'), right('messages'), right('share'), left('meaning', true)],
    rows: counts.map((c) => [
      c.reasonClass ?? '(no reason)',
      formatCount(c.count),
      formatShare(c.count, total),
      c.reasonClass === null ? 'the deciding event carried no reason text' : REASON_CLASS_DESCRIPTIONS[c.reasonClass],
    ]),
  };
}

function domains(r: Report): Section {
  return keyedSection(r.domains, { id: 'domains', title: 'Recipient domains', key: 'domain', other: 'other domain' });
}

/** Outcomes by category of the send; only when some message has one. */
function categories(r: Report): Section[] {
  const c = r.categories;
  if (c.distinct === 0 || (c.distinct === 1 && c.top[0]?.domain === '(none)')) return [];
  const section = keyedSection(c, { id: 'categories', title: 'Categories', key: 'category', other: 'other category' });
  section.note = 'A message sent with several categories counts in each.';
  return [section];
}

/** The sending IPs of blocklist and reputation refusals: what to look up or raise with SendGrid. */
function blockedIps(r: Report): Section[] {
  const b = r.blockedIps;
  if (b.messages === 0) return [];
  return [
    {
      id: 'blocked-ips',
      title: b.distinct > b.top.length ? `Sending IPs refused for blocklists or reputation (top ${b.top.length} of ${formatCount(b.distinct)})` : 'Sending IPs refused for blocklists or reputation',
      note: `${plural(b.messages, 'message')} refused as blocklisted or for the sender's reputation, by the IP SendGrid sent from (most first).`,
      columns: [left('sending IP'), right('messages'), right('blocklisted'), right('reputation')],
      rows: b.top.map((row) => [{ log: row.ip }, formatCount(row.messages), formatCount(row.blocklisted), formatCount(row.reputation)]),
    },
  ];
}

function keyedSection(d: Report['domains'], words: { id: string; title: string; key: string; other: string }): Section {
  const groupCells = (g: Record<string, number>): Cell[] =>
    (['failed', 'after-delivery', 'recovered', 'pending'] as const).map((k) => formatCount(g[k] ?? 0));
  const rows: Cell[][] = d.top.map((row) => [{ log: row.domain }, formatCount(row.messages), formatCount(row.errorList), ...groupCells(row.groups)]);
  if (d.rest) rows.push([`(${plural(d.rest.domains, words.other)})`, formatCount(d.rest.messages), formatCount(d.rest.errorList), ...groupCells(d.rest.groups)]);
  return {
    id: words.id,
    title: d.rest ? `${words.title} (top ${d.top.length} of ${formatCount(d.distinct)})` : words.title,
    note: d.distinct === 0 ? 'none' : null,
    columns: [left(words.key), right('messages'), right('error list'), right('failed'), right('after delivery'), right('recovered'), right('pending')],
    rows,
  };
}

function forwardTargets(r: Report): Section {
  const f = r.forwardTargets;
  const rows: Cell[][] = f.top.map((row) => [{ log: row.domain }, formatCount(row.messages)]);
  if (f.rest) rows.push([`(${plural(f.rest.domains, 'other domain')})`, formatCount(f.rest.messages)]);
  return {
    id: 'forward-targets',
    title: 'Forward targets that bounced, by domain',
    note:
      f.messages === 0
        ? 'none'
        : `${plural(f.messages, 'message')} reached the recipient and bounced at an address it was forwarded to.`,
    columns: [left('domain'), right('messages')],
    rows,
  };
}

function attentionRow(e: AttentionEntry, ctx: ReportPresentation): Cell[] {
  const reason = e.reason === null ? null : ctx.scrub(e.reason);
  const forward = e.forwardTo === null ? null : `→ ${ctx.scrub(e.forwardTo)}`;
  const detail = [forward, reason].filter((x) => x !== null).join(': ');
  return [
    { log: ctx.scrub(e.email) },
    { verdict: e.verdict },
    when(e.failedAt, ctx),
    e.gap === null ? '-' : `+${formatDuration(e.gap)}`,
    e.reasonClass ?? '-',
    detail === '' ? '-' : { log: detail },
  ];
}

function attention(r: Report, ctx: ReportPresentation): Section {
  const a = r.attention;
  return {
    id: 'attention',
    title:
      a.total > a.entries.length
        ? `Delivered, then bounced: look at these first (${a.entries.length} of ${formatCount(a.total)})`
        : 'Delivered, then bounced: look at these first',
    note:
      a.total === 0
        ? 'none'
        : 'The error list shows these as failed, but the receiving server accepted them first. Sorted by verdict (plain bounces after delivery first, then forwarded and read ones), then by bounce time, newest first.',
    columns: [left('email'), left('verdict'), left('bounced (sort)'), right('after delivery'), left('reason class'), left('forward to / reason', true)],
    rows: a.entries.map((e) => attentionRow(e, ctx)),
  };
}

function input(r: Report, ctx: ReportPresentation): Section {
  const i = r.input;
  const rows: Cell[][] = [
    ['files', formatCount(i.files)],
    ['bytes', `${formatBytes(i.bytes)} (${formatCount(i.bytes)} bytes)`],
    ['events read', formatCount(i.eventsRead)],
    ['duplicates removed', formatCount(i.duplicates)],
    ['distinct events', formatCount(i.events)],
    ['account events (no recipient)', formatCount(i.accountEvents)],
    ['recipient messages in the input', formatCount(i.messages)],
    ['first event in the input', when(i.first, ctx)],
    ['last event in the input', when(i.last, ctx)],
  ];
  for (const kind of SKIP_KIND_NAMES) {
    const s = i.skipped[kind];
    if (s.count === 0) continue;
    rows.push([`skipped: ${SKIP_KINDS[kind].report}`, { log: `${formatCount(s.count)} (first at ${s.first ?? '-'})` }]);
  }
  return { id: 'input', title: 'Input', note: null, columns: [left('item'), left('value')], rows, pairs: true };
}

/** SendGrid changed the account's status: said before anything else the report says. */
function account(r: Report, ctx: ReportPresentation): Section[] {
  if (r.accountChanges.length === 0) return [];
  return [
    {
      id: 'account',
      title: 'ACCOUNT STATUS CHANGED: check the SendGrid account first',
      note: 'SendGrid posted account_status_change events; a suspension stops or bounces every message that follows.',
      columns: [left('status change'), right('events'), left('first'), left('last')],
      rows: r.accountChanges.map((c) => [{ log: c.type }, formatCount(c.count), when(c.first, ctx), when(c.last, ctx)]),
    },
  ];
}

/** Spam complaints and unsubscribes, rated per delivered message; only when there are any. */
function feedback(r: Report): Section[] {
  const f = r.feedback;
  if (f.spamreport + f.unsubscribe + f.groupUnsubscribe === 0) return [];
  const row = (label: string, n: number): Cell[] => [label, formatCount(n), formatShare(n, f.delivered)];
  return [
    {
      id: 'feedback',
      title: 'Complaints and unsubscribes',
      note: `Messages whose recipient reported spam or unsubscribed, and their share of the ${plural(f.delivered, 'delivered message')}.`,
      columns: [left('feedback'), right('messages'), right('per delivered')],
      rows: [row('spam reports', f.spamreport), row('unsubscribes', f.unsubscribe), row('group unsubscribes', f.groupUnsubscribe)],
    },
  ];
}

/** The really failed messages, newest failure first. */
function failed(r: Report, ctx: ReportPresentation): Section {
  const f = r.failed;
  return {
    id: 'failed',
    title: f.total > f.entries.length ? `Really failed (${f.entries.length} of ${formatCount(f.total)})` : 'Really failed',
    note: f.total === 0 ? 'none' : 'Never delivered: bounced, blocked, expired or dropped. Sorted by the time it failed, newest first.',
    columns: [left('failed (sort)'), left('email'), left('verdict'), left('reason class'), left('reason', true)],
    rows: f.entries.map((e) => [
      when(e.failedAt, ctx),
      { log: ctx.scrub(e.email) },
      { verdict: e.verdict },
      e.reasonClass ?? '-',
      e.reason === null ? '-' : { log: ctx.scrub(e.reason) },
    ]),
  };
}

/** The --fail-on conditions, what was measured and whether each held: the cron job's answer. */
function failOn(r: Report): Section[] {
  if (r.failOn.length === 0) return [];
  const held = r.failOn.some((c) => c.holds);
  return [
    {
      id: 'fail-on',
      title: held ? '--fail-on: HOLDS (exit 1)' : '--fail-on: does not hold',
      note: null,
      columns: [left('condition'), right('measured'), right('threshold'), left('holds')],
      rows: r.failOn.map((c) => [
        { log: c.condition.text },
        c.condition.percent ? `${c.percent.toFixed(1)}% (${formatCount(c.count)} of ${formatCount(c.total)})` : formatCount(c.count),
        `${c.condition.op} ${c.condition.value}${c.condition.percent ? '%' : ''}`,
        c.holds ? 'yes' : 'no',
      ]),
    },
  ];
}

/** The human report, section by section, in reading order. */
export function reportSections(r: Report, ctx: ReportPresentation): Section[] {
  return [
    overview(r, ctx),
    ...account(r, ctx),
    ...failOn(r),
    headline(r),
    verdicts(r),
    ...feedback(r),
    reasons('reasons-failed', 'Why the real failures failed', r.reasonClasses.failed, r.groups.failed),
    reasons('reasons-after-delivery', 'Why delivered mail bounced later', r.reasonClasses.afterDelivery, r.groups['after-delivery']),
    domains(r),
    ...categories(r),
    forwardTargets(r),
    ...blockedIps(r),
    failed(r, ctx),
    attention(r, ctx),
    input(r, ctx),
  ];
}

/** Headline groups in order, for charts (the same rule for hiding empty `delivered`/`other`). */
export function headlineBars(r: Report): Array<{ group: (typeof HEADLINE_GROUPS)[number]; label: string; count: number }> {
  return r.errorList.outcomes
    .filter((o) => o.count > 0 || (o.group !== 'delivered' && o.group !== 'other'))
    .map((o) => ({ group: o.group, label: GROUP_WORDS[o.group].label, count: o.count }));
}
