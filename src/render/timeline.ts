import { asText } from '../common/text.js';
import type { MessageView } from '../verdict/view.js';
import type { MessageState } from '../messages/state.js';
import type { SgEvent } from '../events/types.js';
import { lifecycleRank } from '../messages/lifecycle.js';
import { evidenceSentences } from './evidence.js';
import { messageRecord } from './message-json.js';
import type { Presentation } from './presentation.js';
import type { Scrub } from './redact.js';
import { sanitizeTerminal } from './sanitize.js';
import { isoUtc } from './time.js';
import { displayWidth, padEndColumns } from '../common/width.js';
import { verdictSentence } from './verdict-sentence.js';

/**
 * Events in timeline order: the time they were grouped by (an event without a time of its own
 * stands where the input put it), then lifecycle rank, then input order. Never arrival alone.
 */
export function orderedEvents(events: readonly { e: SgEvent; at: number }[]): SgEvent[] {
  return [...events]
    .sort((a, b) => a.at - b.at || lifecycleRank(a.e.event) - lifecycleRank(b.e.event) || a.e.seq - b.e.seq)
    .map((k) => k.e);
}


/** The `timeline --json` entry of one event (README.md#json-output). */
export function timelineEntry(e: SgEvent, scrub: Scrub): Record<string, unknown> {
  const f = e.fields;
  const s = (k: string) => {
    const t = asText(f[k]);
    return t === null ? null : scrub(t);
  };
  return {
    at: isoUtc(e.timestamp),
    event: e.event,
    type: s('type'),
    status: s('status'),
    reason: s('reason'),
    response: s('response'),
    attempt: typeof f['attempt'] === 'number' ? f['attempt'] : s('attempt'),
    ip: s('ip'),
    url: s('url'),
    machine_open: e.event === 'open' ? f['sg_machine_open'] === true : null,
    sg_event_id: e.sgEventId,
    source: `${e.file}:${e.line}`,
    duplicates: e.copies.removed,
  };
}

export function timelineRecord(v: MessageView, scrub: Scrub): Record<string, unknown> {
  return {
    ...messageRecord(v, scrub),
    timeline: orderedEvents(v.state.kept ?? []).map((e) => timelineEntry(e, scrub)),
  };
}

/** What to show after the event name: the SMTP reply or reason, and the details that matter. */
function detail(e: SgEvent, ctx: Presentation): string {
  const f = e.fields;
  const w = ctx.t.timeline;
  const parts: string[] = [];
  const t = (k: string) => {
    const v = asText(f[k]);
    return v === null ? null : sanitizeTerminal(ctx.scrub(v));
  };
  if (e.event === 'bounce' && f['type']) parts.push(w.type(t('type') as string));
  if (f['status']) parts.push(w.status(t('status') as string));
  if (f['attempt'] !== undefined && f['attempt'] !== null) parts.push(w.attempt(t('attempt') as string));
  const reply = t('reason') ?? t('response');
  if (reply) parts.push(reply);
  if (e.event === 'open') parts.push(f['sg_machine_open'] === true ? w.machineOpen : w.humanOpen);
  if (e.event === 'click' && f['url']) parts.push(t('url') as string);
  if (e.event === 'spamreport') parts.push(w.spamreport);
  if (e.event === 'unsubscribe') parts.push(w.unsubscribe);
  if (e.event === 'group_unsubscribe' || e.event === 'group_resubscribe') {
    parts.push(w.groupChange({ left: e.event === 'group_unsubscribe', group: t('asm_group_id') }));
  }
  if (f['bounce_classification']) parts.push(`[${t('bounce_classification')}]`);
  return parts.join('  ');
}

/** The first lines of a message's timeline: the address and the message's IDs. */
export function timelineHeader(s: MessageState, ctx: Presentation): string[] {
  const id = s.messageId ?? s.sgMessageId;
  const lines = [`${ctx.style.bold(sanitizeTerminal(ctx.scrub(s.email)))}  ${id ? ctx.t.timeline.message(sanitizeTerminal(id)) : ctx.t.timeline.noMessageId}`];
  if (s.sgMessageId && s.sgMessageId !== id) lines.push(ctx.style.dim(`  sg_message_id ${sanitizeTerminal(s.sgMessageId)}`));
  return lines;
}

/**
 * One event of a timeline: time, the gap since the event before (`previous`), name, details,
 * the distance from the delivery for a failure after it, source and removed copies.
 */
export function timelineEventLine(e: SgEvent, previous: number | null, deliveredAt: number | null, ctx: Presentation, eventWidth = ctx.t.timeline.eventWidth): string {
  const { style, t } = ctx;
  const when = e.timestamp === null ? '-'.padEnd(26) : ctx.time.dateTime(e.timestamp);
  const gap = previous !== null && e.timestamp !== null ? `+${t.duration(e.timestamp - previous)}` : '';
  const dup = e.copies.removed > 0 ? style.dim(` ${t.timeline.duplicatesRemoved(e.copies.removed)}`) : '';
  // A failure after the delivery shows the distance the verdict sentence speaks of.
  const sinceDelivery =
    (e.event === 'bounce' || e.event === 'dropped') && deliveredAt !== null && e.timestamp !== null && e.timestamp >= deliveredAt
      ? `  ${t.timeline.afterDelivered(t.duration(e.timestamp - deliveredAt))}`
      : '';
  const name = t.event(sanitizeTerminal(e.event));
  return `  ${when}  ${padEndColumns(gap, t.timeline.gapWidth)} ${style.event(e.event, padEndColumns(name, eventWidth))} ${detail(e, ctx)}${sinceDelivery}  ${style.dim(sanitizeTerminal(`${e.file}:${e.line}`))}${dup}`;
}

/** The verdict lines closing a timeline: the verdict, its sentence and the evidence. */
export function timelineVerdictLines(v: MessageView, ctx: Presentation): string[] {
  const d = v.decision;
  const t = ctx.t;
  const name = ctx.style.verdict(d.verdict, t.verdict(d.verdict));
  const lines = [`  ${t.timeline.verdict}: ${name}${d.errorList ? ctx.style.dim(`  ${t.timeline.onErrorList}`) : ''}`];
  lines.push(`  ${sanitizeTerminal(verdictSentence(v, ctx.time, ctx.scrub, t))}`);
  for (const sentence of evidenceSentences(d.evidence, v.state.email, ctx.scrub, t)) {
    lines.push(`  - ${sanitizeTerminal(sentence)}`);
  }
  return lines;
}

/** The human timeline of one message: events with times, gaps and sources, then the verdict. */
export function timelineText(v: MessageView, ctx: Presentation): string {
  const lines = timelineHeader(v.state, ctx);
  let previous: number | null = null;
  const events = orderedEvents(v.state.kept ?? []);
  // One column for the event names of this message, as wide as its widest (`迷惑メール報告(spamreport)`).
  const eventWidth = Math.max(ctx.t.timeline.eventWidth, ...events.map((e) => displayWidth(ctx.t.event(sanitizeTerminal(e.event)))));
  for (const e of events) {
    lines.push(timelineEventLine(e, previous, v.decision.deliveredAt, ctx, eventWidth));
    if (e.timestamp !== null) previous = e.timestamp;
  }
  lines.push(...timelineVerdictLines(v, ctx));
  return `${lines.join('\n')}\n`;
}
