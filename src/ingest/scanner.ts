import {
  BYTE_ORDER_MARK,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  EQUALS,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  BACKSLASH,
  isBlank,
} from '../common/chars.js';
import { nestsDeeper } from '../common/json-depth.js';
import { MAX_JSON_DEPTH, MAX_LINE_BYTES } from '../common/limits.js';
import type { SkipKind } from '../events/accounting.js';
import { forEachLine, type LineSink } from './line-buffer.js';
import { leadingTime, startsLogRecord } from './line-time.js';

/**
 * The framing scanner: bytes in, complete JSON values out, each with the line it started on.
 *
 * It reads every framing of docs/rules.md#input-framings — NDJSON, one array per line, prefixed log lines with
 * trailing text, pretty-printed values over many lines, several values per line, CRLF, BOM — and
 * it is the only code that knows about chunk boundaries: the same values come out whatever sizes
 * the input arrives in. A broken fragment costs only itself: when an open value cannot go on (a
 * new log record starts, a value appears where JSON allows none, it never closes, it does not
 * parse), the fragment is reported and the lines after its first line are scanned again.
 */

/** Kinds of skipped input the scanner itself reports (the event sink adds `no-event`). */
export type ScanSkipKind = Exclude<SkipKind, 'no-event'>;

export interface ScanSink {
  /**
   * A complete JSON value that started on `line`; `lineTime` is the time its line began with.
   * For an array spread over lines, `elementLines` holds the line each element starts on.
   */
  value(value: unknown, line: number, lineTime: number | null, elementLines?: number[]): void;
  skip(kind: ScanSkipKind, line: number): void;
  /**
   * A whole line (`bytes[start, end)`, no newline) that starts no value of its own context: the
   * sink may take it as it lies (the lean path); true when taken, and the scanner skips it.
   */
  line?(bytes: Buffer, start: number, end: number, line: number): boolean;
}

export interface ScannerOptions {
  /** Longest open value, in bytes (a line is limited by the LineBuffer). Default MAX_LINE_BYTES. */
  maxLine?: number;
  /** Deepest nesting followed before a value is declared broken. Default MAX_JSON_DEPTH. */
  maxDepth?: number;
}

/** Result codes of `advance` besides an end index (>= 0). */
const STILL_OPEN = -1;
const BROKEN = -2;

interface FrameState {
  stack: number[];
  inString: boolean;
  escaped: boolean;
  /** Last character outside whitespace seen in the value (a quote counts). */
  lastSig: number;
  /** Index where `advance` stopped with BROKEN. */
  errorAt: number;
  /** Lines where the elements of a top-level array start (multi-line values only). */
  elementLines: number[];
  lineNo: number;
}

interface OpenValue {
  state: FrameState;
  parts: string[];
  size: number;
  startLine: number;
  lineTime: number | null;
  /** Whole lines after the first, kept to scan again if the value turns out broken. */
  rest: { text: string; line: number }[];
}

function firstNonBlank(s: string, from: number): number {
  let i = from;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  return i;
}

function lastNonBlank(s: string): number {
  let j = s.length - 1;
  while (j >= 0 && isBlank(s.charCodeAt(j))) j--;
  return j;
}

/**
 * The next '{' or '[' of one line, at or after a position that only moves forward. Each kind's
 * position is searched again only once it has been passed, so finding every opener of a line is
 * linear in its length (a fresh search for both at every step is quadratic on a long line).
 */
class OpenerCursor {
  private brace: number;
  private bracket: number;

  constructor(private readonly text: string, from: number) {
    this.brace = text.indexOf('{', from);
    this.bracket = text.indexOf('[', from);
  }

  /** The first opener at or after `from`, or -1. */
  next(from: number): number {
    if (this.brace >= 0 && this.brace < from) this.brace = this.text.indexOf('{', from);
    if (this.bracket >= 0 && this.bracket < from) this.bracket = this.text.indexOf('[', from);
    if (this.brace < 0) return this.bracket;
    if (this.bracket < 0) return this.brace;
    return this.brace < this.bracket ? this.brace : this.bracket;
  }
}

/** Could the character after an opener continue a JSON value? (`[INFO]`, `{a=1}` cannot.) */
function plausibleAfter(opener: number, c: number): boolean {
  if (opener === OPEN_BRACE) return c === QUOTE || c === CLOSE_BRACE;
  return c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE || c === CLOSE_BRACKET;
}

/**
 * Follows JSON structure from `from` to the end of `s`. Returns the index just after the closer
 * that brings the depth back to zero, STILL_OPEN when the line ends inside the value, or BROKEN
 * (with `state.errorAt`) on a mismatched closer, a raw control character or a line end inside a
 * string, or nesting deeper than `maxDepth`.
 */
function advance(state: FrameState, s: string, from: number, maxDepth: number): number {
  const stack = state.stack;
  let i = from;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (state.inString) {
      if (state.escaped) {
        state.escaped = false;
      } else if (c === BACKSLASH) {
        state.escaped = true;
      } else if (c === QUOTE) {
        state.inString = false;
        state.lastSig = QUOTE;
      } else if (c < 32) {
        state.errorAt = i;
        return BROKEN;
      }
      i++;
      continue;
    }
    if (c === QUOTE) {
      state.inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (stack.length >= maxDepth) {
        state.errorAt = i;
        return BROKEN;
      }
      if (stack.length === 1) state.elementLines.push(state.lineNo);
      stack.push(c);
      state.lastSig = c;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const open = stack.pop();
      if (open === undefined || (c === CLOSE_BRACE) !== (open === OPEN_BRACE)) {
        state.errorAt = i;
        return BROKEN;
      }
      state.lastSig = c;
      if (stack.length === 0) return i + 1;
    } else if (!isBlank(c)) {
      state.lastSig = c;
    }
    i++;
  }
  if (state.inString) {
    // JSON strings cannot span lines: the value was cut here.
    state.errorAt = n;
    return BROKEN;
  }
  return STILL_OPEN;
}

/** May a new line inside an open value start with '{' or '['? Only where JSON expects a value. */
function valueAllowed(state: FrameState): boolean {
  const top = state.stack[state.stack.length - 1];
  if (top === OPEN_BRACKET) return state.lastSig === OPEN_BRACKET || state.lastSig === COMMA;
  return state.lastSig === COLON;
}

export class FramingScanner implements LineSink {
  private readonly maxLine: number;
  private readonly maxDepth: number;
  private open: OpenValue | null = null;
  /**
   * A text line ending in `=` or `:` (`... INFO body=`) introduces the value on the next line:
   * it is not counted as skipped text, and its leading time stands for the value's line time.
   */
  private introTime: number | null = null;

  constructor(
    private readonly sink: ScanSink,
    options: ScannerOptions = {},
  ) {
    this.maxLine = options.maxLine ?? MAX_LINE_BYTES;
    this.maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  }

  /** Whole lines from the LineBuffer; only whole lines are decoded. */
  lines(region: Buffer, firstLine: number): number {
    return forEachLine(region, firstLine, (start, end, line) => this.lineBytes(region, start, end, line));
  }

  /** One whole line as bytes (without its newline). */
  lineBytes(bytes: Buffer, start: number, end: number, lineNo: number): void {
    if (this.open === null && this.introTime === null && this.sink.line?.(bytes, start, end, lineNo) === true) return;
    const text = bytes.toString('utf8', start, end);
    this.line(lineNo === 1 && text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text, lineNo, false);
  }

  /** A line the LineBuffer did not keep: it is skipped, and an open value cannot go on across it. */
  oversize(lineNo: number): void {
    this.sink.skip('oversize-line', lineNo);
    if (this.open) this.breakOpen(false);
  }

  /**
   * Lines a prefilter left out before the next one: nothing carries over them (no open value is
   * possible there, and a prefix line no longer introduces what follows).
   */
  gap(): void {
    this.introTime = null;
  }

  /** True while a value spans lines: every following line must be read. */
  get isOpen(): boolean {
    return this.open !== null;
  }

  /** End of this input: a value still open never closes; each pass starts at least a line later. */
  end(): void {
    while (this.open) this.breakOpen(true);
  }

  /** One line, without its '\n'. `rescan`: the line is read again after a broken fragment. */
  private line(raw: string, lineNo: number, rescan: boolean): void {
    const text = raw.charCodeAt(raw.length - 1) === CARRIAGE_RETURN ? raw.slice(0, -1) : raw;
    if (this.open) {
      this.continueOpen(text, lineNo);
      return;
    }
    const intro = this.introTime;
    this.introTime = null;
    // Fast path: a line that is one object or one array (NDJSON, one POST body per line).
    const i = firstNonBlank(text, 0);
    if (i === text.length) return;
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const last = text.charCodeAt(lastNonBlank(text));
      if (
        ((c === OPEN_BRACE && last === CLOSE_BRACE) || (c === OPEN_BRACKET && last === CLOSE_BRACKET)) &&
        !nestsDeeper(text, i, this.maxDepth)
      ) {
        let value: unknown;
        let ok = true;
        try {
          value = JSON.parse(text);
        } catch {
          ok = false;
        }
        if (ok) {
          this.sink.value(value, lineNo, intro);
          return;
        }
      }
    }
    this.scanFrom(text, lineNo, 0, rescan, false, intro);
  }

  /** Finds and frames the values in `text` from `from`; counts a line with none as text. */
  private scanFrom(
    text: string,
    lineNo: number,
    from: number,
    rescan: boolean,
    sawValue = false,
    intro: number | null = null,
  ): void {
    let p = from;
    let found = sawValue;
    const openers = new OpenerCursor(text, from);
    // The time at the start of the line, read once per line (not once per value on it).
    let lineTime: number | null | undefined;
    const timeOfLine = (): number | null => (lineTime === undefined ? (lineTime = leadingTime(text)) : lineTime);
    for (;;) {
      const start = openers.next(p);
      if (start < 0) break;
      const opener = text.charCodeAt(start);
      const after = firstNonBlank(text, start + 1);
      if (after < text.length && !plausibleAfter(opener, text.charCodeAt(after))) {
        p = start + 1;
        continue;
      }
      const state: FrameState = {
        stack: [],
        inString: false,
        escaped: false,
        lastSig: 0,
        errorAt: 0,
        elementLines: [],
        lineNo,
      };
      const end = advance(state, text, start, this.maxDepth);
      if (end === STILL_OPEN) {
        this.open = {
          state,
          parts: [text.slice(start)],
          size: text.length - start,
          startLine: lineNo,
          lineTime: start > 0 ? timeOfLine() : intro,
          rest: [],
        };
        return;
      }
      found = true;
      if (end === BROKEN) {
        this.sink.skip('broken-json', lineNo);
        if (state.stack.length >= this.maxDepth) break;
        p = state.errorAt + 1;
        continue;
      }
      this.emit(text.slice(start, end), lineNo, start > 0 ? timeOfLine() : intro);
      p = end;
    }
    if (found || rescan) return;
    const last = text.charCodeAt(lastNonBlank(text));
    if (last === EQUALS || last === COLON) this.introTime = timeOfLine();
    else this.sink.skip('text', lineNo);
  }

  private emit(json: string, lineNo: number, lineTime: number | null): void {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      this.sink.skip('broken-json', lineNo);
      return;
    }
    this.sink.value(value, lineNo, lineTime);
  }

  private continueOpen(text: string, lineNo: number): void {
    const open = this.open as OpenValue;
    const state = open.state;
    const i = firstNonBlank(text, 0);
    if (i === text.length) {
      open.parts.push(text);
      open.rest.push({ text, line: lineNo });
      return;
    }
    const c = text.charCodeAt(i);
    // Nothing followed the opener on its own line: is this line a plausible continuation?
    if (state.stack.length === 1 && state.lastSig === state.stack[0] && open.rest.length === 0 &&
        open.parts.length === 1 && firstNonBlank(open.parts[0] as string, 1) === (open.parts[0] as string).length) {
      if (!plausibleAfter(state.lastSig, c)) {
        // A line that ended in an opener whose value never came: a cut body (`body=[`).
        this.open = null;
        this.sink.skip('broken-json', open.startLine);
        this.line(text, lineNo, false);
        return;
      }
    }
    const opensValue = c === OPEN_BRACE || c === OPEN_BRACKET;
    if ((opensValue && !valueAllowed(state)) || (!opensValue && startsLogRecord(text))) {
      // A new record begins where the open value cannot go on: the open value was cut short.
      // Its later lines are read again, then this one.
      this.breakOpen(true);
      this.line(text, lineNo, false);
      return;
    }
    open.parts.push(text);
    open.rest.push({ text, line: lineNo });
    open.size += text.length + 1;
    if (open.size > this.maxLine) {
      this.breakOpen(true);
      return;
    }
    state.lineNo = lineNo;
    const end = advance(state, text, 0, this.maxDepth);
    if (end === STILL_OPEN) return;
    if (end === BROKEN) {
      // Too deep to be an event: skip it without reading its lines again.
      this.breakOpen(state.stack.length < this.maxDepth);
      return;
    }
    this.open = null;
    const json = open.parts.join('\n');
    const tail = text.length - end;
    let value: unknown;
    try {
      value = JSON.parse(tail > 0 ? json.slice(0, json.length - tail) : json);
    } catch {
      this.sink.skip('broken-json', open.startLine);
      this.rescan(open.rest);
      return;
    }
    this.sink.value(value, open.startLine, open.lineTime, state.elementLines);
    this.scanFrom(text, lineNo, end, false, true);
  }

  /**
   * Reports the open value as broken. With `rescanRest`, the lines after its first line are read
   * again from scratch (resynchronisation); otherwise the caller goes on with the current line.
   */
  private breakOpen(rescanRest: boolean): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    this.sink.skip('broken-json', open.startLine);
    if (rescanRest) this.rescan(open.rest);
  }

  private rescan(lines: { text: string; line: number }[]): void {
    for (const l of lines) this.line(l.text, l.line, true);
  }
}
