import { jsonText } from '../render/json-text.js';
import { readEvents } from '../ingest/read-events.js';
import { Output } from '../output/writer.js';
import type { SgEvent } from '../events/types.js';
import { eventRecord } from '../render/event-json.js';
import { Redactor, redactedValue, scrubber } from '../render/redact.js';
import type { ExitCode } from './exit-codes.js';
import { finishRead } from './finish.js';
import type { InputConfig, Io } from './io.js';

/** `sgtrail events`: normalized events as NDJSON, in input order, duplicates removed. */
export async function runEvents(cfg: InputConfig & { redact?: boolean }, io: Io): Promise<ExitCode> {
  const out = new Output(io.stdout);
  const redactor = cfg.redact === true ? new Redactor() : null;
  const scrub = scrubber(redactor);
  const record = redactor === null ? eventRecord : (e: SgEvent) => redactedValue(eventRecord(e), scrub);
  const result = await readEvents(
    { files: cfg.files, stdin: io.stdin },
    {
      event(e) {
        out.write(`${jsonText(record(e))}\n`);
        return !out.closed;
      },
      drained: () => out.drained(),
    },
  );
  await out.end();
  return finishRead(result, cfg, io);
}
