import type { ExitCode } from '../cli/exit-codes.js';
import { Output } from '../output/writer.js';
import { messageRecord } from '../render/message-json.js';
import { messagesTable, messageTsvLine, type TextContext } from '../render/messages-text.js';
import { Redactor, scrubber } from '../render/redact.js';
import { makeStyle } from '../render/style.js';
import { timeFormatter } from '../render/time.js';
import { analyze } from './analyze.js';
import { selects, type MessageFilter } from './filters.js';
import { finishRead } from './finish.js';
import type { InputConfig, Io, OutputConfig } from './io.js';

export interface MessagesConfig extends InputConfig {
  filter: MessageFilter;
  attachWindow: number;
  output: OutputConfig;
}

export function textContext(output: OutputConfig): TextContext {
  return {
    scrub: scrubber(output.redact ? new Redactor() : null),
    time: timeFormatter(output.tz),
    style: makeStyle(output.color),
  };
}

/** `sgtrail messages`: one record per recipient message with its verdict. */
export async function runMessages(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const analysis = await analyze({ ...cfg, filter: cfg.filter, attachWindow: cfg.attachWindow }, io);
  const views = analysis.messages.filter((v) => selects(cfg.filter, v));
  const out = new Output(io.stdout);
  const ctx = textContext(cfg.output);
  if (cfg.output.json) {
    for (const v of views) {
      out.write(`${JSON.stringify(messageRecord(v, ctx.scrub))}\n`);
      if (out.closed) break;
      if (out.backedUp) await out.drained();
    }
  } else if (cfg.output.tty) {
    out.write(views.length > 0 ? messagesTable(views, ctx, cfg.output.width) : 'no messages match\n');
  } else {
    for (const v of views) {
      out.write(`${messageTsvLine(v, ctx)}\n`);
      if (out.closed) break;
      if (out.backedUp) await out.drained();
    }
  }
  await out.end();
  return finishRead(analysis, cfg, io);
}
