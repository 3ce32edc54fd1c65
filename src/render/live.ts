import type { SgEvent } from '../events/types.js';
import type { MessageState } from '../messages/state.js';
import type { Verdict } from '../verdict/verdicts.js';
import type { MessageView } from '../verdict/view.js';
import { displayWidth, truncateColumns } from '../common/width.js';
import { messageRecord } from './message-json.js';
import type { Presentation } from './presentation.js';
import type { Scrub } from './redact.js';
import { sanitizeTerminal } from './sanitize.js';
import { isoUtc } from './time.js';
import { timelineEntry } from './timeline.js';

/**
 * What `--follow` prints: a message each time its verdict changes, and for a timeline each event
 * as it arrives. `changedAt` is the event time the change happened at (the message's newest
 * event, or the input's clock when a deferral expired with no event of its own).
 */

/** `messages -f --json`: the `messages --json` object with the time of the change and the verdict before. */
export function changeRecord(v: MessageView, changedAt: number | null, previous: Verdict | null, scrub: Scrub): Record<string, unknown> {
  // Added to the record, not spread into a copy of it: a history of a whole day is 200k of them.
  const record = messageRecord(v, scrub);
  record['changed_at'] = isoUtc(changedAt);
  record['previous_verdict'] = previous;
  return record;
}

/** `messages -f` on a terminal: one line per change, the new verdict coloured. */
export function changeLine(v: MessageView, changedAt: number | null, previous: Verdict | null, ctx: Presentation, width: number): string {
  const s = v.state;
  const d = v.decision;
  const when = changedAt === null ? '-' : ctx.time.dateTime(changedAt);
  const id = s.messageId ?? s.sgMessageId;
  const w = ctx.t.live;
  const head = `${when}  ${sanitizeTerminal(ctx.scrub(s.email))}  ${previous === null ? '' : `${previous} → `}`;
  const tail = [
    d.reasonInfo?.reason_class,
    d.forwardTo === null ? null : w.forwardedTo(ctx.scrub(d.forwardTo)),
    id === null ? w.noMessageId : w.message(id),
  ]
    .filter((x): x is string => typeof x === 'string' && x.length > 0)
    .map(sanitizeTerminal)
    .join('  ');
  const room = Math.max(20, width - displayWidth(head) - d.verdict.length - 2);
  return `${head}${ctx.style.verdict(d.verdict)}  ${ctx.style.dim(truncateColumns(tail, room))}`;
}

/** `timeline -f --json`: one event of a named message as it arrives. */
export function liveEventRecord(e: SgEvent, s: MessageState, scrub: Scrub): Record<string, unknown> {
  return { record: 'event', email: scrub(s.email), message_id: s.messageId, sg_message_id: s.sgMessageId, ...timelineEntry(e, scrub) };
}

/** `timeline -f --json`: a named message's verdict changed. */
export function liveVerdictRecord(v: MessageView, changedAt: number | null, previous: Verdict | null, scrub: Scrub): Record<string, unknown> {
  return { record: 'verdict', ...changeRecord(v, changedAt, previous, scrub) };
}
