import { truncate } from '../common/text.js';
import Table from 'cli-table3';
import type { MessageView } from '../verdict/view.js';
import type { Presentation } from './presentation.js';
import { sanitizeTerminal } from './sanitize.js';
import { formatDuration } from './time.js';


function safe(s: string | null, ctx: Presentation): string {
  return s === null ? '' : sanitizeTerminal(ctx.scrub(s));
}

/** A message's time for people; a message whose events carried no time shows `-`, as JSON shows null. */
function when(v: MessageView, t: number | null, ctx: Presentation, format: 'dateTime' | 'time' = 'dateTime'): string {
  return t === null || !v.state.timed ? '-' : ctx.time[format](t);
}

function gapAfterDelivery(v: MessageView): string {
  const d = v.decision;
  if (d.deliveredAt === null || d.failedAt === null || d.failedAt < d.deliveredAt) return '';
  return `+${formatDuration(d.failedAt - d.deliveredAt)}`;
}

/** One tab-separated line per message: plain, grep- and cut-friendly (output piped). */
export function messageTsvLine(v: MessageView, ctx: Presentation): string {
  const s = v.state;
  const d = v.decision;
  return [
    when(v, s.firstAt, ctx),
    safe(s.email, ctx),
    d.verdict,
    safe(s.messageId ?? s.sgMessageId, ctx) || '-',
    d.errorList ? 'error-list' : '-',
    when(v, d.deliveredAt, ctx),
    when(v, d.failedAt, ctx),
    gapAfterDelivery(v) || '-',
    d.reasonInfo?.reason_class ?? '-',
    safe(d.forwardTo, ctx) || '-',
    safe(d.deciding?.reason ?? null, ctx) || '-',
  ].join('\t');
}


/** The terminal table (cli-table3), sized to the terminal width. */
export function messagesTable(views: readonly MessageView[], ctx: Presentation, width: number): string {
  // The other columns take about 125 characters with their borders; the reason gets the rest.
  const reasonWidth = Math.max(24, width - 128);
  const table = new Table({
    head: ['First event', 'Email', 'Verdict', 'Delivered', 'Gap', 'Reason class', 'Forward to / reason'],
    style: { head: ctx.style.chalk.level > 0 ? ['bold'] : [], border: ctx.style.chalk.level > 0 ? ['gray'] : [] },
    // One line per message: no rule between rows.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  for (const v of views) {
    const d = v.decision;
    const detail = d.forwardTo ? `→ ${safe(d.forwardTo, ctx)}` : safe(d.deciding?.reason ?? null, ctx);
    table.push([
      when(v, v.state.firstAt, ctx),
      truncate(safe(v.state.email, ctx), 34),
      ctx.style.verdict(d.verdict),
      d.deliveredAt === null ? '' : when(v, d.deliveredAt, ctx, 'time'),
      gapAfterDelivery(v),
      d.reasonInfo?.reason_class ?? '',
      truncate(detail, reasonWidth),
    ]);
  }
  return `${table.toString()}\n`;
}
