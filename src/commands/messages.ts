import { jsonText } from '../render/json-text.js';
import { Output } from '../output/writer.js';
import { messageRecord } from '../render/message-json.js';
import { messagesTable, messageTsvLine } from '../render/messages-text.js';
import { selectsByName, type MessageFilter } from '../verdict/select.js';
import type { MessageView } from '../verdict/view.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { emptyWindowNote, nothingFoundNote } from './nothing-found.js';
import { finishRead } from './finish.js';
import type { InputConfig, Io, OutputConfig } from './io.js';
import { groupMessages, selectedMessages } from './pipeline.js';
import { noteClock, presentationFor } from './presentation.js';
import { checkFailOn, type FailCheck, type FailCondition } from '../report/fail-on.js';
import { RunningTally } from '../report/running-tally.js';
import { failOnMessage } from '../render/report/fail-on.js';

/** What messages, timeline and report are configured with. */
export interface MessagesConfig extends InputConfig {
  filter: MessageFilter;
  attachWindow: number;
  output: OutputConfig;
  /** `messages --fail-on`: exit 1 when a condition holds over the selected messages. */
  failOn?: FailCondition[];
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
  let count = 0;
  // Counted only for --fail-on: most runs have none, and the count is work per message.
  const failOn = cfg.failOn ?? [];
  const tally = failOn.length > 0 ? new RunningTally() : null;
  const selected = (function* counted() {
    for (const v of selectedMessages(grouped, cfg.filter)) {
      count++;
      tally?.add(v);
      yield v;
    }
  })();
  if (!cfg.output.json && cfg.output.tty) {
    const table = [...selected];
    out.write(table.length > 0 ? messagesTable(table, look, cfg.output.width) : `${look.t.noMessages}\n`);
  } else {
    const line = cfg.output.json
      ? (v: MessageView) => `${jsonText(messageRecord(v, look.scrub))}\n`
      : (v: MessageView) => `${messageTsvLine(v, look)}\n`;
    await out.writeEach(selected, line);
  }
  await out.end();
  const code = finishRead(grouped, cfg, io);
  let held: FailCheck[] = [];
  if (tally !== null) {
    tally.accountChange(grouped.accounting.accountChanges.reduce((n, c) => n + c.count, 0));
    held = checkFailOn(failOn, tally.current()).filter((c) => c.holds);
  }
  if (!cfg.quiet) for (const c of held) io.stderr.write(`${failOnMessage(c, look.t)}\n`);
  if (held.length > 0 && code === EXIT.ok && !out.closed) return EXIT.failOn;
  if (count > 0 || out.closed) return code;
  const windowNote = emptyWindowNote(grouped, cfg.filter, look.t, noteClock(cfg));
  if (windowNote !== null && !cfg.quiet) io.stderr.write(`${windowNote}\n`);
  if (!selectsByName(cfg.filter)) return code;
  // A selection that selects nothing: say why and exit 1, as grep does.
  if (windowNote === null && !cfg.quiet) io.stderr.write(`${nothingFoundNote(grouped, cfg.filter, look.t, noteClock(cfg))}\n`);
  return code === EXIT.ok ? EXIT.failOn : code;
}
