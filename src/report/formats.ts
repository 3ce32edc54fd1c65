/** `report --format` choices, in the order help lists them. */
export const REPORT_FORMATS = ['text', 'markdown', 'json', 'csv', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

