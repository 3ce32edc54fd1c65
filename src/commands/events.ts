import { jsonText } from '../render/json-text.js';
import { readEvents } from '../ingest/read-events.js';
import { Output } from '../output/writer.js';
import { eventRecord } from '../render/event-json.js';
import type { ExitCode } from './exit-codes.js';
import { finishRead } from './finish.js';
import type { InputConfig, Io } from './io.js';

/** `sgtrail events`: normalized events as NDJSON, in input order, duplicates removed. */
export async function runEvents(cfg: InputConfig, io: Io): Promise<ExitCode> {
  const out = new Output(io.stdout);
  const result = await readEvents(
    { files: cfg.files, stdin: io.stdin },
    {
      event(e) {
        out.write(`${jsonText(eventRecord(e))}\n`);
        return !out.closed;
      },
      drained: () => out.drained(),
    },
  );
  await out.end();
  return finishRead(result, cfg, io);
}
