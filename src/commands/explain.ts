import { StringDecoder } from 'node:string_decoder';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { Output } from '../output/writer.js';
import { explainRecord } from '../reasons/explain-format.js';
import { formatExplainHuman } from '../render/explain.js';
import { Redactor } from '../render/redact.js';
import type { Io } from './io.js';

export interface ExplainConfig {
  reasons: string[];
  json: boolean;
  redact: boolean;
  /** The message's recipient: an address in the reason that is not this one is a forward target. */
  recipient: string | null;
}

/** Longest reason line kept; the classifier reads only the start of a text anyway. */
const MAX_REASON = 1 << 20;

/** Lines of stdin, each cut to MAX_REASON; every chunk is searched once, never the whole line again. */
async function* stdinLines(io: Io): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const keep = (s: string) => {
    if (rest.length < MAX_REASON) rest += s.length > MAX_REASON - rest.length ? s.slice(0, MAX_REASON - rest.length) : s;
  };
  for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      keep(text.slice(start, nl));
      yield rest.replace(/\r$/, '');
      rest = '';
      start = nl + 1;
    }
    keep(text.slice(start));
  }
  keep(decoder.end());
  if (rest.length > 0) yield rest.replace(/\r$/, '');
}

/** `sgtrail explain`: classify each argument, or each stdin line, in order. */
export async function runExplain(cfg: ExplainConfig, io: Io): Promise<ExitCode> {
  const out = new Output(io.stdout);
  const redactor = cfg.redact ? new Redactor() : null;
  let first = true;
  const one = (text: string) => {
    const rec = explainRecord(text, cfg.recipient);
    if (redactor) {
      rec.text = redactor.text(rec.text);
      if (rec.forward_to !== null) rec.forward_to = redactor.text(rec.forward_to);
    }
    if (cfg.json) out.write(`${JSON.stringify(rec)}\n`);
    else out.write(`${first ? '' : '\n'}${formatExplainHuman(rec, cfg.recipient !== null)}\n`);
    first = false;
  };
  if (cfg.reasons.length > 0) {
    for (const r of cfg.reasons) one(r);
  } else {
    for await (const line of stdinLines(io)) {
      if (line.trim().length === 0) continue;
      one(line);
      if (out.closed) break;
      if (out.backedUp) await out.drained();
    }
  }
  await out.end();
  return EXIT.ok;
}
