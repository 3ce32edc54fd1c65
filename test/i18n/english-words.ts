import { REASON_CLASSES } from '../../src/reasons/types.js';
import { VERDICTS } from '../../src/verdict/verdicts.js';

/**
 * English words left in Japanese output. What may stay Latin: identifiers users grep for or type
 * (verdicts, reason classes, event and field names, option names, placeholders in capitals),
 * product and protocol names, units and zone names, and data from the log (addresses, paths,
 * replies), which the caller removes first by passing it as `data`.
 */
const ALLOWED = new Set<string>([
  ...VERDICTS,
  ...REASON_CLASSES,
  // Event names, bounce types, field names and --fail-on names.
  'processed', 'deferred', 'delivered', 'bounce', 'dropped', 'open', 'click', 'spamreport', 'unsubscribe',
  'group_unsubscribe', 'group_resubscribe', 'account_status_change', 'reactivate', 'compliance_suspend',
  'sg_machine_open', 'asm_group_id', 'sg_message_id', 'sg_event_id', 'smtp-id', 'blocked', 'expired',
  'failed', 'after-delivery', 'recovered', 'pending', 'error-list', 'bounced',
  // Names of things, units, zones and values a user types.
  'SendGrid', 'Webhook', 'Node', 'DuckDB', 'PostgreSQL', 'duckdb', 'postgres', 'sgtrail', 'gzip', 'zcat',
  'bash', 'zsh', 'fish', 'ja', 'en', 'today', 'yesterday', 'From', 'MiB', 'MB', 'kB', 'GB', 'ms',
  'sql', 'timeline', 'explain', 'completion', 'report', 'messages', 'events',
  // Field, header, table and tool names in the help.
  'Event', 'message_id', 'sendgrid_events', 'glob', 'gz', 'mailto', 'tail',
  // Formats.
  'text', 'markdown', 'json', 'csv', 'html',
]);

/**
 * Words in capitals that may stay: abbreviations a Japanese engineer writes in Latin letters too,
 * placeholders of the usage (`FILE`, `ADDR`) and environment variables. Any other word in
 * capitals (`HOLDS`) is English left behind.
 */
const CAPITALS = new Set([
  'IP', 'DNS', 'TLS', 'SPF', 'DKIM', 'DMARC', 'HELO', 'NDR', 'SMTP', 'JSON', 'NDJSON', 'CSV', 'TSV', 'HTML', 'SQL', 'POST',
  'UTC', 'JST', 'GMT', 'ISO', 'IANA', 'ID', 'MB', 'GB', 'MIME', 'URL', 'OK', 'API', 'X-SMTPAPI', 'NODE_OPTIONS',
  'SGTRAIL_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'TZ',
  'FILE', 'ADDR', 'REASON', 'SHELL', 'TIME', 'ZONE', 'DURATION', 'EXPR', 'FORMAT', 'NAME', 'COLUMN', 'COLUMNS', 'PATTERN',
  'RELATION', 'VERDICT', 'V', 'N', 'P', 'Z_DATA_ERROR', 'Z_BUF_ERROR',
]);

/** Latin words in `text` that Japanese output should not have. */
export function englishWords(text: string, data: readonly string[] = []): string[] {
  let rest = text;
  for (const d of [...data].sort((a, b) => b.length - a.length)) if (d.length > 0) rest = rest.split(d).join(' ');
  rest = rest
    // Mail header names.
    .replace(/X-Message-Id|Message-ID/g, ' ')
    // Addresses, paths, file:line, zone names, quoted values: data or identifiers.
    .replace(/\S+@\S+/g, ' ')
    .replace(/[\w.-]*[/:][\w./:*-]+/g, ' ')
    .replace(/'[^']*'|"[^"]*"/g, ' ')
    // Options and placeholders (--fail-on, NAME>N, FILE), all-capital abbreviations (IP, DNS, NDR, JST).
    .replace(/(?<![\w-])--?[a-z][a-z-]*/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_-]*\b/g, (word) => (CAPITALS.has(word) ? ' ' : word))
    // Condition syntax and durations (failed>5%, 48h, 7d), SMTP codes and dotted names.
    .replace(/\b\w+[<>=]+\S*/g, ' ')
    .replace(/\b\d+[a-z]\b/g, ' ')
    .replace(/\b[\w-]+\.[\w.-]+\b/g, ' ');
  const words = rest.match(/[A-Za-z][A-Za-z_'-]*[A-Za-z]/g) ?? [];
  return words.filter((w) => !ALLOWED.has(w));
}
