/**
 * The dedupe keys of each message's kept events (docs/rules.md#duplicates), for a grouping run
 * that checks a new event against its own message only. A copy is the same event on the same
 * message, so its message's few keys decide it: no input-wide set is probed per event, and the
 * keys live beside the message they belong to.
 *
 * Layout: entries of (ID key, content key, next entry) side by side in fixed-size chunks of
 * doubles — one cache line holds a whole entry, and growing never copies what is held; each
 * message's entries are a list threaded through `next`, from `head[n]`. A message let go (`drop`)
 * gives its entries back to a free list that new entries take first: a live run's memory stays
 * bounded by what it holds.
 *
 * A message with more than LIST_AT_MOST kept events (test POSTs that repeat one address and
 * sg_message_id, thousands of opens) moves its keys to two sets of its own: a check stays a few
 * steps whatever the number of events, where walking the list would make a run quadratic.
 */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const SLOT = CHUNK - 1;
const LIST_AT_MOST = 16;

export class EventKeys {
  /** Per message: its newest entry plus one (0: none). */
  private head = new Int32Array(0);
  /** Per message: the entries in its list, or -1 when its keys are in `many`. */
  private length = new Int32Array(0);
  private readonly many = new Map<number, { ids: Set<number>; contents: Set<number> }>();
  /** Entry e is at chunk e >>> CHUNK_BITS, from index 3 × (e & SLOT): ID key, content key, next + 1. */
  private readonly chunks: Float64Array[] = [];
  /** Entries handed out so far, and the first free one plus one (0: none). */
  private count = 0;
  private free = 0;

  /** True when message `n` holds an event with ID key `id` or content key `content` (-1: none). */
  has(n: number, id: number, content: number): boolean {
    if (n >= this.head.length) return false;
    if ((this.length[n] as number) < 0) {
      const sets = this.many.get(n) as { ids: Set<number>; contents: Set<number> };
      return (id >= 0 && sets.ids.has(id)) || (content >= 0 && sets.contents.has(content));
    }
    for (let e = (this.head[n] as number) - 1; e >= 0; ) {
      const chunk = this.chunks[e >>> CHUNK_BITS] as Float64Array;
      const i = (e & SLOT) * 3;
      if ((id >= 0 && chunk[i] === id) || (content >= 0 && chunk[i + 1] === content)) return true;
      e = (chunk[i + 2] as number) - 1;
    }
    return false;
  }

  /** Records a kept event's keys on message `n`. */
  add(n: number, id: number, content: number): void {
    if (id < 0 && content < 0) return;
    if (n >= this.head.length) this.growHeads(n);
    const length = this.length[n] as number;
    if (length === LIST_AT_MOST) this.toSets(n);
    if (length >= LIST_AT_MOST || length < 0) {
      const sets = this.many.get(n) as { ids: Set<number>; contents: Set<number> };
      if (id >= 0) sets.ids.add(id);
      if (content >= 0) sets.contents.add(content);
      return;
    }
    this.length[n] = length + 1;
    const e = this.take();
    const chunk = this.chunks[e >>> CHUNK_BITS] as Float64Array;
    const i = (e & SLOT) * 3;
    chunk[i] = id;
    chunk[i + 1] = content;
    chunk[i + 2] = this.head[n] as number;
    this.head[n] = e + 1;
  }

  /** Lets go of message `n`'s keys (its number may be handed out again). */
  drop(n: number): void {
    if (n >= this.head.length) return;
    this.many.delete(n);
    this.length[n] = 0;
    this.freeList(n);
  }

  /** Moves message `n`'s keys from its list to sets of its own. */
  private toSets(n: number): void {
    const ids = new Set<number>();
    const contents = new Set<number>();
    for (let e = (this.head[n] as number) - 1; e >= 0; ) {
      const chunk = this.chunks[e >>> CHUNK_BITS] as Float64Array;
      const i = (e & SLOT) * 3;
      if ((chunk[i] as number) >= 0) ids.add(chunk[i] as number);
      if ((chunk[i + 1] as number) >= 0) contents.add(chunk[i + 1] as number);
      e = (chunk[i + 2] as number) - 1;
    }
    this.many.set(n, { ids, contents });
    this.length[n] = -1;
    this.freeList(n);
  }

  /** Gives message `n`'s list entries back to the free list. */
  private freeList(n: number): void {
    let e = (this.head[n] as number) - 1;
    this.head[n] = 0;
    while (e >= 0) {
      const chunk = this.chunks[e >>> CHUNK_BITS] as Float64Array;
      const i = (e & SLOT) * 3 + 2;
      const after = (chunk[i] as number) - 1;
      chunk[i] = this.free;
      this.free = e + 1;
      e = after;
    }
  }

  private take(): number {
    if (this.free > 0) {
      const e = this.free - 1;
      this.free = (this.chunks[e >>> CHUNK_BITS] as Float64Array)[(e & SLOT) * 3 + 2] as number;
      return e;
    }
    const e = this.count++;
    if ((e & SLOT) === 0) this.chunks.push(new Float64Array(CHUNK * 3));
    return e;
  }

  /** Makes room for `messages` messages' heads at once (see MessageStore.reserve). */
  reserve(messages: number): void {
    if (messages > this.head.length) this.growHeads(messages - 1);
  }

  private growHeads(n: number): void {
    let size = Math.max(1024, this.head.length);
    while (size <= n) size *= 2;
    const head = new Int32Array(size);
    head.set(this.head);
    this.head = head;
    const length = new Int32Array(size);
    length.set(this.length);
    this.length = length;
  }
}
