import type { SgEvent } from '../events/types.js';
import type { ProgressSample } from '../output/progress.js';
import type { Needle } from '../ingest/needle-filter.js';
import { readEvents, sizeOf, type ReadResult } from '../ingest/read-events.js';
import type { InputsReadAgain } from '../ingest/sources.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../messages/collector.js';
import type { MessageList } from '../messages/store.js';
import { keepYoungGenerationSmall } from '../ingest/young-generation.js';
import { cachedClassifier } from '../reasons/cache.js';
import { findForwardTarget } from '../reasons/forward-target.js';
import { decide, type DecideOptions } from '../verdict/decide.js';
import { inTimeWindow, namedBy, selects, type MessageFilter } from '../verdict/select.js';
import type { MessageView } from '../verdict/view.js';
import type { InputConfig, Io } from './io.js';

/**
 * The one place that connects the stages for the whole-input commands:
 * ingest (readEvents) → messages (MessageCollector) → verdict (decide, selects).
 */

/** The input grouped into recipient messages, not yet decided, with what deciding them needs. */
export interface GroupedMessages extends ReadResult {
  /** In output order: first event, then email. */
  states: MessageList;
  decideWith: DecideOptions;
  accountEvents: number;
}

export interface GroupOptions extends InputConfig {
  filter: MessageFilter;
  attachWindow?: number;
  /** Keep full event lists for the messages the filter names (timelines). */
  keepEvents?: boolean;
  onProgress?(p: ProgressSample): void;
  /** Raw-byte prefilter (see NeedleFilter); only for lookups of a few messages. */
  needles?: readonly Needle[];
  /**
   * Sees every distinct event as it streams by (e.g. per-hour counts for the report), and keeps
   * none: the event may be read only during the call (see ReadOptions.lean).
   */
  onEvent?(e: SgEvent): void;
  /** Inputs that cannot be read twice: copied as they are read, or read from such copies. */
  again?: InputsReadAgain;
}

/**
 * Reads the input and groups it into messages (docs/rules.md#grouping); the verdicts are left to
 * the caller, which can decide one message at a time and keep none of them.
 */
export async function groupMessages(opts: GroupOptions, io: Io): Promise<GroupedMessages> {
  const filter = opts.filter;
  if (opts.keepEvents !== true && opts.needles === undefined) keepYoungGenerationSmall();
  const collector = new MessageCollector({
    attachWindow: opts.attachWindow ?? DEFAULT_ATTACH_WINDOW,
    expectMessages: opts.keepEvents === true ? undefined : messagesAtMost(opts.files),
    keepEvents: opts.keepEvents ? (email, id, sgId) => namedBy(filter, email, id, sgId) : undefined,
    inWindow: inTimeWindow(filter),
  });
  const onEvent = opts.onEvent;
  const result = await readEvents(
    {
      files: opts.files,
      stdin: io.stdin,
      needles: opts.needles,
      // Copies are counted on the kept events of the messages a timeline shows, and of ID-less
      // events (they may attach to one): a counter and two map entries for every event of the
      // input would fill the heap between two checks of the out-of-memory guard.
      trackCopies: opts.keepEvents === true ? (e) => e.idless || (e.emailKey !== null && namedBy(filter, e.emailKey, e.messageId, e.sgMessageId)) : false,
      // Grouping without kept events holds no event past its call, nor does onEvent (counts).
      lean: opts.keepEvents !== true,
      // Without kept events, copies are found per message (the collector's isCopy); timelines
      // count each kept event's copies, which the input-wide Deduper does.
      copies: opts.keepEvents === true ? undefined : collector,
      onProgress: opts.onProgress,
      again: opts.again,
    },
    {
      event(e) {
        collector.add(e);
        onEvent?.(e);
      },
      duplicate: opts.keepEvents === true ? (e) => collector.addDuplicate(e) : undefined,
    },
  );
  const states = collector.finish();
  const newest = Math.max(collector.newestAt, result.newestSkippedTime ?? Number.NEGATIVE_INFINITY);
  const decideWith = { newestAt: Number.isFinite(newest) ? newest : 0, classify: cachedClassifier(), forwardTarget: findForwardTarget };
  return { ...result, states, decideWith, accountEvents: collector.accountEvents };
}

/** Bytes of input per message that the room made at once assumes: a short event line is longer. */
const BYTES_PER_MESSAGE = 256;
/** The most messages room is made for at once (2M: about 180 MB of address space, not memory). */
const RESERVE_AT_MOST = 1 << 21;

/**
 * How many messages files of this size may hold, at most, for MessageCollector's room; undefined
 * when a size is unknown (standard input, a pipe). A compressed file's size says too few: the
 * columns then grow as they fill, as without a hint.
 */
function messagesAtMost(files: readonly string[]): number | undefined {
  let bytes = 0;
  for (const f of files.length > 0 ? files : ['-']) {
    const size = sizeOf(f);
    if (size === null) return undefined;
    bytes += size;
  }
  return Math.min(RESERVE_AT_MOST, Math.ceil(bytes / BYTES_PER_MESSAGE));
}

/** Every message with its verdict, decided as it is reached, in output order. */
export function* decidedMessages(grouped: GroupedMessages): Generator<MessageView> {
  for (const state of grouped.states) yield { state, decision: decide(state, grouped.decideWith) };
}

/** The messages the filter selects: a caller that lets each one go keeps no decisions. */
export function* selectedMessages(grouped: GroupedMessages, filter: MessageFilter): Generator<MessageView> {
  for (const view of decidedMessages(grouped)) if (selects(filter, view)) yield view;
}
