import { collectEvents } from '../events/recognize.js';
import type { JsonObject, SkipKind } from '../events/types.js';
import type { ScanSink } from '../input/scanner.js';

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
