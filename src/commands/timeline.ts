import { jsonText } from '../render/json-text.js';
import { Output } from '../output/writer.js';
import { timelineRecord, timelineText } from '../render/timeline.js';
import type { Needle } from '../ingest/needle-filter.js';
import { sizeOf } from '../ingest/read-events.js';
import { namedBy, selects } from '../verdict/select.js';
import type { MessageView } from '../verdict/view.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { nothingFoundNote } from './nothing-found.js';
import { finishRead } from './finish.js';
import type { Io } from './io.js';
import type { MessagesConfig } from './messages.js';
import { groupMessages, type GroupedMessages } from './pipeline.js';
import { decide } from '../verdict/decide.js';
import { noteClock, presentationFor } from './presentation.js';

/**
 * A lookup reads only the lines that name what it looks for, when that is safe: the inputs can
 * be read again (regular files: a verdict that hangs on the newest event of the whole input needs
 * a second, full read; a pipe or FIFO is read once, in full), and the needle is plain text that
 * every JSON encoder writes as it is (Go writes `&`, `<`, `>` as `\u0026`…, PHP `/` as `\/`).
 */
function canPrefilter(cfg: MessagesConfig, needles: readonly string[]): boolean {
  if (needles.length === 0 || !needles.every((s) => /^[\x20-\x7e]+$/.test(s) && !/["\\/<>&']/.test(s))) return false;
  const files = cfg.files.length > 0 ? cfg.files : ['-'];
  return files.every((f) => sizeOf(f) !== null);
}

/**
 * What a timeline lookup by address must see: every line naming the address. Its rival messages
 * and its asynchronous bounces (which carry no ID) all name it too, so the attachment
 * (docs/rules.md#grouping) comes out as for the whole input.
 */
function needlesFor(cfg: MessagesConfig, emails: readonly string[]): Needle[] | undefined {
  return canPrefilter(cfg, emails) ? [...emails, ACCOUNT_EVENT] : undefined;
}

/**
 * Account status changes name no address, but are reported by every command: their lines are
 * read too (found as SendGrid writes the name, in one plain search).
 */
const ACCOUNT_EVENT: Needle = { exact: 'account_status_change' };

/**
 * A lookup by ID alone does not know the address: a first pass over the lines naming the ID finds
 * the addresses of the messages it names, so that the lookup can then read by address (and keep
 * only what can match) instead of grouping the whole input.
 */
async function addressesOfIds(cfg: MessagesConfig, io: Io): Promise<{ grouped: GroupedMessages; emails: string[] } | undefined> {
  const ids = cfg.filter.messages;
  if (cfg.filter.emails.length > 0 || !canPrefilter(cfg, ids)) return undefined;
  const grouped = await groupMessages({ ...cfg, needles: [...ids.map((id) => id.toLowerCase()), ACCOUNT_EVENT] }, io);
  const emails = new Set<string>();
  for (const s of grouped.states) if (namedBy(cfg.filter, s.emailKey, s.messageId, s.sgMessageId)) emails.add(s.emailKey);
  return { grouped, emails: [...emails] };
}

/**
 * A verdict that depends on the newest event of the whole input (a deferral with no outcome, by
 * the 72-hour rule) cannot be trusted to a prefiltered read, which only samples the time of the
 * lines it skips; files can be read again in full, stdin cannot.
 */
function needsWholeInput(views: readonly MessageView[]): boolean {
  return views.some(
    ({ state: s }) => s.firstDeferred !== null && s.firstDelivered === null && s.bounces.length === 0 && s.dropped === null,
  );
}

/** The messages whose events were kept (those the filter names), decided; the rest are not. */
function keptMessages(grouped: GroupedMessages): MessageView[] {
  return grouped.states.filter((s) => s.kept !== null).map((state) => ({ state, decision: decide(state, grouped.decideWith) }));
}

/** `sgtrail timeline --email ADDR | --message ID`: each matching message's events and verdict. */
export async function runTimeline(cfg: MessagesConfig, io: Io): Promise<ExitCode> {
  const byId = await addressesOfIds(cfg, io);
  const needles = needlesFor(cfg, byId === undefined ? cfg.filter.emails : byId.emails);
  // No message has the ID: the first pass has said so.
  const noSuchId = byId?.emails.length === 0;
  let grouped = noSuchId ? byId.grouped : await groupMessages({ ...cfg, keepEvents: true, needles }, io);
  let kept = noSuchId ? [] : keptMessages(grouped);
  if (needles !== undefined && needsWholeInput(kept)) {
    grouped = await groupMessages({ ...cfg, keepEvents: true }, io);
    kept = keptMessages(grouped);
  }
  const views = kept.filter((v) => selects(cfg.filter, v));
  const out = new Output(io.stdout);
  const look = presentationFor(cfg.output);
  views.forEach((v, i) => {
    if (cfg.output.json) out.write(`${jsonText(timelineRecord(v, look.scrub))}\n`);
    else out.write(`${i > 0 ? '\n' : ''}${timelineText(v, look)}`);
  });
  await out.end();
  const code = finishRead(grouped, cfg, io);
  if (views.length > 0) return code;
  // Found nothing: say why (not in the input, or outside the window with the message's own time
  // span), and exit 1 as grep does. A lookup reads only the lines naming what it looks for, so
  // it speaks of those messages, not of the input's span.
  const note = nothingFoundNote(grouped, cfg.filter, look.t, noteClock(cfg));
  if (!cfg.quiet) io.stderr.write(`${note}\n`);
  return code === EXIT.ok ? EXIT.failOn : code;
}
