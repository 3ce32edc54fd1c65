import type { ReportRenderer } from './input.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

import type { ReportFormat } from '../../report/formats.js';

export { REPORT_FORMATS, type ReportFormat } from '../../report/formats.js';

/** One renderer per format: a format added to REPORT_FORMATS without one here does not compile. */
export const REPORT_RENDERERS = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
  csv: renderCsv,
  html: renderHtml,
} as const satisfies Record<ReportFormat, ReportRenderer>;

/** Formats that list the selected messages themselves (the others need only the report's numbers). */
export const REPORT_LISTS_MESSAGES = {
  text: false,
  markdown: false,
  json: false,
  csv: true,
  html: false,
} as const satisfies Record<ReportFormat, boolean>;
