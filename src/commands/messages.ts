import type { ExitCode } from './exit-codes.js';
import { Output } from '../output/writer.js';
import { messageRecord } from '../render/message-json.js';
import { messagesTable, messageTsvLine, type TextContext } from '../render/messages-text.js';
import { Redactor, scrubber } from '../render/redact.js';
import { makeStyle } from '../render/style.js';
import { timeFormatter } from '../render/time.js';
import { groupInput, selectedMessages, type MessageView } from './pipeline.js';
import type { MessageFilter } from '../verdict/select.js';
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

/**
 * `sgtrail messages`: one record per recipient message with its verdict. Lines are decided and
 * written one message at a time (no decision is kept); only the terminal table, which sizes its
 * columns to all rows, holds the selected messages.
 */
export async function runMessages(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const grouped = await groupInput({ ...cfg, filter: cfg.filter, attachWindow: cfg.attachWindow }, io);
  const out = new Output(io.stdout);
  const ctx = textContext(cfg.output);
  const line = cfg.output.json
    ? (v: MessageView) => `${JSON.stringify(messageRecord(v, ctx.scrub))}\n`
    : (v: MessageView) => `${messageTsvLine(v, ctx)}\n`;
  const table: MessageView[] | null = !cfg.output.json && cfg.output.tty ? [] : null;
  for (const v of selectedMessages(grouped, cfg.filter)) {
    if (table) {
      table.push(v);
      continue;
    }
    out.write(line(v));
    if (out.closed) break;
    if (out.backedUp) await out.drained();
  }
  if (table) out.write(table.length > 0 ? messagesTable(table, ctx, cfg.output.width) : 'no messages match\n');
  await out.end();
  return finishRead(grouped, cfg, io);
}
