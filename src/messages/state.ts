import { asText } from '../common/text.js';
import type { SgEvent } from '../events/types.js';

/**
 * What a recipient message keeps while the input streams by: only what the verdict and the
 * output need, not the events themselves (those are kept only for timelines). Times are Unix
 * seconds.
 */
export interface BounceRecord {
  at: number;
  type: string | null;
  reason: string | null;
  status: string | null;
  classification: string | null;
}

export interface DeferralRecord {
  at: number;
  response: string | null;
  attempt: number | null;
}

export interface DropRecord {
  at: number;
  reason: string | null;
  status: string | null;
}

export interface GroupChange {
  at: number;
  group: number | string | null;
  unsubscribed: boolean;
}

/** One bit per kind of event a message can have (docs/rules.md#contradictions). */
export const EVENT_BITS: Readonly<Record<string, number>> = {
  processed: 1 << 0,
  deferred: 1 << 1,
  delivered: 1 << 2,
  bounce: 1 << 3,
  dropped: 1 << 4,
  open: 1 << 5,
  click: 1 << 6,
  spamreport: 1 << 7,
  unsubscribe: 1 << 8,
  group_unsubscribe: 1 << 9,
  group_resubscribe: 1 << 10,
};

export interface MessageState {
  /** As first written in the log; `emailKey` is the lower-cased grouping key. */
  email: string;
  emailKey: string;
  messageId: string | null;
  sgMessageId: string | null;
  events: number;
  duplicates: number;
  firstAt: number;
  lastAt: number;
  processedAt: number | null;
  firstDelivered: number | null;
  lastDelivered: number | null;
  deferrals: number;
  firstDeferred: number | null;
  /** Every deferral's time: an ID-less event attaches after the latest send at or before it. */
  deferralTimes: number[] | null;
  lastDeferral: DeferralRecord | null;
  bounces: BounceRecord[];
  dropped: DropRecord | null;
  /** Latest open (not a machine open) or click. */
  lastHumanEngagement: number | null;
  machineOpens: number;
  /** Which kinds of event the message has (EVENT_BITS), to see events that contradict each other. */
  kinds: number;
  /** Unsubscribe-group changes (`group_unsubscribe`, `group_resubscribe`), null when none. */
  groupChanges: GroupChange[] | null;
  /** The send's categories (every one any event named), null when none. */
  categories: string[] | null;
  /** The unsubscribe group of the send (`asm_group_id`). */
  asmGroupId: number | string | null;
  /** Marketing campaign or Single Send name, and the template the send used. */
  campaign: string | null;
  templateId: string | null;
  /** The IP SendGrid sent from (the `ip` of a send event; an open's or click's is the reader's). */
  sendingIp: string | null;
  /** Any event inside the --since/--until window. */
  inWindow: boolean;
  /** Some event carried a time; when none did, the times above are stand-ins, shown as null. */
  timed: boolean;
  /**
   * The events in order of arrival, each with the time it was grouped by (its own, or the stand-in
   * for an event without one); kept only for messages a timeline asks for.
   */
  kept: KeptEvent[] | null;
}

/** An event a message keeps for its timeline, with the time it was grouped by. */
export interface KeptEvent {
  e: SgEvent;
  at: number;
}

/** How many written category texts are remembered (a log of all-different lists cannot grow it further). */
const WRITTEN_LISTS = 10_000;

/** Repeated strings (reasons, types) and category lists are stored once. */
export class Interner {
  private readonly table = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();
  /** A message's first category list by the text its line wrote it as (LineEvent.categoryText). */
  private readonly written = new Map<string, string[] | null>();

  /**
   * `current` with the strings of `more` added, as a list shared by every message with the same
   * categories (most sends have one or two, repeated over thousands of messages).
   */
  list(current: string[] | null, more: readonly unknown[]): string[] {
    let names = current ?? [];
    for (const c of more) {
      if (typeof c === 'string' && !names.includes(c)) names = names === current ? [...names, c] : (names.push(c), names);
    }
    if (names === current) return current;
    // JSON text, not a join: a category may hold any character, a separator too.
    const key = JSON.stringify(names);
    let shared = this.lists.get(key);
    if (shared === undefined) {
      shared = Object.freeze(names.map((n) => this.get(n) as string)) as string[];
      this.lists.set(key, shared);
    }
    return shared;
  }

  /** The list `list(null, …)` gave for categories written as `text`; undefined when not known. */
  writtenList(text: string): string[] | null | undefined {
    return this.written.get(text);
  }

  noteWrittenList(text: string, list: string[] | null): void {
    if (this.written.size < WRITTEN_LISTS) this.written.set(text, list);
  }

  /** Forgets what it holds (a live run does so as it lets messages go, to stay bounded). */
  clear(): void {
    this.table.clear();
    this.lists.clear();
    this.written.clear();
  }

  get(value: unknown): string | null {
    const s = asText(value);
    if (s === null || s.length > 2048) return s;
    const known = this.table.get(s);
    if (known !== undefined) return known;
    this.table.set(s, s);
    return s;
  }
}

/** The recipient reported the mail as spam (a `spamreport` event). */
export function complained(s: MessageState): boolean {
  return (s.kinds & (EVENT_BITS['spamreport'] as number)) !== 0;
}

/** The recipient unsubscribed from all mail (`unsubscribe`). */
export function unsubscribed(s: MessageState): boolean {
  return (s.kinds & (EVENT_BITS['unsubscribe'] as number)) !== 0;
}

/** The unsubscribe groups the recipient is out of after the last change to each, in time order. */
export function unsubscribedGroups(s: MessageState): (number | string | null)[] {
  if (s.groupChanges === null) return [];
  const last = new Map<number | string | null, boolean>();
  for (const c of [...s.groupChanges].sort((a, b) => a.at - b.at)) last.set(c.group, c.unsubscribed);
  return [...last].filter(([, out]) => out).map(([group]) => group);
}

/** The recipient is out of at least one unsubscribe group (after the last change to each). */
export function leftAGroup(s: MessageState): boolean {
  return s.groupChanges !== null && unsubscribedGroups(s).length > 0;
}
