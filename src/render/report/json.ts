import { jsonText } from '../json-text.js';
import type { SkipKind } from '../../events/accounting.js';
import type { ReasonClass } from '../../reasons/types.js';
import type { EventKind } from '../../report/event-kinds.js';
import { EVENT_KINDS } from '../../report/event-kinds.js';
import type { AttentionEntry, ReasonClassCount, Report } from '../../report/types.js';
import { VERDICT_GROUP, VERDICTS, type Verdict, type VerdictGroup } from '../../verdict/verdicts.js';
import type { Scrub } from '../redact.js';
import type { ReportInput, ReportPresentation, ReportRenderer } from './input.js';
import { shareValue } from './numbers.js';
import { isoUtc } from '../time.js';

/**
 * `report --format json`: the schema `sgtrail.report/1`, documented in docs/report-schema.md.
 * Field names are snake_case like `messages --json`; times are UTC ISO 8601 with `Z`; absent
 * values are null, never missing; shares are fractions in [0, 1] with four decimals (null when
 * the total they divide by is 0). A field is only ever added within `/1`: a consumer may ignore
 * fields it does not know.
 */
export const REPORT_SCHEMA = 'sgtrail.report/1';

export type IsoTime = string;

export interface ReportJsonCategory {
  category: string;
  messages: number;
  error_list: number;
  groups: Record<VerdictGroup, number>;
}

export interface ReportJsonFeedback {
  delivered: number;
  spamreport: { messages: number; rate: number | null };
  unsubscribe: { messages: number; rate: number | null };
  group_unsubscribe: { messages: number; rate: number | null };
}

export interface ReportJson {
  schema: typeof REPORT_SCHEMA;
  /** SendGrid account status changes (`compliance_suspend`, …) in the input: read these first. */
  account_status_changes: { type: string; events: number; first_at: IsoTime | null; last_at: IsoTime | null }[];
  /** Selected recipient messages: every other count below is of these unless it says otherwise. */
  messages: number;
  /** First and last event of the selected messages. */
  time_range: { first_event_at: IsoTime | null; last_event_at: IsoTime | null };
  selection: ReportJsonSelection;
  error_list: ReportJsonErrorList;
  /** Every verdict, in rule order; `count` sums to `messages`. */
  verdicts: ReportJsonVerdict[];
  /** Messages per verdict group; sums to `messages`. */
  groups: Record<VerdictGroup, number>;
  /** Messages with a spam complaint or an unsubscribe, and each kind's share of the delivered messages. */
  feedback: ReportJsonFeedback;
  /** Reason classes (most frequent first) of each group's messages; each list sums to `groups[group]`. */
  reason_classes: { failed: ReportJsonReasonClass[]; 'after-delivery': ReportJsonReasonClass[] };
  domains: ReportJsonRanked<ReportJsonDomain>;
  /** Messages by category of the send (a message counts in each of its categories; `(none)` without one). */
  categories: { count: number; top: ReportJsonCategory[]; rest: { categories: number; messages: number; error_list: number; groups: Record<VerdictGroup, number> } | null };
  /** Sending IPs of the messages refused as blocklisted or for reputation: `messages` in all, the first `--top` IPs. */
  blocked_ips: { messages: number; count: number; top: { ip: string; messages: number; blocklisted: number; reputation: number }[] };
  forward_targets: ReportJsonRanked<ReportJsonForwardDomain> & { messages: number };
  needs_attention: { total: number; messages: ReportJsonAttention[] };
  /** The really failed messages: `total`, and the newest `--top` of them, newest failure first. */
  failed: { total: number; messages: ReportJsonAttention[] };
  /** The inputs as named on the command line (`stdin` for standard input). */
  inputs: string[];
  /** Each `--fail-on` condition with what was measured and whether it held (empty without --fail-on). */
  fail_on: { expression: string; count: number; of: number; percent: number; threshold: number; op: '>' | '>='; share: boolean; holds: boolean }[];
  events_per_hour: ReportJsonHourly;
  input: ReportJsonInput;
}

export interface ReportJsonSelection {
  since: IsoTime | null;
  until: IsoTime | null;
  verdicts: Verdict[];
  errors_only: boolean;
  /** Number of --email values (not the addresses). */
  emails: number;
  /** Number of --message values. */
  message_ids: number;
}

export interface ReportJsonErrorList {
  /** Selected messages with any deferred, dropped or bounce event. */
  total: number;
  share_of_messages: number | null;
  /** Always all six groups, in this order: failed, after-delivery, recovered, pending, delivered, other. Sums to `total`. */
  outcomes: Array<{
    group: VerdictGroup;
    count: number;
    /** Of `total`. */
    share: number | null;
    /** Non-zero verdict counts of the group. */
    verdicts: Partial<Record<Verdict, number>>;
  }>;
}

export interface ReportJsonVerdict {
  verdict: Verdict;
  group: VerdictGroup;
  count: number;
  /** Of `messages`. */
  share: number | null;
  /** Of `count`, how many are on the error list. */
  error_list: number;
}

export interface ReportJsonReasonClass {
  /** null: the deciding event carried no reason text. */
  reason_class: ReasonClass | null;
  count: number;
}

/** `top` holds the first N rows (--top); `rest` folds the others (null when there are none). */
export interface ReportJsonRanked<Row> {
  /** Distinct domains. */
  count: number;
  top: Row[];
  rest: (Omit<Row, 'domain'> & { domains: number }) | null;
}

export interface ReportJsonDomain {
  domain: string;
  messages: number;
  error_list: number;
  /** Messages per verdict group; sums to `messages`. */
  groups: Record<VerdictGroup, number>;
}

export interface ReportJsonForwardDomain {
  domain: string;
  messages: number;
}

/** A delivered-then-bounced message (group after-delivery), in looking order. */
export interface ReportJsonAttention {
  email: string;
  message_id: string | null;
  sg_message_id: string | null;
  verdict: Verdict;
  delivered_at: IsoTime | null;
  failed_at: IsoTime | null;
  gap_seconds: number | null;
  bounce_type: string | null;
  status: string | null;
  reason_class: ReasonClass | null;
  reason: string | null;
  forward_to: string | null;
}

/** Distinct events inside --since/--until (not narrowed by the other selection options), per UTC hour. */
export interface ReportJsonHourly {
  kinds: EventKind[];
  /** Hours with at least one event, ascending; each has a count per kind. */
  hours: Array<{ hour: IsoTime } & Record<EventKind, number>>;
  /** Events without any time. */
  untimed: number;
}

export interface ReportJsonInput {
  files: number;
  bytes: number;
  /** Events found, copies included. */
  events_read: number;
  duplicates: number;
  /** events_read − duplicates. */
  events: number;
  /** Events with no recipient (account_status_change …), in no message. */
  account_events: number;
  /** Recipient messages in the whole input, before selection. */
  messages: number;
  first_event_at: IsoTime | null;
  last_event_at: IsoTime | null;
  /** Every kind, zero included; `first` is the first location (`file:line`). */
  skipped: Record<SkipKind, { count: number; first: string | null }>;
}

function reasonClasses(list: ReasonClassCount[]): ReportJsonReasonClass[] {
  return list.map((c) => ({ reason_class: c.reasonClass, count: c.count }));
}

function attention(e: AttentionEntry, scrub: Scrub): ReportJsonAttention {
  return {
    email: scrub(e.email),
    message_id: e.messageId,
    sg_message_id: e.sgMessageId,
    verdict: e.verdict,
    delivered_at: isoUtc(e.deliveredAt),
    failed_at: isoUtc(e.failedAt),
    gap_seconds: e.gap,
    bounce_type: e.bounceType,
    status: e.status,
    reason_class: e.reasonClass,
    reason: e.reason === null ? null : scrub(e.reason),
    forward_to: e.forwardTo === null ? null : scrub(e.forwardTo),
  };
}

/** The report's numbers as the documented JSON object. */
export function reportJson(r: Report, scrub: Scrub): ReportJson {
  const total = r.errorList.total;
  return {
    schema: REPORT_SCHEMA,
    account_status_changes: r.accountChanges.map((c) => ({ type: c.type, events: c.count, first_at: isoUtc(c.first), last_at: isoUtc(c.last) })),
    messages: r.messages,
    time_range: { first_event_at: isoUtc(r.range.first), last_event_at: isoUtc(r.range.last) },
    selection: {
      since: isoUtc(r.selection.since),
      until: isoUtc(r.selection.until),
      verdicts: r.selection.verdicts,
      errors_only: r.selection.errorsOnly,
      emails: r.selection.emails,
      message_ids: r.selection.messageIds,
    },
    error_list: {
      total,
      share_of_messages: shareValue(total, r.messages),
      outcomes: r.errorList.outcomes.map((o) => ({
        group: o.group,
        count: o.count,
        share: shareValue(o.count, total),
        verdicts: o.verdicts,
      })),
    },
    verdicts: VERDICTS.map((v) => ({
      verdict: v,
      group: VERDICT_GROUP[v],
      count: r.verdicts[v].count,
      share: shareValue(r.verdicts[v].count, r.messages),
      error_list: r.verdicts[v].errorList,
    })),
    groups: r.groups,
    feedback: {
      delivered: r.feedback.delivered,
      spamreport: { messages: r.feedback.spamreport, rate: shareValue(r.feedback.spamreport, r.feedback.delivered) },
      unsubscribe: { messages: r.feedback.unsubscribe, rate: shareValue(r.feedback.unsubscribe, r.feedback.delivered) },
      group_unsubscribe: { messages: r.feedback.groupUnsubscribe, rate: shareValue(r.feedback.groupUnsubscribe, r.feedback.delivered) },
    },
    reason_classes: { failed: reasonClasses(r.reasonClasses.failed), 'after-delivery': reasonClasses(r.reasonClasses.afterDelivery) },
    domains: {
      count: r.domains.distinct,
      top: r.domains.top.map((d) => ({ domain: d.domain, messages: d.messages, error_list: d.errorList, groups: d.groups })),
      rest: r.domains.rest && {
        domains: r.domains.rest.domains,
        messages: r.domains.rest.messages,
        error_list: r.domains.rest.errorList,
        groups: r.domains.rest.groups,
      },
    },
    categories: {
      count: r.categories.distinct,
      top: r.categories.top.map((c) => ({ category: scrub(c.domain), messages: c.messages, error_list: c.errorList, groups: c.groups })),
      rest: r.categories.rest && {
        categories: r.categories.rest.domains,
        messages: r.categories.rest.messages,
        error_list: r.categories.rest.errorList,
        groups: r.categories.rest.groups,
      },
    },
    blocked_ips: { messages: r.blockedIps.messages, count: r.blockedIps.distinct, top: r.blockedIps.top.map((b) => ({ ...b })) },
    forward_targets: {
      messages: r.forwardTargets.messages,
      count: r.forwardTargets.distinct,
      top: r.forwardTargets.top,
      rest: r.forwardTargets.rest,
    },
    needs_attention: { total: r.attention.total, messages: r.attention.entries.map((e) => attention(e, scrub)) },
    failed: { total: r.failed.total, messages: r.failed.entries.map((e) => attention(e, scrub)) },
    inputs: r.inputs,
    fail_on: r.failOn.map((c) => ({
      expression: c.condition.text,
      count: c.count,
      of: c.total,
      percent: Math.round(c.percent * 100) / 100,
      threshold: c.condition.value,
      op: c.condition.op,
      share: c.condition.percent,
      holds: c.holds,
    })),
    events_per_hour: {
      kinds: [...EVENT_KINDS],
      hours: r.hourly.hours.map((h) => ({ hour: isoUtc(h.hour) as IsoTime, ...h.counts })),
      untimed: r.hourly.untimed,
    },
    input: {
      files: r.input.files,
      bytes: r.input.bytes,
      events_read: r.input.eventsRead,
      duplicates: r.input.duplicates,
      events: r.input.events,
      account_events: r.input.accountEvents,
      messages: r.input.messages,
      first_event_at: isoUtc(r.input.first),
      last_event_at: isoUtc(r.input.last),
      skipped: r.input.skipped,
    },
  };
}

/** `--format json`: one pretty-printed object (diffable, and `jq` reads it as is). */
export const renderJson: ReportRenderer = (input: ReportInput, ctx: ReportPresentation) =>
  `${jsonText(reportJson(input.report, ctx.scrub), 2)}\n`;
