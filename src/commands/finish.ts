import { EXIT, type ExitCode } from './exit-codes.js';
import type { ReadResult } from '../ingest/read-events.js';
import type { InputError } from '../ingest/sources.js';
import type { Io, InputConfig } from './io.js';
import { accountChangeLines, skippedSummary, strictViolation } from '../render/summary.js';
import { sanitizeTerminal } from '../render/sanitize.js';
import { catalog, problemWords, type Catalog } from '../i18n/catalog.js';
import { noteClock } from './presentation.js';

/**
 * The end of every reading command: account status changes, the skipped-input summary and read
 * errors on stderr, and the
 * exit code they imply (3 for unreadable input, 4 for --strict violations, else 0).
 */
export function finishRead(result: ReadResult, cfg: InputConfig, io: Io, options: { accountChanges?: boolean } = {}): ExitCode {
  const t = catalog(cfg.lang);
  // Not a warning about the input but news about the account: said even with --quiet.
  if (options.accountChanges !== false) for (const line of accountChangeLines(result.accounting.accountChanges, t, noteClock(cfg))) io.stderr.write(`${line}\n`);
  for (const err of result.errors) io.stderr.write(readErrorLine(err, t));
  if (!cfg.quiet) {
    for (const line of skippedSummary(result.accounting, t)) io.stderr.write(`${line}\n`);
  }
  if (result.errors.length > 0) return EXIT.input;
  if (cfg.strict && strictViolation(result.accounting)) {
    io.stderr.write(`sgtrail: ${t.notes.strictBroken}\n`);
    return EXIT.strict;
  }
  if (cfg.strict && result.accounting.eventsRead === 0) {
    io.stderr.write(`sgtrail: ${t.notes.strictEmpty}\n`);
    return EXIT.strict;
  }
  return EXIT.ok;
}

/** The stderr line for an input that could not be read. */
export function readErrorLine(err: InputError, t: Catalog): string {
  const p = err.problem;
  const problem = 'detail' in p ? { ...p, detail: sanitizeTerminal(p.detail) } : p;
  return `sgtrail: ${t.notes.cannotRead(sanitizeTerminal(err.file), problemWords(t, problem))}\n`;
}

/** What to do when the input holds more messages than the heap can group. */
export function outOfMemoryNote(limitMb: number, t: Catalog): string {
  return `sgtrail: ${t.notes.outOfMemory(limitMb)}`;
}
