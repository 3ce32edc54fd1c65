import type { MessageView } from './view.js';
import type { Verdict } from './verdicts.js';

/** Message selection shared by messages, timeline and report (README.md#commands). */
export interface MessageFilter {
  emails: string[];
  messages: string[];
  /** Recipient domains (lower case): a message to the domain or one of its subdomains. */
  domains: string[];
  /** Categories: a message with any of them. */
  categories: string[];
  verdicts: Verdict[];
  errorsOnly: boolean;
  since: number | null;
  until: number | null;
}

export function emptyFilter(): MessageFilter {
  return { emails: [], messages: [], domains: [], categories: [], verdicts: [], errorsOnly: false, since: null, until: null };
}

export function inTimeWindow(f: MessageFilter): ((at: number) => boolean) | undefined {
  if (f.since === null && f.until === null) return undefined;
  const since = f.since ?? Number.NEGATIVE_INFINITY;
  const until = f.until ?? Number.POSITIVE_INFINITY;
  return (at) => at >= since && at < until;
}

/** Is a message with these identifiers one the filter names by email or ID (prefix match)? */
export function namedBy(f: MessageFilter, emailKey: string, messageId: string | null, sgMessageId: string | null): boolean {
  if (f.emails.length > 0 && !f.emails.includes(emailKey)) return false;
  if (f.domains.length > 0 && !f.domains.some((d) => inDomain(emailKey, d))) return false;
  if (f.messages.length > 0) {
    return f.messages.some((p) => (messageId !== null && messageId.startsWith(p)) || (sgMessageId !== null && sgMessageId.startsWith(p)));
  }
  return true;
}

export function selects(f: MessageFilter, v: MessageView): boolean {
  const s = v.state;
  if (!s.inWindow) return false;
  if (!namedBy(f, s.emailKey, s.messageId, s.sgMessageId)) return false;
  if (f.verdicts.length > 0 && !f.verdicts.includes(v.decision.verdict)) return false;
  if (f.categories.length > 0 && !f.categories.some((c) => s.categories?.includes(c) === true)) return false;
  if (f.errorsOnly && !v.decision.errorList) return false;
  return true;
}

/** Is the address at `domain` or one of its subdomains? */
function inDomain(emailKey: string, domain: string): boolean {
  const host = emailKey.slice(emailKey.lastIndexOf('@') + 1);
  return host === domain || host.endsWith(`.${domain}`);
}

/** Does the filter name messages (by address, ID, domain or verdict)? An empty answer is then news. */
export function selectsByName(f: MessageFilter): boolean {
  return f.emails.length > 0 || f.messages.length > 0 || f.domains.length > 0 || f.categories.length > 0 || f.verdicts.length > 0;
}
