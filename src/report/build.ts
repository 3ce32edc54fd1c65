import type { MessageView } from '../verdict/view.js';
import type { InputAccounting } from '../events/accounting.js';
import { SKIP_KIND_NAMES } from '../events/accounting.js';
import { FeedbackTally } from './feedback.js';
import { AttentionTally, FailedTally } from './attention.js';
import { BlockedIpTally, categoryTally, domainTally, ForwardTargetTally } from './domains.js';
import { ErrorListTally } from './headline.js';
import { ReasonClassTally } from './reason-classes.js';
import type { HourlyCounts, InputSummary, Report, ReportSelection } from './types.js';
import { VerdictTally } from './verdict-counts.js';

/** Everything a report says besides what its messages add up to. */
export interface ReportContext {
  /** Recipient messages in the whole input. */
  allMessages: number;
  accounting: InputAccounting;
  accountEvents: number;
  hourly: HourlyCounts;
  /** First and last event time of the whole input. */
  inputRange: { first: number | null; last: number | null };
  selection: ReportSelection;
  /** Rows per ranked table (domains, forward targets, messages to look at). */
  top: number;
  /** The inputs as named on the command line. */
  inputs?: string[];
}


export interface ReportSource extends ReportContext {
  /** The selected messages (the filter already applied). */
  messages: readonly MessageView[];
}

function inputSummary(src: ReportContext): InputSummary {
  const acc = src.accounting;
  const skipped = Object.fromEntries(
    SKIP_KIND_NAMES.map((k) => [k, { count: acc.skipped[k]?.count ?? 0, first: acc.skipped[k]?.first ?? null }]),
  ) as InputSummary['skipped'];
  return {
    files: acc.files,
    bytes: acc.bytes,
    eventsRead: acc.eventsRead,
    duplicates: acc.duplicates,
    events: acc.eventsRead - acc.duplicates,
    accountEvents: src.accountEvents,
    messages: src.allMessages,
    first: src.inputRange.first,
    last: src.inputRange.last,
    skipped,
  };
}

/**
 * The report's numbers gathered one selected message at a time, so that a report over millions of
 * messages holds only the decisions of the after-delivery ones (it ranks them to list the first).
 * Pure. `report()` hands over the tally's own counts: call it once, after the last `add()`.
 */
export class ReportTally {
  private messages = 0;
  private first: number | null = null;
  private last: number | null = null;
  private readonly verdicts = new VerdictTally();
  private readonly errorList = new ErrorListTally();
  private readonly failed = new ReasonClassTally('failed');
  private readonly afterDelivery = new ReasonClassTally('after-delivery');
  private readonly domains = domainTally();
  private readonly categories = categoryTally();
  private readonly blockedIps = new BlockedIpTally();
  private readonly forwardTargets = new ForwardTargetTally();
  private readonly attention = new AttentionTally();
  private readonly failedList: FailedTally;

  /** `top`: rows of the ranked lists (the failed messages are ranked as they stream by). */
  constructor(top = 10) {
    this.failedList = new FailedTally(top);
  }
  private readonly feedback = new FeedbackTally();

  add(m: MessageView): void {
    this.messages++;
    const s = m.state;
    if (this.first === null || s.firstAt < this.first) this.first = s.firstAt;
    if (this.last === null || s.lastAt > this.last) this.last = s.lastAt;
    this.verdicts.add(m);
    this.errorList.add(m);
    this.failed.add(m);
    this.afterDelivery.add(m);
    this.domains.add(m);
    this.categories.add(m);
    this.blockedIps.add(m);
    this.forwardTargets.add(m);
    this.attention.add(m);
    this.failedList.add(m);
    this.feedback.add(m);
  }

  /** The report's numbers; no I/O, no wording. */
  report(src: ReportContext): Report {
    const { verdicts, groups } = this.verdicts.result();
    return {
      messages: this.messages,
      range: { first: this.first, last: this.last },
      selection: src.selection,
      errorList: this.errorList.result(),
      verdicts,
      groups,
      reasonClasses: { failed: this.failed.result(), afterDelivery: this.afterDelivery.result() },
      domains: this.domains.result(src.top),
      categories: this.categories.result(src.top),
      blockedIps: this.blockedIps.result(src.top),
      forwardTargets: this.forwardTargets.result(src.top),
      attention: this.attention.result(src.top),
      failed: this.failedList.result(),
      inputs: src.inputs ?? [],
      failOn: [],
      hourly: src.hourly,
      input: inputSummary(src),
      feedback: this.feedback.result(),
      accountChanges: src.accounting.accountChanges,
    };
  }
}

/** Selected messages and input accounting → the report's numbers. Pure: no I/O, no wording. */
export function buildReport(src: ReportSource): Report {
  const tally = new ReportTally(src.top);
  for (const m of src.messages) tally.add(m);
  return tally.report(src);
}
