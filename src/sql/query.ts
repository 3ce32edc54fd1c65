import { BASE64URL_22, FILTER_MARKERS } from '../events/message-id.js';
import { NUMERIC_TEXT } from '../events/normalize.js';
import { MAX_SECONDS, MILLISECONDS_ABOVE, NUMERIC } from '../events/timestamp.js';
import { EVENT_BITS } from '../messages/state.js';
import { EXPIRY_SECONDS, SENT_OR_SEEN_EVENTS, TEST_POST_KINDS } from '../verdict/decide.js';
import type { Cte, Dialect } from './dialect.js';
import { forwardCtes, FROM_LAST_AT } from './forward-sql.js';
import { sqlIdentifier, sqlName, sqlString } from './quote.js';
import { reasonCtes } from './reasons-sql.js';

/**
 * `sgtrail sql`: the whole-input pipeline (docs/rules.md) as one SELECT, from raw webhook events
 * to one row per recipient message with its verdict. The stages are those of src/: normalize,
 * drop duplicates, group by (email, message id), attach ID-less events, fold each message's
 * events, decide, classify the deciding reply, find forward targets.
 *
 * Where SQL cannot follow the streaming code exactly, the README says so (section "Where your
 * events already live"): rows are ordered by `--seq` (arrival) or else by time; a chain of
 * duplicates is judged pairwise; anchors for ID-less events come from events with an ID.
 */

export const REQUIRED_COLUMNS = ['email', 'event', 'timestamp'] as const;
export const OPTIONAL_COLUMNS = [
  'sg_message_id',
  'smtp-id',
  'sg_event_id',
  'type',
  'status',
  'reason',
  'response',
  'attempt',
  'sg_machine_open',
  'useragent',
  'ip',
  'category',
  'url',
] as const;
export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

export type EventSource = { kind: 'relation'; name: string } | { kind: 'files'; pattern: string };

export interface SqlQueryOptions {
  dialect: Dialect;
  source: EventSource;
  /** A column that gives arrival order (any orderable type); without it rows are ordered by time, then event id. */
  seq: string | null;
  /** Optional columns the relation does not have (read as NULL). */
  missing: readonly Column[];
  /** Seconds an ID-less event may come after the message it attaches to. */
  attachWindow: number;
}

/** Column name → the CTE column it becomes (`smtp-id` → `smtp_id`). */
const alias = (c: Column): string => c.replace('-', '_');

function sourceSql(o: SqlQueryOptions): string {
  const missing = new Set(o.missing);
  const cols = COLUMNS.map((c) => `CAST(${missing.has(c) ? 'NULL' : sqlIdentifier(c)} AS VARCHAR) AS ${sqlIdentifier(alias(c))}`);
  if (o.source.kind === 'files') {
    // DuckDB's reader, one JSON value at a time (NDJSON, or a whole-file array; gzip by
    // extension): a value that is an array is a logged POST body, and each of its elements is an
    // event. Every field is read as text (a number or a list as its JSON text), in file order.
    const fields = COLUMNS.map((c) => `e ->> ${sqlString(c)} AS ${sqlIdentifier(alias(c))}`);
    return `SELECT ${fields.join(', ')}, row_number() OVER () AS seq
      FROM (SELECT unnest(CASE WHEN json_type(json) = 'ARRAY' THEN CAST(json AS JSON[]) ELSE [json] END) AS e
        FROM read_json_objects(${sqlString(o.source.pattern)}, format = 'auto')) AS events`;
  }
  // The arrival column as it is: a cast could merge large integers or refuse a timestamp.
  const seq = o.seq === null ? 'CAST(NULL AS BIGINT)' : sqlName(o.seq, 1);
  return `SELECT ${cols.join(', ')}, ${seq} AS seq FROM ${sqlName(o.source.name, 3)}`;
}

/**
 * A numeric text as a number, NULL otherwise. Past 300 characters a number is beyond what any use
 * here takes (and beyond a double), so it is not cast at all: PostgreSQL would stop the whole
 * query with "out of range" where the CLI just sees no usable value.
 */
function numeric(d: Dialect, text: string, re: RegExp): string {
  return `CASE WHEN length(${text}) <= 300 AND ${d.test(d.trim(text), re)} THEN CAST(${d.trim(text)} AS ${d.double}) END`;
}

function normalizeSql(o: SqlQueryOptions): Cte[] {
  const d = o.dialect;
  const nonEmpty = (c: string): string => `nullif(${d.trim(c)}, '')`;
  const marker = (m: string): string => `strpos(sg, ${sqlString(m)})`;
  return [
    ['src', sourceSql(o)],
    [
      'ev0',
      `SELECT *,
        ${numeric(d, '"timestamp"', NUMERIC)} AS ts_raw,
        ${nonEmpty('email')} AS addr,
        ${nonEmpty('sg_message_id')} AS sg,
        ${nonEmpty('smtp_id')} AS smtp
      FROM src`,
    ],
    [
      'ev1',
      `SELECT *,
        nullif(${d.replace(`CASE WHEN right(smtp0, 1) = '>' THEN left(smtp0, length(smtp0) - 1) ELSE smtp0 END`, FROM_LAST_AT, '')}, '') AS smtp_local,
        -- An event names itself and a recipient or an ID (docs/rules.md#recognising-events); a
        -- time in milliseconds becomes seconds, and one past what a date can hold is no time.
        coalesce(event IS NOT NULL AND (email IS NOT NULL OR sg_event_id IS NOT NULL OR sg_message_id IS NOT NULL)
          AND ts_raw BETWEEN 0 AND ${MAX_SECONDS * 1000}, FALSE) AS usable
      FROM (SELECT *, CASE WHEN left(smtp, 1) = '<' THEN substr(smtp, 2) ELSE smtp END AS smtp0 FROM ev0) AS stripped`,
    ],
    [
      'ev_n',
      `SELECT seq, CASE WHEN ts_raw > ${MILLISECONDS_ABOVE} THEN ts_raw / 1000 ELSE ts_raw END AS ts, lower(event) AS ev,
        addr, lower(addr) AS email_key, sg, smtp, ip, ${nonEmpty('sg_event_id')} AS event_id,
        CASE
          WHEN sg IS NULL THEN smtp_local
          WHEN smtp_local IS NOT NULL AND left(sg, length(smtp_local) + 1) = smtp_local || '.' THEN smtp_local
          ${FILTER_MARKERS.map((m) => `WHEN ${marker(m)} > 1 THEN left(sg, ${marker(m)} - 1)`).join('\n          ')}
          WHEN ${d.test('sg', BASE64URL_22)} THEN left(sg, 22)
        END AS message_id,
        type, status, reason, url, useragent, coalesce(type, '') AS key_type,
        coalesce(reason, response) AS bounce_reason,
        coalesce(response, reason) AS deferral_response,
        CASE WHEN sg_machine_open IN ('true', '1') THEN 'true' WHEN sg_machine_open IN ('false', '0') THEN 'false' ELSE sg_machine_open END AS machine_open,
        coalesce(CAST(${numeric(d, 'attempt', NUMERIC_TEXT)} AS VARCHAR), attempt) AS attempt_key,
        CASE WHEN category IS NULL THEN '' WHEN left(category, 1) = '[' THEN category WHEN left(category, 1) = '"' THEN '[' || category || ']'
          ELSE '["' || category || '"]' END AS category_key
      FROM ev1 WHERE usable`,
      'materialized',
    ],
    // Arrival order: file order, --seq, else time and event id (a table has no order of its own).
    [
      'ev',
      o.source.kind === 'files'
        ? 'SELECT *, seq AS ord FROM ev_n'
        : 'SELECT *, row_number() OVER (ORDER BY seq, ts, event_id, ev, email_key) AS ord FROM ev_n',
    ],
  ];
}

/**
 * Duplicates (docs/rules.md#duplicates): on the same recipient message, the same event ID for the
 * same event and type, or the same content; the first by arrival is kept. Each key names where the
 * event is grouped (ID-less or not, address, message ID), as the streaming Deduper's do. Filters
 * here and below test boolean columns of materialized CTEs: PostgreSQL guesses half the rows pass
 * such a test, where a test on an expression it cannot see into would be guessed at a few rows, and
 * it would plan loops over loops from there.
 */
function dedupeSql(d: Dialect): Cte[] {
  const idless = "(message_id IS NULL AND sg IS NULL AND smtp IS NULL AND (ip IS NULL OR ip = ''))";
  const where = [`CASE WHEN ${idless} THEN 'i' ELSE 'm' END`, "coalesce(email_key, '')", "coalesce(message_id, sg, '')"];
  const id = d.fingerprint(['event_id', 'ev', 'key_type', ...where]);
  const content = d.fingerprint([
    'ev',
    "coalesce(sg, '')",
    `CAST(ts AS VARCHAR)`,
    'key_type',
    "coalesce(bounce_reason, '')",
    "coalesce(url, '')",
    "coalesce(attempt_key, '')",
    'category_key',
    "coalesce(machine_open, '')",
    "coalesce(useragent, '')",
    "coalesce(ip, '')",
    ...where,
  ]);
  return [
    [
      // From here on an event carries only what its kind is judged by: the keys hold the rest.
      'keys',
      `SELECT ord, ts, ev, addr, email_key, sg, message_id,
        CASE WHEN ev = 'bounce' THEN type END AS type,
        CASE WHEN ev IN ('bounce', 'dropped') THEN status END AS status,
        CASE WHEN ev = 'dropped' THEN reason END AS reason,
        CASE WHEN ev = 'bounce' THEN bounce_reason END AS bounce_reason,
        CASE WHEN ev = 'deferred' THEN deferral_response END AS deferral_response,
        CASE WHEN ev = 'open' THEN machine_open END AS machine_open,
        -- No ID at all: an asynchronous bounce, attached to its message by address and time.
        ${idless} AS idless,
        event_id IS NULL AS no_id, ${id} AS id_key, ${content} AS content_key
      FROM ev`,
    ],
    [
      'by_id',
      `SELECT *, (no_id OR row_number() OVER (PARTITION BY id_key ORDER BY ord) = 1) AS first_of_id FROM keys`,
      'materialized',
    ],
    [
      'by_content',
      `SELECT *, row_number() OVER (PARTITION BY content_key ORDER BY ord) = 1 AS first_of_content FROM by_id WHERE first_of_id`,
      'materialized',
    ],
    [
      'kept',
      `SELECT ord, ts, ev, addr, email_key, sg, message_id, type, status, reason, bounce_reason, deferral_response, machine_open,
        email_key IS NOT NULL AS has_email, idless
      FROM by_content WHERE first_of_content`,
      'materialized',
    ],
    ['newest', `SELECT max(ts) AS t_at FROM kept`],
  ];
}

/** Grouping and the attachment of ID-less events (docs/rules.md#grouping). */
function groupingSql(o: SqlQueryOptions): Cte[] {
  return [
    ['tagged', `SELECT * FROM kept WHERE has_email`, 'materialized'],
    [
      'keyed',
      `SELECT *, coalesce(message_id, sg, '') AS msg_key, coalesce(message_id, sg) IS NOT NULL AS has_key FROM tagged WHERE NOT idless`,
      'materialized',
    ],
    [
      'anchors',
      `SELECT email_key, msg_key, min(ord) AS created,
        min(ts) FILTER (WHERE ev = 'delivered') AS first_delivered,
        max(ts) FILTER (WHERE ev = 'delivered') AS last_delivered,
        min(ts) FILTER (WHERE ev = 'processed') AS processed_at
      FROM keyed WHERE has_key GROUP BY email_key, msg_key`,
    ],
    [
      'attach_pairs',
      `SELECT i.ord, i.ts, c.email_key, c.msg_key, c.created, c.first_delivered, c.last_delivered, c.processed_at
      FROM tagged AS i JOIN anchors AS c ON c.email_key = i.email_key WHERE i.idless`,
      'materialized',
    ],
    [
      'attach_deferred',
      `SELECT p.ord, p.msg_key, max(k.ts) AS t_at
      FROM attach_pairs AS p JOIN keyed AS k ON k.email_key = p.email_key AND k.msg_key = p.msg_key AND k.ev = 'deferred' AND k.ts <= p.ts
      GROUP BY p.ord, p.msg_key`,
    ],
    [
      // The latest delivery at or before the event (the first and the last are those the rule
      // looks at), else the latest send (first processed, any deferral), within the window.
      'attach_options',
      `SELECT ord, msg_key, created, delivered, coalesce(delivered, sent) AS anchor FROM (
        SELECT p.ord, p.ts, p.msg_key, p.created,
          CASE WHEN p.last_delivered <= p.ts THEN p.last_delivered WHEN p.first_delivered <= p.ts THEN p.first_delivered END AS delivered,
          CASE WHEN p.processed_at <= p.ts AND (s.t_at IS NULL OR p.processed_at >= s.t_at) THEN p.processed_at ELSE s.t_at END AS sent
        FROM attach_pairs AS p LEFT JOIN attach_deferred AS s ON s.ord = p.ord AND s.msg_key = p.msg_key) AS anchored
      WHERE coalesce(delivered, sent) IS NOT NULL${Number.isFinite(o.attachWindow) ? ` AND ts - coalesce(delivered, sent) <= ${o.attachWindow}` : ''}`,
    ],
    [
      // A delivery beats a mere send; then the most recent; then the message seen first.
      'attached',
      `SELECT ord, msg_key FROM (SELECT ord, msg_key,
          row_number() OVER (PARTITION BY ord ORDER BY (delivered IS NOT NULL) DESC, anchor DESC, created) AS pick
        FROM attach_options) AS ranked WHERE pick = 1`,
    ],
    [
      // Events in the order they are applied: those with an ID by arrival, then the ID-less ones
      // by time (late, late_at, ord).
      'grouped',
      `SELECT ord, ts, ev, addr, email_key, msg_key, sg, message_id, type, status, reason, bounce_reason, deferral_response, machine_open,
        0 AS late, CAST(0 AS ${o.dialect.double}) AS late_at FROM keyed
      UNION ALL
      SELECT t.ord, t.ts, t.ev, t.addr, t.email_key, coalesce(a.msg_key, ''), t.sg, t.message_id, t.type, t.status, t.reason,
        t.bounce_reason, t.deferral_response, t.machine_open, 1, t.ts
      FROM tagged AS t LEFT JOIN attached AS a ON a.ord = t.ord WHERE t.idless`,
    ],
  ];
}

const MESSAGE = 'PARTITION BY email_key, msg_key';
/** The order events are applied in: those with an ID by arrival, then the ID-less ones by time. */
const APPLIED = ['late', 'late_at', 'ord'];
const WHOLE = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';

/**
 * Each message's state (src/messages/state.ts) and its verdict (src/verdict/decide.ts). Message
 * facts the bounces are judged against reach each event as window values, and the bounces' own
 * facts are arrays in bounce order, so that the verdict needs no join back.
 */
function messageSql(d: Dialect): Cte[] {
  const applied = APPLIED.join(', ');
  const kinds = Object.keys(EVENT_BITS)
    .map((name) => `max(CASE WHEN ev = ${sqlString(name)} THEN 1 ELSE 0 END)`)
    .join(' + ');
  const bounces = (column: string): string => `array_agg(${column} ORDER BY rk) FILTER (WHERE is_bounce)`;
  return [
    [
      'placed',
      `SELECT *,
        first_value(addr) OVER (${MESSAGE} ORDER BY ${applied} ${WHOLE}) AS recipient,
        min(ts) FILTER (WHERE ev = 'delivered') OVER (${MESSAGE}) AS message_delivered,
        min(ts) FILTER (WHERE ev = 'deferred') OVER (${MESSAGE}) AS message_deferred,
        row_number() OVER (${MESSAGE}, is_bounce ORDER BY ts, ${applied}) AS rk
      FROM (SELECT *, ev = 'bounce' AS is_bounce FROM grouped) AS g`,
      'materialized',
    ],
    ['ft_in', FT_IN],
    [
      'bounce_target',
      `SELECT p.email_key, p.msg_key, p.rk, p.is_bounce, f.target FROM placed AS p JOIN ft AS f ON f.text = p.bounce_reason AND f.recipient = p.recipient
      WHERE p.is_bounce`,
    ],
    [
      'msg',
      `SELECT email_key, msg_key, min(recipient) AS email,
        ${d.firstBy('message_id', APPLIED, 'message_id IS NOT NULL')} AS message_id,
        ${d.firstBy('sg', APPLIED, 'sg IS NOT NULL')} AS sg_message_id,
        count(*) AS events, min(ts) AS first_at, max(ts) AS last_at,
        min(ts) FILTER (WHERE ev = 'processed') AS processed_at,
        min(message_delivered) AS first_delivered,
        max(ts) FILTER (WHERE ev = 'delivered') AS last_delivered,
        count(*) FILTER (WHERE ev = 'deferred') AS deferrals,
        min(message_deferred) AS first_deferred,
        ${d.firstBy('deferral_response', ['ts', ...APPLIED], "ev = 'deferred'", true)} AS deferral_reason,
        min(ts) FILTER (WHERE ev = 'dropped') AS dropped_at,
        ${d.firstBy('reason', ['ts', ...APPLIED], "ev = 'dropped'")} AS dropped_reason,
        ${d.firstBy('status', ['ts', ...APPLIED], "ev = 'dropped'")} AS dropped_status,
        max(ts) FILTER (WHERE ev = 'click' OR (ev = 'open' AND machine_open IS DISTINCT FROM 'true')) AS last_human,
        (${kinds}) AS kind_count,
        (max(CASE WHEN ev = 'dropped' THEN 1 ELSE 0 END) = 1
          AND max(CASE WHEN ev IN (${SENT_OR_SEEN_EVENTS.map(sqlString).join(', ')}) THEN 1 ELSE 0 END) = 1) AS dropped_and_seen,
        count(*) FILTER (WHERE is_bounce) AS bounces,
        ${bounces('ts')} AS bounce_at, ${bounces('bounce_reason')} AS bounce_reason, ${bounces('status')} AS bounce_status,
        ${bounces('target')} AS bounce_target,
        min(rk) FILTER (WHERE is_bounce) AS first_rk,
        min(rk) FILTER (WHERE is_bounce AND ts >= message_delivered) AS after_rk,
        min(rk) FILTER (WHERE is_bounce AND ts >= message_delivered AND target IS NOT NULL) AS forward_rk,
        min(rk) FILTER (WHERE is_bounce AND ts >= message_deferred) AS after_deferral_rk,
        min(rk) FILTER (WHERE is_bounce AND lower(type) = 'expired') AS expired_rk,
        min(rk) FILTER (WHERE is_bounce AND lower(type) = 'blocked') AS blocked_rk
      FROM (SELECT p.*, t.target FROM placed AS p LEFT JOIN bounce_target AS t
          ON t.email_key = p.email_key AND t.msg_key = p.msg_key AND t.is_bounce = p.is_bounce AND t.rk = p.rk) AS events
      GROUP BY email_key, msg_key`,
      'materialized',
    ],
    [
      'decided',
      `SELECT *,
        (dropped_and_seen OR (last_at - first_at < 1 AND kind_count >= ${TEST_POST_KINDS})) AS contradictory,
        CASE
          WHEN first_delivered IS NOT NULL AND forward_rk IS NOT NULL THEN 'forwarded-bounce'
          WHEN first_delivered IS NOT NULL AND after_rk IS NOT NULL AND last_human >= bounce_at[after_rk] THEN 'engaged-after-bounce'
          WHEN first_delivered IS NOT NULL AND after_rk IS NOT NULL THEN 'bounce-after-delivery'
          WHEN first_delivered IS NOT NULL AND first_deferred <= coalesce(last_delivered, first_delivered) THEN 'delivered-after-deferral'
          WHEN first_delivered IS NOT NULL THEN 'delivered'
          WHEN dropped_at IS NOT NULL THEN 'dropped'
          WHEN after_deferral_rk IS NOT NULL OR expired_rk IS NOT NULL THEN 'expired'
          WHEN blocked_rk IS NOT NULL THEN 'blocked'
          WHEN bounces > 0 THEN 'bounced'
          WHEN first_deferred IS NOT NULL AND (SELECT t_at FROM newest) - first_deferred > ${EXPIRY_SECONDS} THEN 'expired'
          WHEN first_deferred IS NOT NULL THEN 'deferred'
          WHEN processed_at IS NOT NULL THEN 'processed'
          ELSE 'unknown' END AS verdict,
        CASE
          WHEN first_delivered IS NOT NULL THEN coalesce(forward_rk, after_rk)
          WHEN dropped_at IS NOT NULL THEN NULL
          ELSE coalesce(after_deferral_rk, expired_rk, blocked_rk, first_rk) END AS chosen_rk
      FROM msg`,
    ],
    [
      'deciding',
      `SELECT *,
        -- A reply is classified when it has a text or a status (decide.ts): never a missing one as ''.
        deciding_reason IS NOT NULL OR deciding_status IS NOT NULL AS has_reply
      FROM (SELECT *,
        CASE deciding_event WHEN 'dropped' THEN dropped_reason WHEN 'bounce' THEN bounce_reason[chosen_rk] WHEN 'deferred' THEN deferral_reason END
          AS deciding_reason,
        CASE deciding_event WHEN 'dropped' THEN dropped_status WHEN 'bounce' THEN bounce_status[chosen_rk] END AS deciding_status,
        bounce_at[chosen_rk] AS chosen_at, bounce_target[chosen_rk] AS chosen_target
      FROM (SELECT *,
        CASE WHEN verdict IN ('delivered', 'processed', 'unknown') THEN NULL
          WHEN verdict = 'dropped' THEN 'dropped'
          WHEN chosen_rk IS NOT NULL THEN 'bounce' ELSE 'deferred' END AS deciding_event
      FROM decided) AS picked) AS replies`,
      'materialized',
    ],
    [
      'cl_in',
      `SELECT DISTINCT deciding_event AS event, deciding_status AS status, coalesce(deciding_reason, '') AS text
      FROM deciding WHERE deciding_event IS NOT NULL AND has_reply`,
    ],
  ];
}

const GOT_IT = `('forwarded-bounce', 'engaged-after-bounce')`;

function resultSql(): string {
  // The address a reply is about: the forward target, or, where the bounces were not searched
  // already, the one the deciding reply names.
  const about = `CASE WHEN c.reply_hard AND (d.verdict = 'forwarded-bounce' OR d.deciding_event <> 'bounce' OR d.first_delivered IS NULL)
      THEN named.target END`;
  const hard = `c.reply_hard AND d.verdict NOT IN ${GOT_IT} AND NOT d.contradictory AND (${about}) IS NULL`;
  return `SELECT d.email, d.message_id, d.sg_message_id, d.verdict,
    (d.deferrals > 0 OR d.bounces > 0 OR d.dropped_at IS NOT NULL) AS error_list,
    d.events, d.first_at, d.last_at, d.first_delivered AS delivered_at,
    CASE
      WHEN d.verdict IN ('forwarded-bounce', 'engaged-after-bounce', 'bounce-after-delivery') THEN d.chosen_at
      WHEN d.verdict IN ('dropped', 'expired', 'blocked', 'bounced') AND (d.bounces > 0 OR d.dropped_at IS NOT NULL)
        THEN least(coalesce(d.bounce_at[1], d.dropped_at), coalesce(d.dropped_at, d.bounce_at[1])) END AS failed_at,
    d.deferrals, d.deciding_event, d.deciding_reason AS reason, coalesce(d.deciding_status, c.code) AS status,
    c.reason_class, c.permanent,
    CASE WHEN c.reason_class IS NOT NULL THEN ${hard} END AS hard,
    CASE WHEN d.verdict = 'forwarded-bounce' THEN d.chosen_target END AS forward_to,
    CASE WHEN c.reason_class IS NULL THEN NULL WHEN ${hard} THEN d.email WHEN c.reply_hard THEN ${about} END AS bad_address,
    d.contradictory
  FROM deciding AS d
  -- Equalities only, so that the engines can hash the join (an OR here made DuckDB loop).
  LEFT JOIN cl AS c ON c.event = d.deciding_event AND c.status IS NOT DISTINCT FROM d.deciding_status
    AND c.text = CASE WHEN d.has_reply THEN coalesce(d.deciding_reason, '') END
  LEFT JOIN ft AS named ON named.recipient = d.email AND named.text = d.deciding_reason
  ORDER BY d.first_at, d.email_key, d.msg_key`;
}

/** Texts whose forward target may be asked: bounce replies, drop reasons and deferral replies. */
const FT_IN = `SELECT DISTINCT bounce_reason AS text, recipient FROM placed WHERE is_bounce AND bounce_reason IS NOT NULL
  UNION
  SELECT DISTINCT reason, recipient FROM placed WHERE ev = 'dropped' AND reason IS NOT NULL
  UNION
  SELECT DISTINCT deferral_response, recipient FROM placed WHERE ev = 'deferred' AND deferral_response IS NOT NULL`;

function withCtes(dialect: Dialect, ctes: Cte[], body: string): string {
  return `WITH\n${ctes.map(([name, sql, materialized]) => `${name} AS ${materialized && dialect.materializes ? 'MATERIALIZED ' : ''}(\n  ${sql}\n)`).join(',\n')}\n${body}`;
}

/** The per-message query: one row per recipient message. */
export function messagesQuery(o: SqlQueryOptions): string {
  const d = o.dialect;
  const message = messageSql(d);
  const at = message.findIndex(([n]) => n === 'ft_in') + 1;
  const ctes: Cte[] = [
    ...normalizeSql(o),
    ...dedupeSql(d),
    ...groupingSql(o),
    ...message.slice(0, at),
    ...forwardCtes(d),
    ...message.slice(at),
    ...reasonCtes(d),
  ];
  return `${withCtes(d, ctes, resultSql())};\n`;
}
