import type { MessageView } from '../app/analyze.js';
import type { InputAccounting } from '../events/accounting.js';
import type { SkipKind } from '../events/types.js';
import { needsAttention } from './attention.js';
import { rankDomains, rankForwardTargets } from './domains.js';
import { compareErrorList } from './headline.js';
import { countReasonClasses } from './reason-classes.js';
import type { HourlyCounts, InputSummary, Report, ReportSelection } from './types.js';
import { countVerdicts } from './verdict-counts.js';

export interface ReportSource {
  /** The selected messages (the filter already applied). */
  messages: readonly MessageView[];
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
}

const SKIP_KINDS: readonly SkipKind[] = ['text', 'broken-json', 'no-event', 'oversize-line'];

function inputSummary(src: ReportSource): InputSummary {
  const acc = src.accounting;
  const skipped = Object.fromEntries(
    SKIP_KINDS.map((k) => [k, { count: acc.skipped[k]?.count ?? 0, first: acc.skipped[k]?.first ?? null }]),
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

/** Selected messages and input accounting → the report's numbers. Pure: no I/O, no wording. */
export function buildReport(src: ReportSource): Report {
  const msgs = src.messages;
  let first: number | null = null;
  let last: number | null = null;
  for (const m of msgs) {
    if (first === null || m.state.firstAt < first) first = m.state.firstAt;
    if (last === null || m.state.lastAt > last) last = m.state.lastAt;
  }
  const { verdicts, groups } = countVerdicts(msgs);
  return {
    messages: msgs.length,
    range: { first, last },
    selection: src.selection,
    errorList: compareErrorList(msgs),
    verdicts,
    groups,
    reasonClasses: {
      failed: countReasonClasses(msgs, 'failed'),
      afterDelivery: countReasonClasses(msgs, 'after-delivery'),
    },
    domains: rankDomains(msgs, src.top),
    forwardTargets: rankForwardTargets(msgs, src.top),
    attention: needsAttention(msgs, src.top),
    hourly: src.hourly,
    input: inputSummary(src),
  };
}
