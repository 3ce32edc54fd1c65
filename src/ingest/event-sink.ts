import { collectEvents } from '../events/recognize.js';
import { countSkip, type InputAccounting } from '../events/accounting.js';
import type { Deduper } from '../events/dedupe.js';
import { normalizeEvent } from '../events/normalize.js';
import type { JsonObject, SgEvent, SkipKind } from '../events/types.js';
import type { ScanSink } from './scanner.js';

/** What the scanner's values turn into: event objects with their line, and skipped input. */
export interface EventObjectHooks {
  event(obj: JsonObject, line: number, contextTime: unknown): void;
  skip(kind: SkipKind, line: number): void;
}

/**
 * The scanner sink shared by the sequential reader and the parallel workers: finds the events
 * in each JSON value; the events of a pretty-printed POST body keep the line each starts on.
 */
export function eventSink(hooks: EventObjectHooks): ScanSink {
  let line = 0;
  const found = {
    event(obj: JsonObject, contextTime: unknown) {
      hooks.event(obj, line, contextTime);
    },
    nonEvent() {
      hooks.skip('no-event', line);
    },
  };
  return {
    value(value, lineNo, lineTime, elementLines) {
      const time = lineTime ?? undefined;
      if (Array.isArray(value) && elementLines !== undefined && elementLines.length === value.length && value.length > 0) {
        value.forEach((item, i) => {
          line = elementLines[i] as number;
          collectEvents(item, found, time);
        });
        return;
      }
      line = lineNo;
      collectEvents(value, found, time);
    },
    skip(kind, lineNo) {
      hooks.skip(kind, lineNo);
    },
  };
}

/** What both readers share across files: the accounting, the dedupe memory and the event order. */
export interface ReadState {
  accounting: InputAccounting;
  dedupe: Deduper;
  /** Position of the next event in the input. */
  seq: number;
  onEvent(e: SgEvent): void;
  onDuplicate?(e: SgEvent): void;
}

/** Hands a deduplicated event on, or reports it as a copy. */
export function deliver(state: ReadState, e: SgEvent, isCopy: boolean): void {
  if (isCopy) state.onDuplicate?.(e);
  else state.onEvent(e);
}

/** The scanner sink of a reader: events are normalized, deduplicated and handed on in order. */
export function readingSink(file: string, state: ReadState): ScanSink {
  return eventSink({
    event(obj, line, contextTime) {
      state.accounting.eventsRead++;
      const e = normalizeEvent(obj, { file, line, seq: state.seq++, contextTime });
      deliver(state, e, state.dedupe.isCopy(e));
    },
    skip(kind, line) {
      countSkip(state.accounting, kind, `${file}:${line}`);
    },
  });
}
