import { Output } from '../output/writer.js';
import { timelineRecord, timelineText } from '../render/timeline.js';
import { selects } from '../verdict/select.js';
import type { MessageView } from '../verdict/view.js';
import type { ExitCode } from './exit-codes.js';
import { finishRead } from './finish.js';
import type { Io } from './io.js';
import type { MessagesConfig } from './messages.js';
import { decidedMessages, groupMessages } from './pipeline.js';
import { presentationFor } from './presentation.js';

/**
 * What a timeline lookup must see: every line naming the address. Its rival messages and its
 * asynchronous bounces (which carry no ID) all name it too, so the attachment
 * (docs/rules.md#grouping) comes out as for the whole input. A lookup by ID alone cannot know the
 * address before reading, so it reads everything.
 */
export function timelineNeedles(cfg: MessagesConfig): string[] | undefined {
  const emails = cfg.filter.emails;
  if (emails.length === 0 || !emails.every((s) => /^[\x20-\x7e]+$/.test(s))) return undefined;
  return [...emails];
}

/**
 * A verdict that depends on the newest event of the whole input (a deferral with no outcome, by
 * the 72-hour rule) cannot be trusted to a prefiltered read, which only samples the time of the
 * lines it skips; files can be read again in full, stdin cannot.
 */
function needsWholeInput(views: readonly MessageView[], cfg: MessagesConfig): boolean {
  if (cfg.files.length === 0 || cfg.files.includes('-')) return false;
  return views.some(
    ({ state: s }) => s.kept !== null && s.firstDeferred !== null && s.firstDelivered === null && s.bounces.length === 0 && s.dropped === null,
  );
}

/** `sgtrail timeline --email ADDR | --message ID`: each matching message's events and verdict. */
export async function runTimeline(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const needles = timelineNeedles(cfg);
  let grouped = await groupMessages({ ...cfg, keepEvents: true, needles }, io);
  let all = [...decidedMessages(grouped)];
  if (needles !== undefined && needsWholeInput(all, cfg)) {
    grouped = await groupMessages({ ...cfg, keepEvents: true }, io);
    all = [...decidedMessages(grouped)];
  }
  const views = all.filter((v) => v.state.kept !== null && selects(cfg.filter, v));
  const out = new Output(io.stdout);
  const look = presentationFor(cfg.output);
  views.forEach((v, i) => {
    if (cfg.output.json) out.write(`${JSON.stringify(timelineRecord(v, look.scrub))}\n`);
    else out.write(`${i > 0 ? '\n' : ''}${timelineText(v, look)}`);
  });
  await out.end();
  if (views.length === 0 && !cfg.quiet) io.stderr.write('sgtrail: no message matches the given --email/--message\n');
  return finishRead(grouped, cfg, io);
}
