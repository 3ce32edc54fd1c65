/** `report --format` choices, in the order help lists them. */
export const REPORT_FORMATS = ['text', 'markdown', 'json', 'csv', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}
