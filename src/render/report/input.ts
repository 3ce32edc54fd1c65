import type { MessageView } from '../../verdict/view.js';
import type { Report } from '../../report/types.js';
import type { Presentation } from '../presentation.js';

/** What a report renderer gets: the report's numbers and, for per-message formats (CSV), the messages. */
export interface ReportInput {
  report: Report;
  /** The selected messages, in `messages` order; empty unless REPORT_LISTS_MESSAGES says the format lists them. */
  messages: readonly MessageView[];
}

/** The presentation of a report: as for other human output, and whether stdout is a terminal. */
export interface ReportPresentation extends Presentation {
  /** stdout is a terminal: tables for text, escapes made visible in CSV; otherwise plain lines. */
  tty: boolean;
  width: number;
}

/** A report format: data in, the whole output as one string out. */
export type ReportRenderer = (input: ReportInput, ctx: ReportPresentation) => string;
