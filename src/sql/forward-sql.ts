import { ADDRESS, HEX_ID, LINK, QUOTES, RETURN_PATH_DOMAIN, RETURN_PATH_LOCAL, ROLE, TOKEN_ID } from '../reasons/addresses.js';
import {
  CLAUSE_BREAK,
  CONTEXT,
  DECOY_AFTER,
  DECOY_BEFORE,
  QUOTED_LOCAL,
  RECIPIENT_AFTER,
  RECIPIENT_BEFORE,
  SENDER_CLAUSE,
} from '../reasons/forward-target.js';
import { MAX_SCAN } from '../reasons/scan-window.js';
import type { Cte, Dialect } from './dialect.js';

/**
 * Forward targets (src/reasons/forward-target.ts) as SQL over `ft_in(text, recipient)`: the
 * addresses of each text with their positions, which of them are decoys by shape or position,
 * which stand where a refused recipient stands, and the first that is not the recipient. Gives
 * `ft(text, recipient, target)`, with a row only where there is a target.
 */

/** Everything up to the last clause break, dropped to leave the clause an address stands in. */
const UP_TO_CLAUSE = new RegExp(`^[\\s\\S]*(?:${CLAUSE_BREAK.source})`);
/** Everything up to the last `@`: what is left is the domain. */
const DOMAIN_PART = /^[\s\S]*@/;
/** Everything from the last `@` on: without it, an address (or an smtp-id) is its local part. */
export const FROM_LAST_AT = /@[^@]*$/;

export function forwardCtes(d: Dialect): Cte[] {
  const comparable = (expr: string): string => d.replace(`lower(${d.trim(expr)})`, QUOTED_LOCAL, '\\1@');
  const before = (n: number): string => `substr(t.text, greatest(1, a.pos - ${n}), least(${n}, a.pos - 1))`;
  const after = `substr(t.text, a.pos + length(a.hit), ${CONTEXT.after})`;
  const local = d.replace(d.replace('a.hit', FROM_LAST_AT, ''), QUOTES, '');
  const domain = d.replace('a.hit', DOMAIN_PART, '');
  const decoyShape = [
    d.test(local, ROLE),
    d.test(local, RETURN_PATH_LOCAL),
    d.test(domain, RETURN_PATH_DOMAIN),
    d.test(local, HEX_ID),
    `(${TOKEN_ID.map((re) => d.test(local, re)).join(' AND ')})`,
  ].join(' OR ');
  // Each stage is materialized and sorted, so that its patterns run over every address in turn
  // (see RULES_PER_PASS in reasons-sql.ts).
  return [
    ['ft_text', `SELECT row_number() OVER (ORDER BY text) AS id, text, substr(text, 1, ${MAX_SCAN}) AS w FROM (SELECT DISTINCT text FROM ft_in) AS texts`],
    ['ft_window', 'SELECT id, w AS text FROM ft_text'],
    ['ft_addr', `SELECT * FROM (${d.matches('ft_window', ADDRESS)}) AS found ORDER BY id, n`, 'materialized'],
    ['ft_link', `SELECT * FROM (${d.matches('ft_window', new RegExp(`(${LINK.source})`, LINK.flags))}) AS found ORDER BY id, n`, 'materialized'],
    [
      'ft_shape',
      `SELECT a.id, a.n, ${comparable('a.hit')} AS comparable, (${decoyShape}) AS decoy_shape
      FROM ft_addr AS a ORDER BY a.id, a.n`,
      'materialized',
    ],
    [
      'ft_context',
      `SELECT a.id, a.n, (${d.test(before(CONTEXT.before), DECOY_BEFORE)} OR ${d.test(after, DECOY_AFTER)}) AS decoy_place,
        (${d.test(before(CONTEXT.before), RECIPIENT_BEFORE)} OR ${d.test(after, RECIPIENT_AFTER)}) AS strong,
        ${d.test(d.replace(before(CONTEXT.clause), UP_TO_CLAUSE, ''), SENDER_CLAUSE)} AS sender_clause
      FROM ft_addr AS a JOIN ft_text AS t ON t.id = a.id ORDER BY a.id, a.n`,
      'materialized',
    ],
    [
      'ft_place',
      `SELECT a.id, a.n, a.hit AS address, s.comparable, c.strong, c.sender_clause,
        (s.decoy_shape OR c.decoy_place OR EXISTS (SELECT 1 FROM ft_link AS l WHERE l.id = a.id AND a.pos >= l.pos AND a.pos < l.pos + length(l.hit))) AS decoy
      FROM ft_addr AS a JOIN ft_shape AS s ON s.id = a.id AND s.n = a.n JOIN ft_context AS c ON c.id = a.id AND c.n = a.n`,
    ],
    [
      'ft_candidate',
      `SELECT p.*, bool_or(p.strong AND NOT p.decoy) OVER (PARTITION BY p.id) AS any_strong
      FROM ft_place AS p WHERE NOT p.decoy`,
    ],
    [
      'ft',
      `SELECT text, recipient, target FROM (
        SELECT t.text, i.recipient, c.address AS target,
          row_number() OVER (PARTITION BY t.text, i.recipient ORDER BY c.n) AS pick
        FROM ft_in AS i JOIN ft_text AS t ON t.text = i.text JOIN ft_candidate AS c ON c.id = t.id
        WHERE (CASE WHEN c.any_strong THEN c.strong ELSE NOT c.sender_clause END)
          AND c.comparable <> ${comparable('i.recipient')}) AS ranked
      WHERE pick = 1`,
    ],
  ];
}
