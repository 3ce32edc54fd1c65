import { Progress } from '../output/progress.js';
import { catalog } from '../i18n/catalog.js';
import { Output } from '../output/writer.js';
import { failOnMessage } from '../render/report/fail-on.js';
import { REPORT_LISTS_MESSAGES, REPORT_RENDERERS, type ReportFormat } from '../render/report/formats.js';
import { ReportTally } from '../report/build.js';
import { checkFailOn, type FailCondition } from '../report/fail-on.js';
import { HourlyCounter } from '../report/hourly.js';
import { inTimeWindow } from '../verdict/select.js';
import type { MessageView } from '../verdict/view.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { emptyWindowNote } from './nothing-found.js';
import { finishRead } from './finish.js';
import type { Io } from './io.js';
import type { MessagesConfig } from './messages.js';
import { groupMessages, selectedMessages } from './pipeline.js';
import { noteClock, presentationFor } from './presentation.js';

export interface ReportConfig extends MessagesConfig {
  format: ReportFormat;
  /** Rows of the ranked tables (domains, forward targets, messages to look at). */
  top: number;
  failOn: FailCondition[];
}

/** Progress only where a person watches: stderr is a terminal and --quiet was not given. */
function progressFor(cfg: ReportConfig, io: Io): Progress | null {
  if (cfg.quiet || io.stderr.isTTY !== true) return null;
  return new Progress({ stream: io.stderr, now: () => performance.now(), words: catalog(cfg.lang).notes.progress });
}

/**
 * `sgtrail report`: the whole input → report data → one rendered string on stdout; then the
 * skipped-input summary, and `--fail-on` conditions checked against the written report.
 */
export async function runReport(cfg: ReportConfig, io: Io): Promise<ExitCode> {
  const hourly = new HourlyCounter(inTimeWindow(cfg.filter));
  const progress = progressFor(cfg, io);
  const grouped = await groupMessages(
    {
      ...cfg,
      onEvent: (e) => hourly.add(e),
      onProgress: progress ? (p) => progress.update(p) : undefined,
    },
    io,
  );
  progress?.done();
  // One message at a time: decided, tallied and let go, unless the format lists messages (CSV).
  const tally = new ReportTally(cfg.top);
  const messages: MessageView[] = [];
  const keep = REPORT_LISTS_MESSAGES[cfg.format];
  for (const view of selectedMessages(grouped, cfg.filter)) {
    tally.add(view);
    if (keep) messages.push(view);
  }
  const f = cfg.filter;
  const report = tally.report({
    allMessages: grouped.states.length,
    accounting: grouped.accounting,
    accountEvents: grouped.accountEvents,
    hourly: hourly.result(),
    inputRange: { first: hourly.first, last: hourly.last },
    selection: {
      since: f.since,
      until: f.until,
      verdicts: f.verdicts,
      errorsOnly: f.errorsOnly,
      emails: f.emails.length,
      messageIds: f.messages.length,
    },
    top: cfg.top,
    inputs: cfg.files.length > 0 ? cfg.files.map((f) => (f === '-' ? 'stdin' : f)) : ['stdin'],
  });
  // The --fail-on result is part of the report, not only of the exit code.
  report.failOn = checkFailOn(cfg.failOn, report);
  const look = { ...presentationFor(cfg.output), tty: cfg.output.tty && (cfg.format === 'text' || cfg.format === 'csv'), width: cfg.output.width };
  // When no input could be read at all, a report of nothing would look like good news.
  const nothingRead =
    grouped.errors.length > 0 && grouped.errors.length >= Math.max(1, cfg.files.length) && grouped.accounting.eventsRead === 0;
  const out = new Output(io.stdout);
  if (!nothingRead) out.write(REPORT_RENDERERS[cfg.format]({ report, messages }, look));
  await out.end();
  const windowNote = emptyWindowNote(grouped, cfg.filter, look.t, noteClock(cfg));
  if (windowNote !== null && !cfg.quiet) io.stderr.write(`${windowNote}\n`);

  // CSV has no place for account status changes: they go to stderr there, as for the other commands.
  const code = finishRead(grouped, cfg, io, { accountChanges: cfg.format === 'csv' });
  const held = report.failOn.filter((c) => c.holds);
  if (!cfg.quiet) for (const c of held) io.stderr.write(`${failOnMessage(c, look.t)}\n`);
  // Unreadable input (3) and --strict (4) say more than a threshold crossed on partial data.
  if (code !== EXIT.ok) return code;
  return held.length > 0 ? EXIT.failOn : EXIT.ok;
}
