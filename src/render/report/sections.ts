import { HEADLINE_GROUPS } from '../../report/headline.js';
import { NO_KEY } from '../../report/domains.js';
import type { AttentionEntry, ReasonClassCount, Report } from '../../report/types.js';
import { VERDICTS, type Verdict } from '../../verdict/verdicts.js';
import type { ReportPresentation } from './input.js';
import { formatBytes, formatCount, formatShare } from './numbers.js';
import { SKIP_KIND_NAMES } from '../../events/accounting.js';
import type { Catalog } from '../../i18n/catalog.js';

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

function when(at: number | null, ctx: ReportPresentation): string {
  return at === null ? '-' : ctx.time.dateTime(at);
}

function overview(r: Report, ctx: ReportPresentation): Section {
  const w = ctx.t.report;
  const o = w.overview;
  const rows: Cell[][] = [
    [o.messages, formatCount(r.messages)],
    [o.onErrorList, `${formatCount(r.errorList.total)} (${formatShare(r.errorList.total, r.messages)})`],
    [o.firstEvent, when(r.range.first, ctx)],
    [o.lastEvent, when(r.range.last, ctx)],
    [o.timeZone, ctx.time.zone],
  ];
  if (r.inputs.length > 0) rows.unshift([o.inputs, { log: r.inputs.join(', ') }]);
  const s = r.selection;
  if (s.since !== null) rows.push([o.since, when(s.since, ctx)]);
  if (s.until !== null) rows.push([o.until, when(s.until, ctx)]);
  if (s.verdicts.length > 0) rows.push([o.verdicts, s.verdicts.join(', ')]);
  if (s.errorsOnly) rows.push([o.selection, o.errorsOnly]);
  if (s.emails > 0) rows.push([o.selection, o.emails(s.emails)]);
  if (s.messageIds > 0) rows.push([o.selection, o.messageIds(s.messageIds)]);
  return { id: 'overview', title: w.title, note: null, columns: [left(w.item), left(w.value)], rows, pairs: true };
}

function headline(r: Report, t: Catalog): Section {
  const w = t.report;
  const c = w.columns;
  const total = r.errorList.total;
  const rows: Cell[][] = [];
  for (const o of r.errorList.outcomes) {
    // `delivered` and `other` are normally empty; shown only when they hold messages.
    if (o.count === 0 && (o.group === 'delivered' || o.group === 'other')) continue;
    const detail = (Object.entries(o.verdicts) as Array<[Verdict, number]>).map(([v, n]) => `${v} ${formatCount(n)}`).join(', ');
    rows.push([t.groups[o.group].label, formatCount(o.count), formatShare(o.count, total), detail || '-']);
  }
  rows.push([w.headline.onErrorList, formatCount(total), formatShare(total, total), '']);
  return {
    id: 'headline',
    title: w.headline.title,
    note: w.headline.note(total, r.messages),
    columns: [left(c.outcome), right(c.messages), right(c.share), left(c.verdicts, true)],
    rows,
  };
}

function verdicts(r: Report, t: Catalog): Section {
  const w = t.report;
  const c = w.columns;
  const rows: Cell[][] = VERDICTS.map((v) => [
    { verdict: v },
    formatCount(r.verdicts[v].count),
    formatShare(r.verdicts[v].count, r.messages),
    formatCount(r.verdicts[v].errorList),
    t.verdictMeaning[v],
  ]);
  rows.push([w.all, formatCount(r.messages), formatShare(r.messages, r.messages), formatCount(r.errorList.total), '']);
  return {
    id: 'verdicts',
    title: w.verdictsTitle,
    note: null,
    columns: [left(c.verdict), right(c.messages), right(c.share), right(c.onErrorList), left(c.meaning, true)],
    rows,
  };
}

function reasons(id: string, title: string, counts: ReasonClassCount[], total: number, t: Catalog): Section {
  const w = t.report;
  const c = w.columns;
  return {
    id,
    title,
    note: total === 0 ? w.none : null,
    columns: [left(c.reasonClass), right(c.messages), right(c.share), left(c.meaning, true)],
    rows: counts.map((n) => [
      n.reasonClass ?? w.noReason,
      formatCount(n.count),
      formatShare(n.count, total),
      n.reasonClass === null ? w.noReasonMeaning : t.reasonClass[n.reasonClass],
    ]),
  };
}

function domains(r: Report, t: Catalog): Section {
  const w = t.report;
  return keyedSection(r.domains, t, { id: 'domains', title: w.domainsTitle, key: w.columns.domain, other: w.otherDomains });
}

/** Outcomes by category of the send; only when some message has one. */
function categories(r: Report, t: Catalog): Section[] {
  const c = r.categories;
  if (c.distinct === 0 || (c.distinct === 1 && c.top[0]?.domain === NO_KEY)) return [];
  const w = t.report;
  const section = keyedSection(c, t, { id: 'categories', title: w.categoriesTitle, key: w.columns.category, other: w.otherCategories });
  section.note = w.categoriesNote;
  return [section];
}

/** The sending IPs of blocklist and reputation refusals: what to look up or raise with SendGrid. */
function blockedIps(r: Report, t: Catalog): Section[] {
  const b = r.blockedIps;
  if (b.messages === 0) return [];
  const w = t.report;
  const c = w.columns;
  return [
    {
      id: 'blocked-ips',
      title: b.distinct > b.top.length ? `${w.blockedIpsTitle} ${w.top(b.top.length, b.distinct)}` : w.blockedIpsTitle,
      note: w.blockedIpsNote(b.messages),
      columns: [left(c.sendingIp), right(c.messages), right(c.blocklisted), right(c.reputation)],
      rows: b.top.map((row) => [{ log: row.ip }, formatCount(row.messages), formatCount(row.blocklisted), formatCount(row.reputation)]),
    },
  ];
}

function keyedSection(d: Report['domains'], t: Catalog, words: { id: string; title: string; key: string; other: (n: number) => string }): Section {
  const w = t.report;
  const c = w.columns;
  const groupCells = (g: Record<string, number>): Cell[] =>
    (['failed', 'after-delivery', 'recovered', 'pending'] as const).map((k) => formatCount(g[k] ?? 0));
  const rows: Cell[][] = d.top.map((row) => [{ log: row.domain === NO_KEY ? w.noKey : row.domain }, formatCount(row.messages), formatCount(row.errorList), ...groupCells(row.groups)]);
  if (d.rest) rows.push([words.other(d.rest.domains), formatCount(d.rest.messages), formatCount(d.rest.errorList), ...groupCells(d.rest.groups)]);
  return {
    id: words.id,
    title: d.rest ? `${words.title} ${w.top(d.top.length, d.distinct)}` : words.title,
    note: d.distinct === 0 ? w.none : null,
    columns: [left(words.key), right(c.messages), right(c.errorList), right(c.failed), right(c.afterDelivery), right(c.recovered), right(c.pending)],
    rows,
  };
}

function forwardTargets(r: Report, t: Catalog): Section {
  const f = r.forwardTargets;
  const w = t.report;
  const rows: Cell[][] = f.top.map((row) => [{ log: row.domain }, formatCount(row.messages)]);
  if (f.rest) rows.push([w.otherDomains(f.rest.domains), formatCount(f.rest.messages)]);
  return {
    id: 'forward-targets',
    title: w.forwardTitle,
    note: f.messages === 0 ? w.none : w.forwardNote(f.messages),
    columns: [left(w.columns.domain), right(w.columns.messages)],
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
    e.gap === null ? '-' : `+${ctx.t.duration(e.gap)}`,
    e.reasonClass ?? '-',
    detail === '' ? '-' : { log: detail },
  ];
}

function attention(r: Report, ctx: ReportPresentation): Section {
  const a = r.attention;
  const w = ctx.t.report;
  const c = w.columns;
  return {
    id: 'attention',
    title: a.total > a.entries.length ? `${w.attentionTitle} ${w.shownOf(a.entries.length, a.total)}` : w.attentionTitle,
    note: a.total === 0 ? w.none : w.attentionNote,
    columns: [left(c.email), left(c.verdict), left(c.bouncedSort), right(c.sinceDelivery), left(c.reasonClass), left(c.forwardOrReason, true)],
    rows: a.entries.map((e) => attentionRow(e, ctx)),
  };
}

function input(r: Report, ctx: ReportPresentation): Section {
  const i = r.input;
  const w = ctx.t.report;
  const n = w.input;
  const rows: Cell[][] = [
    [n.files, formatCount(i.files)],
    [n.bytes, n.bytesValue(formatBytes(i.bytes), i.bytes)],
    [n.eventsRead, formatCount(i.eventsRead)],
    [n.duplicates, formatCount(i.duplicates)],
    [n.distinct, formatCount(i.events)],
    [n.accountEvents, formatCount(i.accountEvents)],
    [n.messages, formatCount(i.messages)],
    [n.first, when(i.first, ctx)],
    [n.last, when(i.last, ctx)],
  ];
  for (const kind of SKIP_KIND_NAMES) {
    const s = i.skipped[kind];
    if (s.count === 0) continue;
    // The count and the place are ours, but the file name is the user's: all of it is shown as log text.
    rows.push([n.skipped(kind), { log: n.skippedValue(s.count, s.first ?? '-') }]);
  }
  return { id: 'input', title: n.title, note: null, columns: [left(w.item), left(w.value)], rows, pairs: true };
}

/** SendGrid changed the account's status: said before anything else the report says. */
function account(r: Report, ctx: ReportPresentation): Section[] {
  if (r.accountChanges.length === 0) return [];
  return [
    {
      id: 'account',
      title: ctx.t.report.account.title,
      note: ctx.t.report.account.note,
      columns: [left(ctx.t.report.columns.statusChange), right(ctx.t.report.columns.events), left(ctx.t.report.columns.first), left(ctx.t.report.columns.last)],
      rows: r.accountChanges.map((c) => [{ log: c.type }, formatCount(c.count), when(c.first, ctx), when(c.last, ctx)]),
    },
  ];
}

/** Spam complaints and unsubscribes, rated per delivered message; only when there are any. */
function feedback(r: Report, t: Catalog): Section[] {
  const f = r.feedback;
  if (f.spamreport + f.unsubscribe + f.groupUnsubscribe === 0) return [];
  const w = t.report.feedback;
  const c = t.report.columns;
  const row = (label: string, n: number): Cell[] => [label, formatCount(n), formatShare(n, f.delivered)];
  return [
    {
      id: 'feedback',
      title: w.title,
      note: w.note(f.delivered),
      columns: [left(c.feedback), right(c.messages), right(c.perDelivered)],
      rows: [row(w.spamreports, f.spamreport), row(w.unsubscribes, f.unsubscribe), row(w.groupUnsubscribes, f.groupUnsubscribe)],
    },
  ];
}

/** The really failed messages, newest failure first. */
function failed(r: Report, ctx: ReportPresentation): Section {
  const f = r.failed;
  const w = ctx.t.report;
  const c = w.columns;
  return {
    id: 'failed',
    title: f.total > f.entries.length ? `${w.failedTitle} ${w.shownOf(f.entries.length, f.total)}` : w.failedTitle,
    note: f.total === 0 ? w.none : w.failedNote,
    columns: [left(c.failedSort), left(c.email), left(c.verdict), left(c.reasonClass), left(c.reason, true)],
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
function failOn(r: Report, t: Catalog): Section[] {
  if (r.failOn.length === 0) return [];
  const held = r.failOn.some((c) => c.holds);
  const w = t.report.failOn;
  const col = t.report.columns;
  return [
    {
      id: 'fail-on',
      title: held ? w.holds : w.doesNotHold,
      note: null,
      columns: [left(col.condition), right(col.measured), right(col.threshold), left(col.holds)],
      rows: r.failOn.map((c) => [
        { log: c.condition.text },
        c.condition.percent ? w.share(c.percent.toFixed(1), c.count, c.total) : formatCount(c.count),
        `${c.condition.op} ${c.condition.value}${c.condition.percent ? '%' : ''}`,
        c.holds ? w.yes : w.no,
      ]),
    },
  ];
}

/** The human report, section by section, in reading order. */
export function reportSections(r: Report, ctx: ReportPresentation): Section[] {
  const t = ctx.t;
  return [
    overview(r, ctx),
    ...account(r, ctx),
    ...failOn(r, t),
    headline(r, t),
    verdicts(r, t),
    ...feedback(r, t),
    reasons('reasons-failed', t.report.reasonsFailed, r.reasonClasses.failed, r.groups.failed, t),
    reasons('reasons-after-delivery', t.report.reasonsAfterDelivery, r.reasonClasses.afterDelivery, r.groups['after-delivery'], t),
    domains(r, t),
    ...categories(r, t),
    forwardTargets(r, t),
    ...blockedIps(r, t),
    failed(r, ctx),
    attention(r, ctx),
    input(r, ctx),
  ];
}

/** Headline groups in order, for charts (the same rule for hiding empty `delivered`/`other`). */
export function headlineBars(r: Report, t: Catalog): Array<{ group: (typeof HEADLINE_GROUPS)[number]; label: string; count: number }> {
  return r.errorList.outcomes
    .filter((o) => o.count > 0 || (o.group !== 'delivered' && o.group !== 'other'))
    .map((o) => ({ group: o.group, label: t.groups[o.group].label, count: o.count }));
}
