import { ADDRESS_CLASSES, RECIPIENT_CLASSES, RECIPIENT_REJECTED } from '../reasons/classify.js';
import { DROP_REASON_KEYS, MALFORMED_DROP_KEYS } from '../reasons/drop-reasons.js';
import { MAX_SCAN } from '../reasons/scan-window.js';
import { ENHANCED, REPLY, REPLY_WITH_ENHANCED, STATUS_FIELD } from '../reasons/smtp-codes.js';
import { CONNECT, LATER, MAIL_FROM } from '../reasons/smtp-stage.js';
import { BY_DETAIL, BY_REPLY, BY_SUBJECT } from '../reasons/status-classes.js';
import { TEXT_RULES } from '../reasons/text-rules.js';
import type { Cte, Dialect } from './dialect.js';
import { sqlString } from './quote.js';

/**
 * The reason classifier (src/reasons/classify.ts) as SQL over a relation `cl_in(event, status,
 * text)`: every table and pattern is read from the classifier's own modules, only the order of
 * the decisions is written again here. Gives `cl(event, status, text, reason_class, permanent, code,
 * reply_hard)`, `code` being the enhanced status code given or found in the text.
 */

const inList = (expr: string, values: Iterable<string>): string => `${expr} IN (${[...values].map(sqlString).join(', ')})`;

/** The index of the first rule (of those `pick` keeps) whose pattern occurs in `expr`, else NULL. */
function firstRule(d: Dialect, expr: string, pick: (generic: boolean, index: number) => boolean): string {
  const arms = TEXT_RULES.map((r, i) => [r, i] as const)
    .filter(([r, i]) => pick(r.generic === true, i))
    .map(([r, i]) => `WHEN ${d.test(expr, r.re)} THEN ${i}`);
  return arms.length === 0 ? 'CAST(NULL AS INTEGER)' : `CASE ${arms.join(' ')} END`;
}

/** `expr` looked up in a table of (key, class): the class, or NULL. */
const lookup = (expr: string, table: Iterable<readonly [string | number, string]>): string =>
  `(CASE ${expr} ${[...table].map(([k, cls]) => `WHEN ${typeof k === 'number' ? k : sqlString(k)} THEN ${sqlString(cls)}`).join(' ')} END)`;

const ruleClass = (idx: string): string => lookup(idx, TEXT_RULES.map((r, i) => [i, r.cls] as const));
const ruleGeneric = (idx: string): string => {
  const generic = TEXT_RULES.flatMap((r, i) => (r.generic === true ? [i] : []));
  return generic.length === 0 ? 'FALSE' : `(${idx} IN (${generic.join(', ')}))`;
};

/** classFromStatus: the subject.detail table, x.y.0 and x.0.z saying nothing, the banned-IP range, the subject. */
function statusClass(status: string): string {
  const subject = `split_part(${status}, '.', 2)`;
  const detail = `split_part(${status}, '.', 3)`;
  const key = `(${subject} || '.' || ${detail})`;
  return `coalesce(${lookup(key, Object.entries(BY_DETAIL))}, CASE
      WHEN ${status} IS NULL OR ${subject} = '0' OR ${detail} = '0' THEN NULL
      WHEN ${subject} = '7' AND CAST(${detail} AS INTEGER) BETWEEN 606 AND 649 THEN 'blocklisted'
      ELSE ${lookup(subject, Object.entries(BY_SUBJECT))} END)`;
}

/**
 * How many rules one pass tries. PostgreSQL keeps 32 compiled patterns: trying every rule on one
 * text, then on the next, would compile each rule again for every text. Each pass is a
 * materialized CTE that sorts an unsorted input, so it runs over all the texts before the next
 * pass begins (a sort reads all its input before it gives a row).
 */
const RULES_PER_PASS = 12;

export function reasonCtes(d: Dialect): Cte[] {
  const window = `substr(text, 1, ${MAX_SCAN})`;
  const enhanced = (expr: string, re: RegExp): string =>
    `CASE WHEN ${d.test(expr, re)} THEN ${d.group(expr, re, 1)} || '.' || ${d.group(expr, re, 2)} || '.' || ${d.group(expr, re, 3)} END`;
  const passes: Cte[] = [];
  for (let from = 0; from < TEXT_RULES.length; from += RULES_PER_PASS) {
    const within = (i: number): boolean => i >= from && i < from + RULES_PER_PASS;
    passes.push([
      `cl_pass${passes.length}`,
      `SELECT id,
        ${firstRule(d, 'why', (generic, i) => !generic && within(i))} AS stated,
        ${firstRule(d, 'lw', (_, i) => within(i))} AS matched
      FROM cl_text ORDER BY id`,
      'materialized',
    ]);
  }
  const first = (column: string): string => `coalesce(${passes.map(([name]) => `${name}.${column}`).join(', ')})`;
  return [
    [
      'cl_text',
      `SELECT *, ${d.group('lw', RECIPIENT_REJECTED, 1)} AS why, lower(${d.trim('w')}) AS bare
      FROM (SELECT row_number() OVER (ORDER BY event, status, text) AS id, event, status, text, ${window} AS w, lower(${window}) AS lw
        FROM cl_in) AS windowed`,
      'materialized',
    ],
    [
      'cl_codes',
      `SELECT id,
        coalesce(${enhanced('status', STATUS_FIELD)}, ${enhanced('w', ENHANCED)}) AS code,
        coalesce(${d.group('w', REPLY_WITH_ENHANCED, 1)}, ${d.group('w', REPLY, 1)}) AS reply,
        (event = 'dropped' OR ${inList('bare', DROP_REASON_KEYS)}) AS suppressed,
        ${inList('bare', MALFORMED_DROP_KEYS)} AS malformed,
        CASE WHEN ${d.test('lw', LATER)} THEN NULL WHEN ${d.test('lw', CONNECT)} THEN 'connect' WHEN ${d.test('lw', MAIL_FROM)} THEN 'mail-from' END AS stage
      FROM cl_text ORDER BY id`,
      'materialized',
    ],
    ...passes,
    [
      'cl_rules',
      `SELECT t.event, t.status, t.text, c.*, ${first('stated')} AS stated, ${first('matched')} AS matched,
        CASE left(coalesce(c.code, c.reply), 1) WHEN '5' THEN TRUE WHEN '4' THEN FALSE END AS permanent
      FROM cl_text AS t JOIN cl_codes AS c ON c.id = t.id
      ${passes.map(([name]) => `JOIN ${name} ON ${name}.id = t.id`).join('\n      ')}`,
    ],
    [
      'cl_found',
      `SELECT *, coalesce(specific, ${statusClass('code')}, ${ruleClass('matched')}, ${lookup('reply', Object.entries(BY_REPLY))}) AS found
      FROM (SELECT *, CASE WHEN NOT ${ruleGeneric('matched')} THEN ${ruleClass('matched')} END AS specific FROM cl_rules) AS ruled`,
    ],
    [
      'cl',
      `SELECT event, status, text, reason_class, permanent, code,
        CASE WHEN reason_class = 'suppressed' THEN malformed ELSE coalesce(permanent, FALSE) AND ${inList('reason_class', ADDRESS_CLASSES)} END AS reply_hard
      FROM (SELECT *,
        CASE
          WHEN suppressed THEN 'suppressed'
          WHEN stated IS NOT NULL THEN ${ruleClass('stated')}
          WHEN specific IS NULL AND stage = 'connect' THEN 'blocklisted'
          WHEN (specific IS NULL OR ${inList('found', RECIPIENT_CLASSES)}) AND stage = 'mail-from' THEN 'sender-rejected'
          ELSE coalesce(found, 'unknown') END AS reason_class
      FROM cl_found) AS decided`,
    ],
  ];
}
