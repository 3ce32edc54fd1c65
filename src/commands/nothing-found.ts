import type { MessageState } from '../messages/state.js';
import { sanitizeTerminal } from '../render/sanitize.js';
import { namedBy, type MessageFilter } from '../verdict/select.js';
import type { GroupedMessages } from './pipeline.js';
import type { Catalog } from '../i18n/catalog.js';

/** What the selection asked for, as the user wrote it (for the note). */
function asked(f: MessageFilter): string {
  const parts = [
    ...f.emails.map((e) => `--email ${e}`),
    ...f.messages.map((m) => `--message ${m}`),
    ...f.domains.map((d) => `--domain ${d}`),
    ...f.categories.map((c) => `--category ${c}`),
    ...(f.verdicts.length > 0 ? [`--verdict ${f.verdicts.join(',')}`] : []),
  ];
  return sanitizeTerminal(parts.join(' '));
}

function span(states: Iterable<MessageState>, t: Catalog, when: (seconds: number) => string): string | null {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of states) {
    if (!s.timed) continue;
    if (s.firstAt < first) first = s.firstAt;
    if (s.lastAt > last) last = s.lastAt;
  }
  return Number.isFinite(first) ? t.notes.span(when(first), when(last)) : null;
}

/**
 * Why a selection found nothing, in one line for stderr: the messages it names are not in the
 * input at all, or are there but outside --since/--until (with their time span), or have other
 * verdicts. Scripts learn the same from exit code 1.
 */
export function nothingFoundNote(grouped: GroupedMessages, f: MessageFilter, t: Catalog, when: (seconds: number) => string): string {
  const named = grouped.states.filter((s) => namedBy(f, s.emailKey, s.messageId, s.sgMessageId));
  const what = asked(f);
  if (named.length === 0) return `sgtrail: ${t.notes.noMatch(what)}`;
  const inWindow = named.filter((s) => s.inWindow);
  if (inWindow.length === 0) return `sgtrail: ${t.notes.outsideWindow(named.length, what, span(named, t, when))}`;
  return `sgtrail: ${t.notes.otherVerdicts(inWindow.length, what)}`;
}

/** A --since/--until window that holds no event of the input: say so, with the input's own span. */
export function emptyWindowNote(grouped: GroupedMessages, f: MessageFilter, t: Catalog, when: (seconds: number) => string): string | null {
  if (f.since === null && f.until === null) return null;
  if (grouped.states.some((s) => s.inWindow)) return null;
  return `sgtrail: ${t.notes.emptyWindow(f.since === null ? null : when(f.since), f.until === null ? null : when(f.until), span(grouped.states, t, when))}`;
}
