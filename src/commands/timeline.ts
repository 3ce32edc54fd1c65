import type { ExitCode } from './exit-codes.js';
import { Output } from '../output/writer.js';
import { timelineRecord, timelineText } from '../render/timeline.js';
import { analyze, type Analysis } from './pipeline.js';
import { selects } from '../verdict/select.js';
import { finishRead } from './finish.js';
import type { Io } from './io.js';
import { textContext, type MessagesConfig } from './messages.js';

/**
 * What a timeline lookup must see: every line naming the address. Its rival messages and its
 * asynchronous bounces (which carry no ID) all name it too, so the attachment of SPEC section 5
 * comes out as for the whole input. A lookup by ID alone cannot know the address before reading,
 * so it reads everything.
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
function needsWholeInput(analysis: Analysis, cfg: MessagesConfig): boolean {
  if (cfg.files.length === 0 || cfg.files.includes('-')) return false;
  return analysis.messages.some(
    (v) => v.state.kept !== null && v.state.firstDeferred !== null && v.state.firstDelivered === null && v.state.bounces.length === 0 && v.state.dropped === null,
  );
}

/** `sgtrail timeline --email ADDR | --message ID`: each matching message's events and verdict. */
export async function runTimeline(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const needles = timelineNeedles(cfg);
  let analysis = await analyze({ ...cfg, keepEvents: true, needles }, io);
  if (needles !== undefined && needsWholeInput(analysis, cfg)) analysis = await analyze({ ...cfg, keepEvents: true }, io);
  const views = analysis.messages.filter((v) => v.state.kept !== null && selects(cfg.filter, v));
  const out = new Output(io.stdout);
  const ctx = textContext(cfg.output);
  views.forEach((v, i) => {
    if (cfg.output.json) out.write(`${JSON.stringify(timelineRecord(v, ctx.scrub))}\n`);
    else out.write(`${i > 0 ? '\n' : ''}${timelineText(v, ctx)}`);
  });
  await out.end();
  if (views.length === 0 && !cfg.quiet) io.stderr.write('sgtrail: no message matches the given --email/--message\n');
  return finishRead(analysis, cfg, io);
}
