import type { ReportRenderer } from './report-context.js';
import { renderCsv } from './report-csv.js';
import { renderHtml } from './report-html.js';
import { renderJson } from './report-json.js';
import { renderMarkdown } from './report-markdown.js';
import { renderText } from './report-text.js';

/** `report --format` choices, in the order help lists them. */
export const REPORT_FORMATS = ['text', 'markdown', 'json', 'csv', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One renderer per format: a format added to REPORT_FORMATS without one here does not compile. */
export const REPORT_RENDERERS = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
  csv: renderCsv,
  html: renderHtml,
} as const satisfies Record<ReportFormat, ReportRenderer>;

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}
