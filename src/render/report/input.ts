import type { MessageView } from '../../commands/pipeline.js';
import type { Report } from '../../report/types.js';
import type { Scrub } from '../redact.js';
import type { Style } from '../style.js';
import type { TimeFormatter } from '../time.js';

/** What a report renderer gets: the report's numbers and, for per-message formats (CSV), the messages. */
export interface ReportInput {
  report: Report;
  /** The selected messages, in `messages` order; empty unless REPORT_LISTS_MESSAGES says the format lists them. */
  messages: readonly MessageView[];
}

/** Decided once by the command: redaction, the --tz formatter, colour and the terminal. */
export interface ReportRenderContext {
  scrub: Scrub;
  time: TimeFormatter;
  style: Style;
  /** stdout is a terminal: tables; otherwise plain lines. */
  tty: boolean;
  width: number;
}

/** A report format: data in, the whole output as one string out. */
export type ReportRenderer = (input: ReportInput, ctx: ReportRenderContext) => string;
