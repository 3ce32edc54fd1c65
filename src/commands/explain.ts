import { jsonText } from '../render/json-text.js';
import { MAX_REASON_BYTES } from '../common/limits.js';
import { forEachLine, LineBuffer } from '../ingest/line-buffer.js';
import { Output } from '../output/writer.js';
import { explainRecord } from '../reasons/explain-format.js';
import { formatExplainHuman } from '../render/explain.js';
import { Redactor } from '../render/redact.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { catalog, inEnglish, type Lang } from '../i18n/catalog.js';

export interface ExplainConfig {
  reasons: string[];
  json: boolean;
  redact: boolean;
  /** The message's recipient: an address in the reason that is not this one is a forward target. */
  recipient: string | null;
  lang: Lang;
}

/** The non-blank lines of stdin, each cut to MAX_REASON_BYTES, as they arrive. */
async function* stdinLines(io: Io): AsyncGenerator<string> {
  let ready: string[] = [];
  const lines = new LineBuffer(
    {
      lines(region, first) {
        return forEachLine(region, first, (start, end) => {
          const text = region.toString('utf8', start, end).replace(/\r$/, '');
          if (text.trim().length > 0) ready.push(text);
        });
      },
      oversize: () => undefined,
      end: () => undefined,
    },
    { maxLine: MAX_REASON_BYTES, overlong: 'truncate' },
  );
  for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
    lines.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    yield* ready;
    ready = [];
  }
  lines.end();
  yield* ready;
}

/** `sgtrail explain`: classify each argument, or each stdin line, in order. */
export async function runExplain(cfg: ExplainConfig, io: Io): Promise<ExitCode> {
  const out = new Output(io.stdout);
  const redactor = cfg.redact ? new Redactor() : null;
  let first = true;
  const t = catalog(cfg.lang);
  const record = (text: string): string => {
    // JSON is machine output: its hint is English whatever the language.
    const rec = explainRecord(text, cfg.recipient, cfg.json ? inEnglish().hints : t.hints);
    if (redactor) {
      rec.text = redactor.text(rec.text);
      if (rec.forward_to !== null) rec.forward_to = redactor.text(rec.forward_to);
    }
    const shown = cfg.json ? `${jsonText(rec)}\n` : `${first ? '' : '\n'}${formatExplainHuman(rec, cfg.recipient !== null, t)}\n`;
    first = false;
    return shown;
  };
  await out.writeEach(cfg.reasons.length > 0 ? cfg.reasons : stdinLines(io), record);
  await out.end();
  return EXIT.ok;
}
