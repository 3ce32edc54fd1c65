import { findAddresses, type FoundAddress } from './addresses.js';

/** `word` (optionally `:`, `;`, `rfc822;`, `->`, an opening bracket) ending right at the address. */
const endsWithMarker = (words: readonly string[]): RegExp =>
  new RegExp(`\\b(?:${words.join('|')})\\s*[:;,=]?\\s*(?:rfc822\\s*;)?\\s*(?:->)?\\s*[<("'[]?\\s*$`, 'i');

/**
 * Recipient positions: the words right before an address that make it the address the receiver
 * refused (`RCPT TO:<…>`, "to …", "please try <…>" of a 551, "Recipient: …", "Unknown user …").
 */
export const RECIPIENT_BEFORE = endsWithMarker([
  'rcpt(?:\\s+to)?',
  'recipients?',
  'addressee',
  'to',
  'final-recipient',
  'original-recipient',
  'try',
  'for',
  'addresses',
  'address(?:es)?\\s+failed',
  'account',
  'mailbox',
  'user',
  'rejected',
]);

/** …or right after it: `<…>:` (Postfix), `<…>...` (Sendmail), "<…> User unknown", "… is over quota". */
export const RECIPIENT_AFTER =
  /^\s*[>)"'\]]?\s*(?::|\.\.\.|,?\s*recipient address rejected|\s+(?:user unknown|unknown user|no such user|mailbox (?:is )?full|is over quota|does not exist))/i;

/**
 * Never a forward target, whatever follows: the sender and return path, Message-IDs, contact
 * addresses, and the sender greeted at the top of a reply ("Hello x@…").
 */
export const DECOY_BEFORE = endsWithMarker([
  'mail\\s+from',
  'from',
  'senders?(?:\\s+address)?',
  'original-mail-from',
  'return-path',
  'envelope-from',
  'errors-to',
  'reply-to',
  'message-id',
  'in-reply-to',
  'references',
  'smtp\\.mailfrom',
  'header\\.from',
  'contact(?:ing)?',
  'e-?mail\\s+us\\s+at',
  'write\\s+to',
  'ask',
  'hello',
  'hi',
  'dear',
  'bonjour',
  'hallo',
  'hola',
]);

/** …and an address the reply itself calls the sender: `<x@…>: Sender address rejected`. */
export const DECOY_AFTER = /^\s*[>)"'\]]?\s*:?\s*(?:sender\b|mail from\b)/i;

/** How far back the context before an address is read, how far on the context after it, and how far back its clause. */
export const CONTEXT = { before: 48, after: 40, clause: 160 } as const;

/**
 * A bare address (no recipient marker around it) counts only in a clause that does not talk
 * about the sender side: "The following identities failed the check: x@…" names a sender.
 */
export const SENDER_CLAUSE = /\b(?:from|senders?|identit(?:y|ies)|return-path|envelope|verif(?:y|ied|ication)|anti-?spoof\w*|spoof\w*)\b/i;
/** Where a clause ends: a stop, a semicolon or a line end, and a space. */
export const CLAUSE_BREAK = /[.;!?\n]\s/;
const CLAUSE_START = new RegExp(`${CLAUSE_BREAK.source}|^`, 'g');

/**
 * The address a bounce reason names in a recipient position that is not `recipient` itself
 * (compared case-insensitively), as written in the text; null when there is none. With
 * `recipient` null: the first recipient-position address.
 *
 * When the reason marks some address as the refused recipient, only such marked addresses count;
 * otherwise a bare address in the sentence ("The email account x@… is over quota") counts.
 */
export function findForwardTarget(text: string, recipient: string | null): string | null {
  const self = recipient === null ? null : comparable(recipient);
  const strong: string[] = [];
  const bare: string[] = [];
  for (const found of findAddresses(text)) {
    if (found.decoy || isDecoyPosition(text, found)) continue;
    if (isRecipientPosition(text, found)) strong.push(found.address);
    else if (!SENDER_CLAUSE.test(clauseBefore(text, found))) bare.push(found.address);
  }
  const candidates = strong.length > 0 ? strong : bare;
  return candidates.find((a) => comparable(a) !== self) ?? null;
}

/** Case-insensitive, and `"local"@domain` is the same mailbox as `local@domain`. */
function comparable(address: string): string {
  return address.trim().toLowerCase().replace(QUOTED_LOCAL, '$1@');
}

/** A quoted local part, unquoted by `$1@`. */
export const QUOTED_LOCAL = /^"([^"]*)"@/;

/** The sentence or clause the address stands in, up to the address. */
function clauseBefore(text: string, found: FoundAddress): string {
  const head = text.slice(Math.max(0, found.start - CONTEXT.clause), found.start);
  let from = 0;
  for (const m of head.matchAll(CLAUSE_START)) from = m.index + m[0].length;
  return head.slice(from);
}

function before(text: string, found: FoundAddress): string {
  return text.slice(Math.max(0, found.start - CONTEXT.before), found.start);
}

function after(text: string, found: FoundAddress): string {
  return text.slice(found.end, found.end + CONTEXT.after);
}

function isDecoyPosition(text: string, found: FoundAddress): boolean {
  return DECOY_BEFORE.test(before(text, found)) || DECOY_AFTER.test(after(text, found));
}

function isRecipientPosition(text: string, found: FoundAddress): boolean {
  return RECIPIENT_BEFORE.test(before(text, found)) || RECIPIENT_AFTER.test(after(text, found));
}
