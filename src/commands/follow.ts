import { EventStage } from '../ingest/event-sink.js';
import { followEvents } from '../ingest/follow.js';
import type { FollowNews } from '../ingest/follow-news.js';
import { MessageCollector, outputOrder } from '../messages/collector.js';
import type { MessageState } from '../messages/state.js';
import { Output } from '../output/writer.js';
import { cachedClassifier } from '../reasons/cache.js';
import { findForwardTarget } from '../reasons/forward-target.js';
import { checkFailOn, type FailCheck, type FailCondition } from '../report/fail-on.js';
import { RunningTally, type Contribution } from '../report/running-tally.js';
import { jsonText } from '../render/json-text.js';
import { changeLine, changeRecord, liveEventRecord, liveVerdictRecord } from '../render/live.js';
import { messageTsvLine } from '../render/messages-text.js';
import { failOnMessage } from '../render/report/fail-on.js';
import { sanitizeTerminal } from '../render/sanitize.js';
import { accountChangeLines } from '../render/summary.js';
import { asText } from '../common/text.js';
import { orderedEvents, timelineEventLine, timelineHeader, timelineText, timelineVerdictLines } from '../render/timeline.js';
import { decide, EXPIRY_SECONDS, type DecideOptions } from '../verdict/decide.js';
import { inTimeWindow, namedBy, selects, selectsByName } from '../verdict/select.js';
import type { SgEvent } from '../events/types.js';
import type { Verdict } from '../verdict/verdicts.js';
import type { MessageView } from '../verdict/view.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { finishRead, readErrorLine } from './finish.js';
import type { Io } from './io.js';
import type { MessagesConfig } from './messages.js';
import { noteClock, presentationFor } from './presentation.js';

/**
 * `messages --follow` and `timeline --follow` (README.md#live): the input is read as it grows and
 * every message is decided again after each chunk that touched it, on the live clock (the newest
 * event time seen). A message is printed when its verdict changes; a timeline also prints each
 * event of the messages it names as it arrives. Messages older than the retention window are let
 * go, and duplicate keys older than it are forgotten, so an endless stream runs in bounded memory.
 */

export interface FollowConfig extends MessagesConfig {
  /** Seconds of event time a message is kept after its newest event. */
  retain: number;
  /** Exit 1 the first time any of these holds. */
  failOn: FailCondition[];
}

/** What the live run remembers of each message it holds. */
interface Shown {
  /** The verdict last decided, and the one last printed. */
  decided: Verdict | null;
  printed: Verdict | null;
  /** What the message adds to the --fail-on counts now (null when it is not selected). */
  counted: Contribution | null;
  /** Time of the event printed last (timeline gaps). */
  previousAt: number | null;
}

/**
 * When a verdict came about: the later of the deciding event (a bounce, drop or deferral) and the
 * delivery — a bounce after delivery at the bounce, a delivery after deferrals at the delivery —
 * else the message's newest event. A chunk can hold several events of a message; this is the
 * time of the one that made the verdict, not of the last one read.
 */
function establishedAt(v: MessageView): number {
  const d = v.decision;
  // Expired by the 72-hour rule (not by an expiry bounce): at the deadline, however the input
  // was cut into chunks.
  if (d.verdict === 'expired' && d.deciding?.event === 'deferred' && v.state.firstDeferred !== null) {
    return v.state.firstDeferred + EXPIRY_SECONDS;
  }
  const times = [d.deciding?.at, d.deliveredAt].filter((t): t is number => typeof t === 'number');
  return times.length > 0 ? Math.max(...times) : v.state.lastAt;
}

export async function runFollow(cfg: FollowConfig, io: Io, kind: 'messages' | 'timeline'): Promise<ExitCode> {
  const filter = cfg.filter;
  const out = new Output(io.stdout);
  const look = presentationFor(cfg.output);
  // Counted only for --fail-on (the count is work per message and per change).
  const tally = cfg.failOn.length > 0 ? new RunningTally() : null;
  const inWindow = inTimeWindow(filter);
  const collector = new MessageCollector({
    attachWindow: cfg.attachWindow,
    // A timeline shows a file's history per message, in timeline order, once it is read; news
    // is printed as it comes, and not kept.
    keepEvents: kind === 'timeline' ? (email, id, sgId) => history && namedBy(filter, email, id, sgId) : undefined,
    inWindow,
    live: { retain: cfg.retain },
  });
  // A file's history is grouped as a whole-input read groups it (see caughtUp).
  collector.deferIdless = true;
  const base: DecideOptions = { newestAt: 0, classify: cachedClassifier(), forwardTarget: findForwardTarget };
  const shown = new Map<MessageState, Shown>();
  const touched = new Set<MessageState>();
  /** Messages whose verdict waits on the clock (deferred, not expired yet), with their deadline. */
  const waiting = new Map<MessageState, number>();
  let nextDeadline = Number.POSITIVE_INFINITY;
  let lastSweep = Number.NEGATIVE_INFINITY;
  let lastAging = Number.NEGATIVE_INFINITY;
  let alert: FailCheck[] = [];
  /** Records printed: an input that ended before a named selection matched anything says so. */
  let printed = 0;
  /**
   * Reading the files' present content: nothing is decided or shown until it is all read; then
   * each selected message is shown once, as the command without --follow shows that content.
   */
  let history = true;
  /** The message whose header a timeline printed last. */
  let headed: MessageState | null = null;

  const entry = (s: MessageState): Shown => {
    let e = shown.get(s);
    if (e === undefined) {
      e = { decided: null, printed: null, counted: null, previousAt: null };
      shown.set(s, e);
    }
    return e;
  };
  const named = (s: MessageState) => namedBy(filter, s.emailKey, s.messageId, s.sgMessageId);
  /** Is this event of `s` inside --since/--until (an event without a time stands at the message's newest)? */
  const eventInWindow = (e: SgEvent, s: MessageState) => inWindow === undefined || inWindow(e.timestamp ?? s.lastAt);
  const header = (s: MessageState) => {
    if (headed === s) return;
    headed = s;
    out.write(`${timelineHeader(s, look).join('\n')}\n`);
  };

  const printChange = (v: MessageView, at: number | null, previous: Verdict | null) => {
    const when = v.state.timed ? at : null;
    printed++;
    if (kind === 'timeline') {
      if (cfg.output.json) out.write(`${jsonText(liveVerdictRecord(v, when, previous, look.scrub))}\n`);
      else {
        header(v.state);
        out.write(`${timelineVerdictLines(v, look).join('\n')}\n`);
      }
    } else if (cfg.output.json) out.write(`${jsonText(changeRecord(v, when, previous, look.scrub))}\n`);
    else if (cfg.output.tty) out.write(`${changeLine(v, when, previous, look, cfg.output.width)}\n`);
    else out.write(`${messageTsvLine(v, look)}\n`);
  };

  /**
   * Decides a message again; prints it when its verdict changed and it is selected (while the
   * history is read, only when `now`: the message is about to be let go).
   */
  const consider = (s: MessageState, now = false) => {
    const view: MessageView = { state: s, decision: decide(s, base) };
    const at = establishedAt(view);
    const verdict = view.decision.verdict;
    const e = entry(s);
    if (verdict === 'deferred' && s.firstDeferred !== null) {
      const deadline = s.firstDeferred + EXPIRY_SECONDS;
      waiting.set(s, deadline);
      if (deadline < nextDeadline) nextDeadline = deadline;
    } else waiting.delete(s);
    const selected = selects(filter, view);
    if (tally !== null) {
      if (e.counted !== null) tally.remove(e.counted);
      e.counted = selected ? tally.add(view) : null;
    }
    // The verdict before this change; for a message shown for the first time with the verdict it
    // already had (the history just read, or a message that only now entered the selection), the
    // verdict it was last printed with (null).
    const previous = e.decided === verdict ? e.printed : e.decided;
    e.decided = verdict;
    if (selected && verdict !== e.printed && (!history || now)) {
      e.printed = verdict;
      printChange(view, at, previous);
    }
  };

  /**
   * A named message's history as `timeline` shows it: its events in order, then the verdict
   * (consider() then counts it, and finds nothing new to print).
   */
  const showTimeline = (s: MessageState) => {
    try {
      const view: MessageView = { state: s, decision: decide(s, base) };
      const e = entry(s);
      e.decided = view.decision.verdict;
      if (!selects(filter, view) || e.printed !== null) return;
      e.printed = view.decision.verdict;
      printed++;
      const events = orderedEvents(s.kept ?? []).filter((x) => eventInWindow(x, s));
      if (cfg.output.json) {
        for (const x of events) out.write(`${jsonText(liveEventRecord(x, s, look.scrub))}\n`);
        out.write(`${jsonText(liveVerdictRecord(view, s.timed ? establishedAt(view) : null, null, look.scrub))}\n`);
      } else {
        out.write(timelineText(view, look));
        headed = s;
      }
      for (const x of events) if (x.timestamp !== null && (e.previousAt === null || x.timestamp > e.previousAt)) e.previousAt = x.timestamp;
    } finally {
      // From here on the message's events are printed as they come, not kept.
      s.kept = null;
    }
  };

  const sayAccountChanges = (changes: Parameters<typeof accountChangeLines>[0]) => {
    for (const line of accountChangeLines(changes, look.t, noteClock(cfg))) io.stderr.write(`${line}\n`);
  };

  /** The history is read: every selected message once, in the order `messages` lists them. */
  const caughtUp = () => {
    sayAccountChanges(stage.accounting(0, 0).accountChanges);
    collector.attachWaiting();
    collector.deferIdless = false;
    history = false;
    batch();
    for (const s of [...collector.heldMessages()].sort(outputOrder)) {
      if (kind === 'timeline') showTimeline(s);
      consider(s);
    }
    checkAlert();
  };

  /**
   * After each chunk: decide what it touched and what the clock moved, let old messages go. While
   * the history is read nothing is decided (it is, once, when it has all been read), except what
   * is about to be let go.
   */
  const batch = () => {
    const clock = collector.newestAt;
    base.newestAt = Number.isFinite(clock) ? clock : 0;
    for (const s of touched) consider(s);
    touched.clear();
    // A deferral expires when the clock passes its deadline, with no event of its own.
    if (clock > nextDeadline) {
      nextDeadline = Number.POSITIVE_INFINITY;
      for (const [s, deadline] of [...waiting]) {
        if (clock > deadline) consider(s);
        else if (deadline < nextDeadline) nextDeadline = deadline;
      }
    }
    if (!Number.isFinite(clock)) return;
    if (lastSweep === Number.NEGATIVE_INFINITY) lastSweep = lastAging = clock;
    // A sweep looks at every message held: once per eighth of the window is plenty.
    if (clock - lastSweep >= cfg.retain / 8) {
      lastSweep = clock;
      // A history longer than the window: a waiting bounce attaches before a message it could
      // attach to may go (its candidates' newest event is at most the attach window before it),
      // and what goes is shown first (it would not be shown at all otherwise).
      if (history) collector.attachWaiting(clock - cfg.retain + cfg.attachWindow);
      for (const s of collector.letGo()) {
        if (history && kind === 'timeline') showTimeline(s);
        if (history) consider(s, true);
        const e = shown.get(s);
        if (e?.counted != null) tally?.remove(e.counted);
        shown.delete(s);
        waiting.delete(s);
        if (headed === s) headed = null;
      }
    }
    if (clock - lastAging >= cfg.retain) {
      lastAging = clock;
      stage.ageDuplicates();
    }
    checkAlert();
  };

  /** --fail-on: the first time a condition holds, the run ends (exit 1). */
  const checkAlert = () => {
    if (tally === null || alert.length > 0) return;
    alert = checkFailOn(cfg.failOn, tally.current()).filter((c) => c.holds);
    if (alert.length > 0) stop();
  };

  const stage = new EventStage(
    {
      event(e) {
        if (e.event === 'account_status_change') {
          tally?.accountChange();
          // The most urgent news a log holds: said as it comes (the history's, once it is read).
          if (!history) sayAccountChanges([{ type: asText(e.fields['type']) ?? 'unknown', count: 1, first: e.timestamp, last: e.timestamp }]);
        }
        const n = collector.add(e);
        if (n < 0) return true;
        const s = collector.message(n);
        if (!history) touched.add(s);
        // News only: the history of a timeline is shown whole once it is read (showTimeline).
        if (!history && kind === 'timeline' && named(s) && eventInWindow(e, s)) {
          const shownOf = entry(s);
          if (cfg.output.json) out.write(`${jsonText(liveEventRecord(e, s, look.scrub))}\n`);
          else {
            header(s);
            out.write(`${timelineEventLine(e, shownOf.previousAt, s.lastDelivered, look)}\n`);
          }
          if (e.timestamp !== null) shownOf.previousAt = e.timestamp;
          printed++;
        }
        return true;
      },
      duplicate: (e) => collector.addDuplicate(e),
      async drained() {
        batch();
        await out.drained();
      },
    },
    // A timeline counts the removed copies of the events it shows (of the messages it names).
    { trackCopies: kind === 'timeline' ? (e) => e.emailKey !== null && namedBy(filter, e.emailKey, e.messageId, e.sgMessageId) : false },
  );

  // The reader going away (`| head`) or an alert ends the run even while the input is quiet.
  const halt = new AbortController();
  const stop = () => halt.abort();
  io.stdout.once('error', () => stop());
  io.stdout.once('close', () => stop());
  const say = (news: FollowNews, path: string) => {
    if (!cfg.quiet) io.stderr.write(`sgtrail: ${look.t.notes.follow[news](sanitizeTerminal(path))}\n`);
  };
  const result = await followEvents(
    {
      files: cfg.files,
      stdin: io.stdin,
      signal: halt.signal,
      note: say,
      failed: (err) => io.stderr.write(readErrorLine(err, look.t)),
      caughtUp,
    },
    stage,
  );
  await out.end();
  if (alert.length > 0) {
    if (!cfg.quiet) for (const c of alert) io.stderr.write(`${failOnMessage(c, look.t)}\n`);
    return EXIT.failOn;
  }
  // Account status changes were said as they came.
  const code = finishRead({ accounting: result.accounting, errors: [] }, cfg, io, { accountChanges: false });
  if (result.errors.length > 0 && code === EXIT.ok) return EXIT.input;
  // The input ended (stdin) and a selection by name never matched: as without --follow, exit 1.
  if (code === EXIT.ok && printed === 0 && !out.closed && selectsByName(filter)) {
    if (!cfg.quiet) io.stderr.write(`sgtrail: ${look.t.notes.inputEnded}\n`);
    return EXIT.failOn;
  }
  return code;
}
