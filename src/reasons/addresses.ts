import { scanWindow } from './scan-window.js';

/**
 * Email addresses in bounce text, each with where it stands and whether its shape alone rules it
 * out as somebody's mailbox (a role address, a return path, a Message-ID, a URL parameter).
 */
export interface FoundAddress {
  /** As written, without the surrounding `<>` or trailing punctuation. */
  address: string;
  start: number;
  end: number;
  /** The shape says this is not a recipient mailbox. */
  decoy: boolean;
}

/**
 * A quoted or dot-atom local part, `@`, and a domain of at least two labels ending in letters.
 * Labels may be masked (`***.com`, `x@***.co.jp`). A local part does not start with a quote
 * mark, so `'kijitora@example.com'` yields the address without it. The address is group 1; the
 * character after it (not a name character, not a dot that goes on) is matched too, because the
 * same pattern runs as SQL (src/sql) and RE2 (DuckDB) has no lookahead.
 */
export const ADDRESS =
  /((?:"[^"\r\n]{1,64}"|[\w!#$%&*+/=?^`{|}~-][\w!#$%&'*+/=?^`{|}~.-]{0,127})@(?:[a-z\d*](?:[a-z\d*-]{0,61}[a-z\d*])?\.)+(?:[a-z]{2,63}|\*+))(?:$|[^\w.-]|\.$|\.[^a-z\d])/gi;

/** URLs and mailto links: an address inside one is a link parameter, not a recipient. */
export const LINK = /\b(?:https?|ftp):\/\/[^\s<>"']+|\bmailto:[^\s<>"']+/gi;

/** Role mailboxes that answer for a server, never a person's forward target. */
export const ROLE = /^(?:postmaster|mailer-daemon|abuse|hostmaster|webmaster|noc|root|security)$/i;

/**
 * Return paths: VERP (`bounces+123-abc-user=example.com`), `bounce-…`, `…-bounces`, SRS
 * (`SRS0=…`), BATV (`prvs=…`), and domains whose first label is a bounce handler.
 */
export const RETURN_PATH_LOCAL = /^(?:bounces?(?:[+\-=._]|$)|srs[01][=+-]|prvs=|btv1==|msprvs1=)|[-_.+]bounces?$|=[a-z\d-]+(?:\.[a-z\d-]+)*\.[a-z]{2,}$/i;
export const RETURN_PATH_DOMAIN = /^(?:[\w-]*-)?bounces?[\w-]*\./i;

/** The quotes around a quoted local part. */
export const QUOTES = /^"|"$/g;

export function findAddresses(fullText: string): FoundAddress[] {
  const text = scanWindow(fullText);
  if (!text.includes('@')) return [];
  const links = [...text.matchAll(LINK)].map((m) => [m.index, m.index + m[0].length] as const);
  const found: FoundAddress[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    const address = m[1] as string;
    const start = m.index;
    const inLink = links.some(([a, b]) => start >= a && start < b);
    found.push({ address, start, end: start + address.length, decoy: inLink || isDecoyShape(address) });
  }
  return found;
}

function isDecoyShape(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).replace(QUOTES, '');
  const domain = address.slice(at + 1);
  return ROLE.test(local) || RETURN_PATH_LOCAL.test(local) || RETURN_PATH_DOMAIN.test(domain) || looksLikeId(local);
}

/**
 * Message-ID and queue-ID local parts: a run of 16+ hex digits with at least one digit (UUIDs
 * and Amazon SES IDs have them), or a 20+ character base64 token mixing cases and digits. Long
 * digit runs alone are not enough: Japanese mobile addresses are often phone numbers.
 *
 * A run of 16+ hex characters holding a digit is one whose 16-character stretch around that
 * digit is all hex: written out as sixteen such stretches, it is one pattern (also for SQL).
 */
export const HEX_ID = new RegExp(
  Array.from({ length: 16 }, (_, i) => `${i > 0 ? `[\\da-f]{${i}}` : ''}\\d${i < 15 ? `[\\da-f]{${15 - i}}` : ''}`).join('|'),
  'i',
);
/** A base64 token: every test must hold (the letters are case-sensitive). */
export const TOKEN_ID: readonly RegExp[] = [/^[\w-]{20,}$/, /[a-z]/, /[A-Z]/, /\d/];

function looksLikeId(local: string): boolean {
  return HEX_ID.test(local) || TOKEN_ID.every((re) => re.test(local));
}
