import type { ExitCode } from '../cli/exit-codes.js';
import { Output } from '../output/writer.js';
import { timelineRecord, timelineText } from '../render/timeline.js';
import { analyze } from './analyze.js';
import { selects } from './filters.js';
import { finishRead } from './finish.js';
import type { Io } from './io.js';
import { textContext, type MessagesConfig } from './messages-command.js';

/**
 * What a timeline lookup must see: lines naming the address or ID; for an ID, also every bounce
 * line, since asynchronous bounces carry no ID and attach to the message by address.
 */
export function timelineNeedles(cfg: MessagesConfig): string[] | undefined {
  const f = cfg.filter;
  const ascii = (s: string) => /^[\x20-\x7e]+$/.test(s);
  const needles = [...f.emails, ...f.messages.map((m) => m.toLowerCase())];
  if (needles.length === 0 || !needles.every(ascii)) return undefined;
  if (f.emails.length === 0) needles.push('"bounce"');
  return needles;
}

/** `sgtrail timeline --email ADDR | --message ID`: each matching message's events and verdict. */
export async function runTimeline(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const analysis = await analyze({ ...cfg, keepEvents: true, needles: timelineNeedles(cfg) }, io);
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
