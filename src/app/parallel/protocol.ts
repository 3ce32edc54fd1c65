import { NO_COPIES, type SgEvent, type SkipKind } from '../../events/types.js';

/**
 * What the main thread and the parse workers exchange. A batch is whole lines of one file; the
 * result describes, per *segment* (lines from one clean scanner state to the next), what the
 * scanner found: events in a compact columnar form with a string table, and skipped input.
 */
export interface BatchRequest {
  id: number;
  file: string;
  /** Number of the batch's first line in its file. */
  firstLine: number;
  bytes: Uint8Array;
}

export interface BatchResult {
  id: number;
  /** The request's bytes, handed back (transferred both ways, never copied). */
  bytes: Uint8Array;
  lineCount: number;
  /** Per segment: first line (relative), number of lines, end of its items. */
  segments: Int32Array;
  /** First line of a value still open at the end of the batch, or -1. */
  unresolvedFrom: number;
  /** Per item: 0 for an event, else a SKIP_CODES index + 1; and the line it belongs to. */
  kinds: Uint8Array;
  itemLines: Int32Array;
  strings: string[];
  refs: Int32Array;
  nums: Float64Array;
  flags: Uint8Array;
}

export const SKIP_CODES: readonly SkipKind[] = ['text', 'broken-json', 'no-event', 'oversize-line'];

/** String slots of one event. */
export const S = {
  event: 0,
  email: 1,
  emailKey: 2,
  messageId: 3,
  sgMessageId: 4,
  sgEventId: 5,
  type: 6,
  reason: 7,
  response: 8,
  status: 9,
  classification: 10,
} as const;
export const STRING_SLOTS = 11;

/** Number slots of one event. */
export const N = { timestamp: 0, attempt: 1, idHash: 2, contentHash: 3 } as const;
export const NUMBER_SLOTS = 4;

export const FLAG_IDLESS = 1;
export const FLAG_MACHINE_OPEN = 2;

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Worker side: events into columns, each distinct string stored once per batch. */
export class EventEncoder {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private refs: number[] = [];
  private nums: number[] = [];
  private flags: number[] = [];

  /** A string seen again and again (event names, types, replies) is stored once. */
  private shared(v: unknown): number {
    const s = text(v);
    if (s === null) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** A string that is nearly always new (addresses, IDs): no table lookup, just stored. */
  private own(s: string | null): number {
    if (s === null) return -1;
    this.strings.push(s);
    return this.strings.length - 1;
  }

  add(e: SgEvent, idHash: number, contentHash: number): void {
    const f = e.fields;
    const email = this.own(e.email);
    const sgMessageId = this.own(e.sgMessageId);
    this.refs.push(
      this.shared(e.event),
      email,
      e.emailKey === e.email ? email : this.own(e.emailKey),
      e.messageId === e.sgMessageId ? sgMessageId : this.own(e.messageId),
      sgMessageId,
      // The main thread dedupes by the hashes; the ID itself is not needed there.
      -1,
      this.shared(f['type']),
      this.shared(f['reason']),
      this.shared(f['response']),
      this.shared(f['status']),
      this.shared(f['bounce_classification']),
    );
    const attempt = f['attempt'];
    this.nums.push(e.timestamp ?? Number.NaN, typeof attempt === 'number' ? attempt : Number.NaN, idHash, contentHash);
    this.flags.push((e.idless ? FLAG_IDLESS : 0) | (f['sg_machine_open'] === true ? FLAG_MACHINE_OPEN : 0));
  }

  columns(): { strings: string[]; refs: Int32Array; nums: Float64Array; flags: Uint8Array } {
    return {
      strings: this.strings,
      refs: Int32Array.from(this.refs),
      nums: Float64Array.from(this.nums),
      flags: Uint8Array.from(this.flags),
    };
  }
}

/**
 * Main side: the i-th event of a result as an SgEvent carrying only the fields the grouping and
 * the report read (the whole-input commands never print an event's own fields).
 */
export function decodeEvent(r: BatchResult, i: number, file: string, line: number, seq: number): SgEvent {
  const str = (slot: number): string | null => {
    const k = r.refs[i * STRING_SLOTS + slot] as number;
    return k < 0 ? null : (r.strings[k] as string);
  };
  const num = (slot: number): number => r.nums[i * NUMBER_SLOTS + slot] as number;
  const flags = r.flags[i] as number;
  const timestamp = num(N.timestamp);
  const attempt = num(N.attempt);
  const event = str(S.event) as string;
  const email = str(S.email);
  // Only these events have fields the grouping reads; the rest share one empty object.
  const detailed = event === 'bounce' || event === 'deferred' || event === 'dropped' || event === 'open';
  return {
    fields: detailed
      ? {
          event,
          type: str(S.type) ?? undefined,
          reason: str(S.reason) ?? undefined,
          response: str(S.response) ?? undefined,
          status: str(S.status) ?? undefined,
          bounce_classification: str(S.classification) ?? undefined,
          attempt: Number.isNaN(attempt) ? undefined : attempt,
          sg_machine_open: (flags & FLAG_MACHINE_OPEN) !== 0 ? true : undefined,
        }
      : NO_FIELDS,
    event,
    email,
    emailKey: str(S.emailKey),
    timestamp: Number.isNaN(timestamp) ? null : timestamp,
    messageId: str(S.messageId),
    sgMessageId: str(S.sgMessageId),
    sgEventId: str(S.sgEventId),
    idless: (flags & FLAG_IDLESS) !== 0,
    file,
    line,
    seq,
    // Copies are counted per event only for timelines, which never use the parallel reader.
    copies: NO_COPIES,
  };
}

const NO_FIELDS = Object.freeze({}) as Record<string, unknown>;
