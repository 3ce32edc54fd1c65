import { EXIT, type ExitCode } from './exit-codes.js';
import type { ReadResult } from '../ingest/read-events.js';
import type { InputError } from '../ingest/sources.js';
import type { Io, InputConfig } from './io.js';
import { accountChangeLines, skippedSummary, strictViolation } from '../render/summary.js';
import { sanitizeTerminal } from '../render/sanitize.js';

/**
 * The end of every reading command: account status changes, the skipped-input summary and read
 * errors on stderr, and the
 * exit code they imply (3 for unreadable input, 4 for --strict violations, else 0).
 */
export function finishRead(result: ReadResult, cfg: InputConfig, io: Io, options: { accountChanges?: boolean } = {}): ExitCode {
  // Not a warning about the input but news about the account: said even with --quiet.
  if (options.accountChanges !== false) for (const line of accountChangeLines(result.accounting.accountChanges)) io.stderr.write(`${line}\n`);
  for (const err of result.errors) io.stderr.write(readErrorLine(err));
  if (!cfg.quiet) {
    for (const line of skippedSummary(result.accounting)) io.stderr.write(`${line}\n`);
  }
  if (result.errors.length > 0) return EXIT.input;
  if (cfg.strict && strictViolation(result.accounting)) {
    io.stderr.write('sgtrail: --strict: the input holds broken JSON or JSON without SendGrid events\n');
    return EXIT.strict;
  }
  if (cfg.strict && result.accounting.eventsRead === 0) {
    io.stderr.write('sgtrail: --strict: nothing was read: the input holds no SendGrid event\n');
    return EXIT.strict;
  }
  return EXIT.ok;
}

/** The stderr line for an input that could not be read. */
export function readErrorLine(err: InputError): string {
  return `sgtrail: cannot read ${sanitizeTerminal(err.file)}: ${sanitizeTerminal(err.detail)}\n`;
}

/** What to do when the input holds more messages than the heap can group. */
export function outOfMemoryNote(limitMb: number): string {
  return (
    `sgtrail: out of memory: the input holds more recipient messages than Node's heap limit of ${limitMb} MB can group.\n` +
    'Read it in parts (one file per day), or give Node more heap: NODE_OPTIONS=--max-old-space-size=16384 sgtrail ...\n' +
    'With --follow, a shorter --retain (at least 72h and --attach-window) holds fewer messages.\n' +
    'Or let DuckDB apply the same rules, spilling to disk as it needs; it reads NDJSON events or POST bodies (other logs: sgtrail events first):\n' +
    "  sgtrail sql --dialect duckdb --files 'logs/*.ndjson.gz' --report | duckdb\n"
  );
}
