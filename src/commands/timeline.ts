import { jsonText } from '../render/json-text.js';
import { Output } from '../output/writer.js';
import { timelineRecord, timelineText } from '../render/timeline.js';
import type { Needle } from '../ingest/needle-filter.js';
import { sizeOf } from '../ingest/read-events.js';
import { InputError, type InputsReadAgain } from '../ingest/sources.js';
import { Spool } from '../ingest/spool.js';
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
 * be read again (a verdict that hangs on the newest event of the whole input needs a second,
 * full read: a file is read from its name again, stdin or a pipe from the copy a Spool keeps),
 * and the needle is plain text that every JSON encoder writes as it is (Go writes `&`, `<`, `>`
 * as `\u0026`…, PHP `/` as `\/`).
 */
function canPrefilter(needles: readonly string[], again: Again): boolean {
  if (needles.length === 0 || !needles.every((s) => /^[\x20-\x7e]+$/.test(s) && !/["\\/<>&']/.test(s))) return false;
  return again.rereadable;
}

/**
 * What a timeline lookup by address must see: every line naming the address. Its rival messages
 * and its asynchronous bounces (which carry no ID) all name it too, so the attachment
 * (docs/rules.md#grouping) comes out as for the whole input.
 */
function needlesFor(emails: readonly string[], again: Again): Needle[] | undefined {
  return canPrefilter(emails, again) ? [...emails, ACCOUNT_EVENT] : undefined;
}

/**
 * How the inputs are read more than once. Files are read from their names; stdin and pipes are
 * copied by a Spool as the first read goes, and read from the copies after. Without a place for
 * the copies (no writable temporary directory, or less than 64 MiB to spare there), those inputs
 * are read once, in full.
 */
class Again {
  private reads = 0;
  readonly rereadable: boolean;

  /** `readOnce`: some input cannot be read again from its name (stdin, a pipe). */
  constructor(
    readonly spool: Spool | null,
    readOnce: boolean,
  ) {
    this.rereadable = !readOnce || spool !== null;
  }

  static for(cfg: MessagesConfig, makeSpool: () => Spool): Again {
    const files = cfg.files.length > 0 ? cfg.files : ['-'];
    const readOnce = files.some((f) => sizeOf(f) === null);
    let spool: Spool | null = null;
    if (readOnce) {
      try {
        spool = makeSpool();
      } catch {
        spool = null;
      }
    }
    return new Again(spool, readOnce);
  }

  /** The options of the next read: the first copies what cannot be read again, the rest read the copies. */
  next(): InputsReadAgain | undefined {
    if (this.spool === null) return undefined;
    if (this.reads++ === 0) return { copyTo: this.spool };
    this.spool.rewind();
    return { readCopies: this.spool };
  }

  /** Can the inputs be read again now (every copy kept whole)? */
  get possible(): boolean {
    return this.spool === null || this.spool.complete;
  }

  /** What is said of the input whose copy was given up (`possible` is false), when it was needed. */
  notKept(what: string): InputError {
    const lost = this.spool?.lost ?? { name: 'stdin', why: 'given up' };
    return new InputError(lost.name, {
      kind: 'other',
      detail: `its copy for a second read could not be kept (${lost.why}): ${what}; give the log by its file name, or set TMPDIR to a directory with room`,
    });
  }

  remove(): void {
    this.spool?.remove();
  }
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
async function addressesOfIds(cfg: MessagesConfig, io: Io, again: Again): Promise<{ grouped: GroupedMessages; emails: string[] } | undefined> {
  const ids = cfg.filter.messages;
  if (cfg.filter.emails.length > 0 || !canPrefilter(ids, again)) return undefined;
  const grouped = await groupMessages({ ...cfg, needles: [...ids.map((id) => id.toLowerCase()), ACCOUNT_EVENT], again: again.next() }, io);
  const emails = new Set<string>();
  for (const s of grouped.states) if (namedBy(cfg.filter, s.emailKey, s.messageId, s.sgMessageId)) emails.add(s.emailKey);
  return { grouped, emails: [...emails] };
}

/**
 * A verdict that depends on the newest event of the whole input (a deferral with no outcome, by
 * the 72-hour rule) cannot be trusted to a prefiltered read, which only samples the time of the
 * lines it skips: the input is then read again in full (stdin and pipes from their copies).
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

/**
 * `sgtrail timeline --email ADDR | --message ID`: each matching message's events and verdict.
 * `makeSpool`: where copies of stdin and pipes go (see Spool).
 */
export async function runTimeline(cfg: MessagesConfig, io: Io, makeSpool = () => new Spool()): Promise<ExitCode> {
  const again = Again.for(cfg, makeSpool);
  try {
    return await lookUp(cfg, io, again);
  } finally {
    again.remove();
  }
}

async function lookUp(cfg: MessagesConfig, io: Io, again: Again): Promise<ExitCode> {
  const byId = await addressesOfIds(cfg, io, again);
  const needles = needlesFor(byId === undefined ? cfg.filter.emails : byId.emails, again);
  // No message has the ID: the first pass has said so.
  const noSuchId = byId?.emails.length === 0;
  let grouped: GroupedMessages;
  let kept: MessageView[];
  if (noSuchId) {
    grouped = byId.grouped;
    kept = [];
  } else if (byId !== undefined && !again.possible) {
    grouped = { ...byId.grouped, errors: [...byId.grouped.errors, again.notKept('the message ID was found, its address cannot be looked up')] };
    kept = [];
  } else {
    // Copied (or read from the copy) only when a read may follow (or came before).
    const reads = needles !== undefined || byId !== undefined ? again.next() : undefined;
    grouped = await groupMessages({ ...cfg, keepEvents: true, needles, again: reads }, io);
    kept = keptMessages(grouped);
  }
  if (needles !== undefined && needsWholeInput(kept)) {
    if (again.possible) {
      grouped = await groupMessages({ ...cfg, keepEvents: true, again: again.next() }, io);
      kept = keptMessages(grouped);
    } else {
      // The copy is lost: the deferral's expiry is judged against the newest time among the lines read.
      grouped = { ...grouped, errors: [...grouped.errors, again.notKept("a deferral's expiry is judged on the lines that name the address")] };
    }
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
