import type { AccountChange, SkipKind } from '../events/accounting.js';
import type { ReasonClass } from '../reasons/types.js';
import type { Verdict, VerdictGroup } from '../verdict/verdicts.js';
import type { EventKind } from './event-kinds.js';

/**
 * The report as data (codes, counts and Unix seconds); renderers turn it into words and times.
 * Every count here is of the selected messages unless it says otherwise, so the parts add up:
 * verdict counts sum to `messages`, the error-list outcomes sum to `errorList.total`.
 */
export interface Report {
  /** Selected recipient messages. */
  messages: number;
  /** First and last event of the selected messages (null when none is selected). */
  range: { first: number | null; last: number | null };
  selection: ReportSelection;
  errorList: ErrorListComparison;
  verdicts: Record<Verdict, VerdictCount>;
  groups: Record<VerdictGroup, number>;
  /** Reason classes of the real failures and of the bounces after delivery, most frequent first. */
  reasonClasses: { failed: ReasonClassCount[]; afterDelivery: ReasonClassCount[] };
  domains: Ranked<DomainCount>;
  /** Messages by category of the send (a message in each of its categories). */
  categories: Ranked<DomainCount>;
  /** Sending IPs of the blocklist and reputation refusals. */
  blockedIps: { messages: number; distinct: number; top: BlockedIpCount[] };
  forwardTargets: Ranked<ForwardDomainCount> & { messages: number };
  attention: { total: number; entries: AttentionEntry[] };
  /** The really failed messages: how many, and the newest `top` of them, newest failure first. */
  failed: { total: number; entries: AttentionEntry[] };
  /** The inputs as named on the command line (`stdin` for standard input). */
  inputs: string[];
  /** The `--fail-on` conditions and whether each held (empty without --fail-on). */
  failOn: FailCheck[];
  hourly: HourlyCounts;
  input: InputSummary;
  /** Complaints and unsubscribes of the selected messages, with the delivered ones to rate them by. */
  feedback: FeedbackCounts;
  /** SendGrid account status changes in the whole input (they belong to no message). */
  accountChanges: AccountChange[];
}

/** Selected messages with each kind of recipient feedback, and how many were delivered. */
export interface FeedbackCounts {
  delivered: number;
  spamreport: number;
  unsubscribe: number;
  groupUnsubscribe: number;
}

/** The options that narrowed the messages, echoed so a report says what it covers. */
export interface ReportSelection {
  since: number | null;
  until: number | null;
  verdicts: Verdict[];
  errorsOnly: boolean;
  /** How many --email / --message values were given (the values themselves may be personal). */
  emails: number;
  messageIds: number;
}

/** The headline (docs/rules.md#report): what became of the messages a naive error list shows. */
export interface ErrorListComparison {
  total: number;
  /** Per verdict group, in HEADLINE_GROUPS order; sums to `total`. */
  outcomes: ErrorListOutcome[];
}

export interface ErrorListOutcome {
  group: VerdictGroup;
  count: number;
  /** Only verdicts with a non-zero count, in VERDICTS order. */
  verdicts: Partial<Record<Verdict, number>>;
}

export interface VerdictCount {
  count: number;
  /** Of those, on the error list. */
  errorList: number;
}

export interface ReasonClassCount {
  /** null: the deciding event carried no reason text. */
  reasonClass: ReasonClass | null;
  count: number;
}

/** The first `top` rows and one row folding the rest, so that rows always sum to the total. */
export interface Ranked<Row> {
  /** Distinct keys (domains). */
  distinct: number;
  top: Row[];
  /** The keys beyond the top, folded; null when there are none. */
  rest: (Omit<Row, 'domain'> & { domains: number }) | null;
}

export interface DomainCount {
  domain: string;
  messages: number;
  errorList: number;
  groups: Record<VerdictGroup, number>;
}

export interface BlockedIpCount {
  ip: string;
  messages: number;
  blocklisted: number;
  reputation: number;
}

export interface ForwardDomainCount {
  domain: string;
  messages: number;
}

/** A message delivered first and bounced later: the ones that most need a human look. */
export interface AttentionEntry {
  email: string;
  messageId: string | null;
  sgMessageId: string | null;
  verdict: Verdict;
  deliveredAt: number | null;
  failedAt: number | null;
  /** Seconds from the delivery to the bounce. */
  gap: number | null;
  bounceType: string | null;
  status: string | null;
  reasonClass: ReasonClass | null;
  reason: string | null;
  forwardTo: string | null;
}

/** Distinct events per hour (UTC hour start, Unix seconds) and kind; hours without events are absent. */
export interface HourlyCounts {
  hours: Array<{ hour: number; counts: Record<EventKind, number> }>;
  /** Events in the window that carried no time at all. */
  untimed: number;
}

export interface InputSummary {
  files: number;
  bytes: number;
  /** Events found, copies included. */
  eventsRead: number;
  duplicates: number;
  /** eventsRead − duplicates. */
  events: number;
  /** Events with no recipient (account_status_change …): counted, in no message. */
  accountEvents: number;
  /** Recipient messages in the whole input, before --since/--until/--email/--verdict/--errors. */
  messages: number;
  /** First and last event time of the whole input. */
  first: number | null;
  last: number | null;
  skipped: Record<SkipKind, { count: number; first: string | null }>;
}

/** The kinds of recipient feedback a report counts and `--fail-on` may name. */
export type FeedbackTerm = 'spamreport' | 'unsubscribe' | 'group_unsubscribe';

/** The verdict groups a `--fail-on` condition may name besides the verdicts themselves and `error-list`. */
export const FAIL_ON_GROUPS = ['failed', 'after-delivery', 'pending', 'recovered'] as const;

/** What a `--fail-on` condition counts. */
export type FailSubject =
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'group'; group: (typeof FAIL_ON_GROUPS)[number] }
  | { kind: 'error-list' }
  /** Messages with recipient feedback; a percentage is of the delivered messages. */
  | { kind: 'feedback'; term: FeedbackTerm }
  /** SendGrid account status change events (no percentage: they belong to no message). */
  | { kind: 'account' };

/** One parsed `--fail-on` condition, e.g. `failed>5%` or `bounced>=10`. */
export interface FailCondition {
  /** As written (trimmed), for the message on stderr. */
  text: string;
  subject: FailSubject;
  op: '>' | '>=';
  /** A count, or a percentage of all selected messages (of delivered ones for feedback) when `percent`. */
  value: number;
  percent: boolean;
}

export interface FailCheck {
  condition: FailCondition;
  count: number;
  /** What a percentage is of: selected messages, or delivered ones for feedback. */
  total: number;
  /** count / total × 100 (0 when there are no messages). */
  percent: number;
  holds: boolean;
}
