import { displayWidth, truncateColumns } from '../common/width.js';
import { englishDuration } from '../i18n/durations.js';
import Table from 'cli-table3';
import type { Verdict } from '../verdict/verdicts.js';
import type { MessageView } from '../verdict/view.js';
import type { Presentation } from './presentation.js';
import { sanitizeTerminal } from './sanitize.js';
import type { TimeFormatter } from './time.js';
import { fitColumns } from './fit.js';


function safe(s: string | null, ctx: Presentation): string {
  return s === null ? '' : sanitizeTerminal(ctx.scrub(s));
}

/** A message's time for people; a message whose events carried no time shows `-`, as JSON shows null. */
function when(v: MessageView, t: number | null, clock: TimeFormatter, format: 'dateTime' | 'time' = 'dateTime'): string {
  return t === null || !v.state.timed ? '-' : clock[format](t);
}

function gapAfterDelivery(v: MessageView, duration: (seconds: number) => string): string {
  const d = v.decision;
  if (d.deliveredAt === null || d.failedAt === null || d.failedAt < d.deliveredAt) return '';
  return `+${duration(d.failedAt - d.deliveredAt)}`;
}

/**
 * One tab-separated line per message: plain, grep- and cut-friendly (output piped). Machine
 * output: English times and gaps whatever the language (`plainTime`, englishDuration).
 */
export function messageTsvLine(v: MessageView, ctx: Presentation): string {
  const s = v.state;
  const d = v.decision;
  return [
    when(v, s.firstAt, ctx.plainTime),
    safe(s.email, ctx),
    d.verdict,
    safe(s.messageId ?? s.sgMessageId, ctx) || '-',
    d.errorList ? 'error-list' : '-',
    when(v, d.deliveredAt, ctx.plainTime),
    when(v, d.failedAt, ctx.plainTime),
    gapAfterDelivery(v, englishDuration) || '-',
    d.reasonInfo?.reason_class ?? '-',
    safe(d.forwardTo, ctx) || '-',
    safe(d.deciding?.reason ?? null, ctx) || '-',
  ].join('\t');
}


/**
 * The terminal table (cli-table3), fitted to the terminal's width: the reason gives way first,
 * then the reason class and the first event's time; the address and the verdict are never cut,
 * and a forward target is shown whole when it fits.
 */
export function messagesTable(views: readonly MessageView[], ctx: Presentation, width: number): string {
  const h = ctx.t.messagesHead;
  const head = [h.first, h.email, h.verdict, h.delivered, h.gap, h.reasonClass, h.forwardOrReason];
  const rows = views.map((v) => {
    const d = v.decision;
    return [
      when(v, v.state.firstAt, ctx.time),
      safe(v.state.email, ctx),
      d.verdict,
      d.deliveredAt === null ? '' : when(v, d.deliveredAt, ctx.time, 'time'),
      gapAfterDelivery(v, ctx.t.duration),
      d.reasonInfo?.reason_class ?? '',
      d.forwardTo ? `→ ${safe(d.forwardTo, ctx)}` : safe(d.deciding?.reason ?? null, ctx),
    ];
  });
  const natural = head.map((title, i) => Math.max(displayWidth(title), ...rows.map((r) => displayWidth(r[i] as string))));
  // Give way in this order: the reason (down to 8), then the gap, the delivery time, the reason
  // class and the first event's time are left out; the address and the verdict never give way.
  const floors: [number | undefined, number][] = [[0, 5], [undefined, 0], [undefined, 0], [0, 3], [0, 2], [0, 4], [8, 1]];
  const widths = fitColumns(
    natural.map((n, i) => ({ natural: n, floor: floors[i]?.[0], order: floors[i]?.[1] })),
    Math.max(80, width),
  );
  const shown = widths.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const table = new Table({
    head: shown.map((i) => truncateColumns(head[i] as string, widths[i] as number)),
    style: { head: ctx.style.chalk.level > 0 ? ['bold'] : [], border: ctx.style.chalk.level > 0 ? ['gray'] : [] },
    // One line per message: no rule between rows.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  for (const r of rows) {
    table.push(shown.map((i) => (i === 2 ? ctx.style.verdict(r[i] as Verdict) : truncateColumns(r[i] as string, widths[i] as number))));
  }
  return `${table.toString()}\n`;
}
