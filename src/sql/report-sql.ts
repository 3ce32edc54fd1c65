import { VERDICT_GROUP, VERDICTS, type VerdictGroup } from '../verdict/verdicts.js';
import { sqlString } from './quote.js';

/** The report's groups, in the order its headline gives them. */
const GROUP_ORDER: readonly VerdictGroup[] = ['failed', 'after-delivery', 'recovered', 'pending', 'delivered', 'other'];

/**
 * `sgtrail sql --report`: the error list against the real outcome (the report's headline), as a
 * query over the per-message query. One row per verdict, every verdict present, in report order:
 * how many messages got it, how many of those a naive error list shows, and their share of it.
 */
export function reportQuery(messages: string): string {
  const rows = [...VERDICTS]
    .sort((a, b) => GROUP_ORDER.indexOf(VERDICT_GROUP[a]) - GROUP_ORDER.indexOf(VERDICT_GROUP[b]) || VERDICTS.indexOf(a) - VERDICTS.indexOf(b))
    .map((v, i) => `(${i + 1}, ${sqlString(VERDICT_GROUP[v])}, ${sqlString(v)})`);
  return `WITH messages AS (
${messages.trim().replace(/;$/, '')}
),
verdicts (rank, verdict_group, verdict) AS (VALUES ${rows.join(', ')}),
listed AS (SELECT count(*) AS n FROM messages WHERE error_list)
SELECT v.verdict_group, v.verdict, count(m.verdict) AS messages,
  count(m.verdict) FILTER (WHERE m.error_list) AS on_error_list,
  round(CAST(count(m.verdict) FILTER (WHERE m.error_list) AS NUMERIC) / nullif((SELECT n FROM listed), 0), 4) AS share_of_error_list
FROM verdicts AS v LEFT JOIN messages AS m ON m.verdict = v.verdict
GROUP BY v.rank, v.verdict_group, v.verdict
ORDER BY v.rank;
`;
}
