import type { SgEvent } from '../events/types.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../messages/collector.js';
import type { MessageState } from '../messages/state.js';
import { cachedClassifier } from '../reasons/cache.js';
import { findForwardTarget } from '../reasons/forward-target.js';
import { decide, type Decision } from '../verdict/decide.js';
import { inTimeWindow, namedBy, type MessageFilter } from './filters.js';
import type { Io, InputConfig } from './io.js';
import { readEvents, type ReadResult } from './read-events.js';

/** A recipient message with its verdict: what every whole-input command works from. */
export interface MessageView {
  state: MessageState;
  decision: Decision;
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
  const ctx = {
    newestAt: newestAt ?? 0,
    classify: cachedClassifier(),
    forwardTarget: findForwardTarget,
  };
  const messages = states.map((state) => ({ state, decision: decide(state, ctx) }));
  return { ...result, messages, newestAt, accountEvents: collector.accountEvents };
}
