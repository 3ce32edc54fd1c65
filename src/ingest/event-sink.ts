import { asText } from '../common/text.js';
import { countAccountChange, countSkip, newAccounting, type InputAccounting } from '../events/accounting.js';
import { Deduper, type CopyFilter } from '../events/dedupe.js';
import { FlatObject } from '../events/flat-object.js';
import { LineEvent } from '../events/line-event.js';
import { normalizeEvent } from '../events/normalize.js';
import { collectElement, collectEvents, type Found } from '../events/recognize.js';
import type { JsonObject, SgEvent } from '../events/types.js';
import type { ScanSink } from './scanner.js';

/** Lines in a row the lean path declines before it rests, and the lines it then leaves alone. */
const LEAN_DECLINED = 32;
const LEAN_REST = 1024;

/** Where the events of an input go: the command's consumer. */
export interface EventSink {
  /** Each distinct event, in input order. Returning false stops the reading (the consumer is gone). */
  event(e: SgEvent): boolean | void;
  /** Each copy removed as a duplicate. */
  duplicate?(e: SgEvent): void;
  /** Awaited after each chunk of input, so that a slow consumer slows the reading. */
  drained?(): Promise<void> | void;
}

/**
 * The stage after the scanner, for all files of a run: finds the events in each JSON value,
 * normalizes and deduplicates them, hands them on in input order and counts what it skipped.
 */
export class EventStage {
  /** Files, bytes and duplicates are filled in by accounting(). */
  private readonly counts = newAccounting();
  private readonly dedupe: CopyFilter;
  /** Position of the next event in the input (orders events that have no time at all). */
  private seq = 0;
  /** The sink returned false: nothing more is handed on. */
  stopped = false;
  /** The lean path's reader (see LineEvent), when the sink keeps no event. */
  private readonly flat: FlatObject | null;

  /**
   * `lean`: the sink is done with each event when its call returns, and reads no field but those
   * FlatObject knows (grouping, the report's counts). Then a line that is one event object, or a
   * POST body of them, is read without being parsed (LineEvent); any other goes the general way.
   */
  constructor(
    private readonly sink: EventSink,
    options: { trackCopies: boolean | ((e: SgEvent) => boolean); lean?: boolean; copies?: CopyFilter },
  ) {
    this.dedupe = options.copies ?? new Deduper({ trackCopies: options.trackCopies });
    this.flat = options.lean === true && options.trackCopies === false ? new FlatObject() : null;
  }

  /** The scanner sink of one file: the events of a pretty-printed POST body keep the line each starts on. */
  forFile(file: string): ScanSink {
    let line = 0;
    const found = {
      event: (obj: JsonObject, contextTime: unknown) => this.event(obj, file, line, contextTime),
      nonEvent: () => countSkip(this.counts.skipped, 'no-event', file, line),
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
      skip: (kind, lineNo) => countSkip(this.counts.skipped, kind, file, lineNo),
      line: this.flat === null ? undefined : this.leanOffers(file, found, (lineNo) => (line = lineNo)),
    };
  }

  /**
   * The lean path's hook for one file. A line it declines is read twice (checked, then parsed), so
   * in a stretch where it declines every line (logger records whose field holds the events) it
   * stops asking for a while, then tries again: what it takes or leaves never changes the result.
   */
  private leanOffers(file: string, found: Found, at: (line: number) => void): NonNullable<ScanSink['line']> {
    let declined = 0;
    let resting = 0;
    return (bytes, start, end, lineNo) => {
      if (resting > 0) {
        resting--;
        return false;
      }
      at(lineNo);
      if (this.leanLine(bytes, start, end, file, lineNo, found)) {
        declined = 0;
        return true;
      }
      if (++declined === LEAN_DECLINED) {
        declined = 0;
        resting = LEAN_REST;
      }
      return false;
    };
  }

  /**
   * A whole line offered to the lean path: true when it was one flat event, or a POST body of
   * objects. Each object that is a lean event goes on as one; any other is parsed alone and read
   * the general way, as an element of the body, in its turn. Any other line is left to the
   * general way, whole.
   */
  private leanLine(bytes: Buffer, start: number, end: number, file: string, line: number, found: Found): boolean {
    const flat = this.flat as FlatObject;
    if (!flat.read(bytes, start, end)) return false;
    if (!flat.isArray) {
      const e = LineEvent.of(flat, 0, file, line, this.seq);
      if (e === null) return false;
      this.leanEvent(e);
      return true;
    }
    for (let o = 0; o < flat.count; o++) {
      const e = LineEvent.of(flat, o, file, line, this.seq);
      if (e !== null) this.leanEvent(e);
      else collectElement(JSON.parse(bytes.toString('utf8', flat.objectStart[o], flat.objectEnd[o])), found, undefined);
    }
    return true;
  }

  private leanEvent(e: LineEvent): void {
    this.counts.eventsRead++;
    if (this.stopped) return;
    this.seq++;
    this.accept(e);
    // Its call is over: a late read of it throws (the bytes may be refilled before the next line).
    (this.flat as FlatObject).letGo();
  }

  private event(obj: JsonObject, file: string, line: number, contextTime: unknown): void {
    this.counts.eventsRead++;
    if (this.stopped) return;
    this.accept(normalizeEvent(obj, { file, line, seq: this.seq++, contextTime }));
  }

  /** A normalized event: dropped as a copy, or counted and handed on. */
  private accept(e: SgEvent): void {
    if (this.dedupe.isCopy(e)) {
      this.sink.duplicate?.(e);
      return;
    }
    if (e.event === 'account_status_change') countAccountChange(this.counts.accountChanges, asText(e.fields['type']) ?? 'unknown', e.timestamp);
    if (this.sink.event(e) === false) this.stopped = true;
  }

  /** The sink's pause after a chunk of input (EventSink.drained). */
  async drained(): Promise<void> {
    await this.sink.drained?.();
  }

  /** A live run forgets old duplicate keys (see Deduper.age). */
  ageDuplicates(): void {
    this.dedupe.age?.();
  }

  get events(): number {
    return this.counts.eventsRead;
  }

  /** What was read and skipped, once the input is done. */
  accounting(files: number, bytes: number): InputAccounting {
    return { ...this.counts, files, bytes, duplicates: this.dedupe.removed };
  }
}
