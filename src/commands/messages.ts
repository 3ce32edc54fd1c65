import { jsonText } from '../render/json-text.js';
import { Output } from '../output/writer.js';
import { messageRecord } from '../render/message-json.js';
import { messagesTable, messageTsvLine } from '../render/messages-text.js';
import type { MessageFilter } from '../verdict/select.js';
import type { MessageView } from '../verdict/view.js';
import type { ExitCode } from './exit-codes.js';
import { finishRead } from './finish.js';
import type { InputConfig, Io, OutputConfig } from './io.js';
import { groupMessages, selectedMessages } from './pipeline.js';
import { presentationFor } from './presentation.js';

/** What messages, timeline and report are configured with. */
export interface MessagesConfig extends InputConfig {
  filter: MessageFilter;
  attachWindow: number;
  output: OutputConfig;
}

/**
 * `sgtrail messages`: one record per recipient message with its verdict. Lines are decided and
 * written one message at a time (no decision is kept); only the terminal table, which sizes its
 * columns to all rows, holds the selected messages.
 */
export async function runMessages(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const grouped = await groupMessages(cfg, io);
  const out = new Output(io.stdout);
  const look = presentationFor(cfg.output);
  const selected = selectedMessages(grouped, cfg.filter);
  if (!cfg.output.json && cfg.output.tty) {
    const table = [...selected];
    out.write(table.length > 0 ? messagesTable(table, look, cfg.output.width) : 'no messages match\n');
  } else {
    const line = cfg.output.json
      ? (v: MessageView) => `${jsonText(messageRecord(v, look.scrub))}\n`
      : (v: MessageView) => `${messageTsvLine(v, look)}\n`;
    await out.writeEach(selected, line);
  }
  await out.end();
  return finishRead(grouped, cfg, io);
}
