import type { SgEvent } from '../events/types.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../messages/collector.js';
import type { MessageState } from '../messages/state.js';
import { cachedClassifier } from '../reasons/cache.js';
import { findForwardTarget } from '../reasons/forward-target.js';
import { decide, type DecideContext, type Decision } from '../verdict/decide.js';
import { inTimeWindow, namedBy, selects, type MessageFilter } from '../verdict/select.js';
import type { Io, InputConfig } from './io.js';
import { readEvents, type ReadResult } from '../ingest/read-events.js';

/** A recipient message with its verdict: what every whole-input command works from. */
export interface MessageView {
  state: MessageState;
  decision: Decision;
}

/** The grouped input before verdicts: states in output order and the context to decide them in. */
export interface GroupedInput extends ReadResult {
  states: MessageState[];
  context: DecideContext;
  newestAt: number | null;
  accountEvents: number;
}

export interface Analysis extends ReadResult {
  messages: MessageView[];
  newestAt: number | null;
  accountEvents: number;
}

export interface AnalyzeOptions extends InputConfig {
  filter: MessageFilter;
  attachWindow?: number;
  /** Keep full event lists for the messages the filter names (timelines). */
  keepEvents?: boolean;
  onProgress?(p: { bytes: number; total: number | null; events: number }): void;
  /** Raw-byte prefilter (see readEvents); only for lookups of a few messages. */
  needles?: readonly string[];
  /** Sees every distinct event as it streams by (e.g. per-hour counts for the report). */
  onEvent?(e: SgEvent): void;
}

/** Reads the input, groups it into messages and decides each verdict (SPEC sections 5–6). */
export async function analyze(opts: AnalyzeOptions, io: Io): Promise<Analysis> {
  const { states, context, ...rest } = await groupInput(opts, io);
  const messages = states.map((state) => ({ state, decision: decide(state, context) }));
  return { ...rest, messages };
}

/**
 * The messages the filter selects, each decided as it is reached: a caller that lets each one go
 * keeps no decisions (report, messages).
 */
export function* selectedMessages(grouped: GroupedInput, filter: MessageFilter): Generator<MessageView> {
  for (const state of grouped.states) {
    const view = { state, decision: decide(state, grouped.context) };
    if (selects(filter, view)) yield view;
  }
}

/**
 * Reads the input and groups it into messages (SPEC section 5); the verdicts are left to the
 * caller, which can decide one message at a time (selectedMessages) and keep none of them.
 */
export async function groupInput(opts: AnalyzeOptions, io: Io): Promise<GroupedInput> {
  const filter = opts.filter;
  const collector = new MessageCollector({
    attachWindow: opts.attachWindow ?? DEFAULT_ATTACH_WINDOW,
    keepEvents: opts.keepEvents ? (email, id, sgId) => namedBy(filter, email, id, sgId) : undefined,
    inWindow: inTimeWindow(filter),
  });
  const result = await readEvents({
    files: opts.files,
    stdin: io.stdin,
    onEvent: (e) => {
      collector.add(e);
      opts.onEvent?.(e);
    },
    onDuplicate: (e) => collector.addDuplicate(e),
    onProgress: opts.onProgress,
    needles: opts.needles,
    trackCopies: opts.keepEvents === true,
  });
  const states = collector.finish();
  const newest = Math.max(collector.newestAt, result.newestSkippedTime ?? Number.NEGATIVE_INFINITY);
  const newestAt = Number.isFinite(newest) ? newest : null;
  const context = {
    newestAt: newestAt ?? 0,
    classify: cachedClassifier(),
    forwardTarget: findForwardTarget,
  };
  return { ...result, states, context, newestAt, accountEvents: collector.accountEvents };
}
