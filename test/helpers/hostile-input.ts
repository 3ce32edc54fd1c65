import fc from 'fast-check';

/**
 * Random webhook logs for the property tests: every framing of docs/rules.md#input-framings mixed in one file,
 * junk between and inside lines, and (optionally) broken fragments. Each generated event carries
 * a unique `sg_event_id` (`id-N`), so a test can check exactly which events were found, and the
 * assembler records what a correct reader must report: where each event is, how many values hold
 * no event, how many lines are server text, and where each broken fragment starts.
 *
 * The arbitraries produce plain descriptions (good shrinking); `assemble` turns one into bytes
 * and expectations. Event IDs are handed out in order by `assemble`, never by fast-check.
 */

// ───────────────────────────────────────────── descriptions

export interface EventSpec {
  name: string;
  category: string | string[] | null;
  custom: [string, unknown][];
  /** Put invalid UTF-8 bytes inside one of the event's strings (decoded as U+FFFD). */
  rawBytes: boolean;
  withMessageId: boolean;
}

/** A JSON value on a line. */
export type ValueSpec =
  | { kind: 'event'; ev: EventSpec }
  /** A POST body; `null` items are stray non-event objects. */
  | { kind: 'array'; items: (EventSpec | null)[] }
  | { kind: 'pino'; body: 'array' | 'object' | 'string-array' | 'string-object'; items: EventSpec[] }
  | { kind: 'non-event'; which: number };

export interface LineSpec {
  kind: 'line';
  prefix: number | null;
  values: ValueSpec[];
  seps: number[];
  trailing: number;
}

export interface PrettySpec {
  kind: 'pretty';
  /** none: the value starts the line; intro: a `... body=` line before it; opened: `... body=[`. */
  lead: 'none' | 'intro' | 'opened';
  leadText: number;
  value: ValueSpec;
  indent: number;
}

export type UnitSpec =
  | LineSpec
  | PrettySpec
  | { kind: 'text'; pieces: (string | number[])[] }
  | { kind: 'blank'; ws: string }
  /** A copy of an earlier event found outside fragments: exact, or a retry with a new sg_event_id. */
  | { kind: 'dup'; ref: number; retry: boolean }
  /** A line cut inside one of its values (the value and what follows are lost). */
  | { kind: 'cut-line'; line: LineSpec; at: number; fraction: number }
  /** A pretty-printed value cut after some of its lines. */
  | { kind: 'cut-pretty'; pretty: PrettySpec; at: number; fraction: number }
  /** A value that closes but is not JSON (trailing comma, mismatched closer), then good values. */
  | { kind: 'bad-value'; variant: 'trailing-comma' | 'mismatch' | 'array-comma'; inner: EventSpec[]; after: ValueSpec[] };

export interface DocSpec {
  bom: boolean;
  units: UnitSpec[];
  crlf: boolean[];
  finalNewline: boolean;
}

// ───────────────────────────────────────────── fixed pieces

const RAW_MARK = '~~RAW~~';
/** Invalid UTF-8 that is still legal inside a JSON string once decoded (no byte below 0x20, no quote or backslash). */
const RAW_IN_STRING = [0xff, 0xc3, 0x28, 0xe2, 0x82, 0x20, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90];

export const LINE_PREFIXES = [
  '2026-11-18T09:05:16Z INFO POST /hook body=',
  '2026-11-18 09:05:16,123 [worker-1] webhook: ',
  '[2026-11-18 09:05:16] [INFO] webhook: ',
  'Nov 18 09:05:16 host app[123]: payload ',
  'INFO ',
];
export const INTRO_LINES = ['2026-11-18T09:05:16Z INFO body=', 'payload:', '2026-11-18 09:05:16 request body:'];
export const OPENED_PREFIXES = ['2026-11-18T09:05:16Z INFO body=', 'body: ', '[2026-11-18 09:05:16] [INFO] events='];
/** Text after the values: balanced, no plausible JSON opener, so it is neither a value nor a fragment. */
export const TRAILING = ['', ' status=200 (3ms)', ' [INFO] done', ' {a=1} ok', '  <- "quoted" tail', ' dur=64ms'];
export const SEPARATORS = ['', ' ', '\t', ' | ', '  '];
/** JSON values that hold no SendGrid event, each one `no-event` skip (and a plausible opener). */
export const NON_EVENTS = [
  '{"level":30,"time":1794716253118,"msg":"server started"}',
  '[]',
  '{}',
  '{"event":"delivered"}',
  '{"event":5,"email":"x@example.com"}',
  '{"event":"open","email":null,"sg_event_id":null}',
  '[{"hello":"world"}]',
  '{"a":[1,2,{"b":null}],"c":"[not {json"}',
  '["x","y"]',
];
const EVENT_NAMES = [
  'processed',
  'delivered',
  'deferred',
  'bounce',
  'dropped',
  'open',
  'click',
  'spamreport',
  'group_unsubscribe',
  'weird name',
  '',
  '\u0000ctl\u001b[31m',
  '{[not json]}',
  '"quoted" \\ back',
];
/**
 * Junk text: no '{' '[' '}' ']'. Without openers it is text, not JSON; without closers it cannot
 * close a broken fragment it runs into (`{"a":` then a line `1}` would make valid JSON, and the
 * fragment would rightly not count as broken).
 */
const JUNK_WORDS = ['server', 'listening', 'on', ':8080', 'GET', '/healthz', '200', 'ok=1', 'x=', 'warn:', '"q"', "it's", '(3ms)', '|', '--', '2026-11-18T09:05:16Z', 'é', '💥', '\t'];
const JUNK_BYTES = [[0x00], [0xff], [0xc3], [0x1b, 0x5b, 0x32, 0x4a], [0x7f], [0x80, 0x80], [0xef, 0xbb, 0xbf]];

// ───────────────────────────────────────────── arbitraries

const customKey = fc.stringMatching(/^[a-z_]{1,8}$/);
const customValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2, depthSize: 'small' }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('} ] { [', '\\"', '\u2028\u2029', '\\u003c', 'a\nb', '"}]'),
);

export const eventSpec: fc.Arbitrary<EventSpec> = fc.record({
  name: fc.constantFrom(...EVENT_NAMES),
  category: fc.oneof(fc.constant(null), fc.string({ maxLength: 6 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
  custom: fc.array(fc.tuple(customKey, customValue), { maxLength: 3 }),
  rawBytes: fc.boolean(),
  withMessageId: fc.boolean(),
});

const valueSpec: fc.Arbitrary<ValueSpec> = fc.oneof(
  { weight: 4, arbitrary: eventSpec.map((ev) => ({ kind: 'event' as const, ev })) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.option(eventSpec, { freq: 6, nil: null }), { minLength: 1, maxLength: 4 })
      .map((items) => ({ kind: 'array' as const, items })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pino' as const),
      body: fc.constantFrom('array' as const, 'object' as const, 'string-array' as const, 'string-object' as const),
      items: fc.array(eventSpec, { minLength: 1, maxLength: 3 }),
    }).map((p) => (p.body.endsWith('object') ? { ...p, items: p.items.slice(0, 1) } : p)),
  },
  { weight: 1, arbitrary: fc.nat(NON_EVENTS.length - 1).map((which) => ({ kind: 'non-event' as const, which })) },
);

export const lineSpec: fc.Arbitrary<LineSpec> = fc.record({
  kind: fc.constant('line' as const),
  prefix: fc.option(fc.nat(LINE_PREFIXES.length - 1), { freq: 2 }),
  values: fc.array(valueSpec, { minLength: 1, maxLength: 3 }),
  seps: fc.array(fc.nat(SEPARATORS.length - 1), { minLength: 3, maxLength: 3 }),
  trailing: fc.nat(TRAILING.length - 1),
});

export const prettySpec: fc.Arbitrary<PrettySpec> = fc
  .record({
    kind: fc.constant('pretty' as const),
    lead: fc.constantFrom('none' as const, 'intro' as const, 'opened' as const),
    leadText: fc.nat(2),
    value: valueSpec.filter((v) => v.kind !== 'non-event' && !(v.kind === 'array' && v.items.length === 0)),
    indent: fc.constantFrom(2, 4, 0),
  })
  // Only an array can be opened on the prefix line.
  .map((p) => (p.lead === 'opened' && p.value.kind !== 'array' ? { ...p, lead: 'intro' as const } : p));

const textSpec = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...JUNK_WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...JUNK_BYTES) }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((pieces) => ({ kind: 'text' as const, pieces }));

const cleanUnit: fc.Arbitrary<UnitSpec> = fc.oneof(
  { weight: 8, arbitrary: lineSpec },
  { weight: 3, arbitrary: prettySpec },
  { weight: 3, arbitrary: textSpec },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t').map((ws) => ({ kind: 'blank' as const, ws })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dup' as const), ref: fc.nat(), retry: fc.boolean() }) },
);

const fragmentUnit: fc.Arbitrary<UnitSpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('cut-line' as const),
      line: lineSpec,
      at: fc.nat(),
      // Biased to the ends: right after the opener (an unclosed `[` at the line end) and just before the closer.
      fraction: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('cut-pretty' as const),
      pretty: prettySpec,
      at: fc.nat(),
      fraction: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bad-value' as const),
      variant: fc.constantFrom('trailing-comma' as const, 'mismatch' as const, 'array-comma' as const),
      inner: fc.array(eventSpec, { minLength: 1, maxLength: 2 }),
      after: fc.array(valueSpec, { maxLength: 2 }),
    }),
  },
);

/** A whole log; with `fragments`, about one unit in six is broken. */
export function docSpec(opts: { fragments: boolean; maxUnits?: number }): fc.Arbitrary<DocSpec> {
  const unit = opts.fragments ? fc.oneof({ weight: 5, arbitrary: cleanUnit }, { weight: 1, arbitrary: fragmentUnit }) : cleanUnit;
  return fc.record({
    bom: fc.boolean(),
    units: fc.array(unit, { minLength: 1, maxLength: opts.maxUnits ?? 14 }),
    crlf: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
    finalNewline: fc.boolean(),
  });
}

/** Chunk sizes for the reader, cycled; small ones split lines, UTF-8 sequences and CRLF pairs. */
export const chunkSizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 8, max: 4096 })), {
  minLength: 1,
  maxLength: 8,
});

// ───────────────────────────────────────────── assembly

/** A value of a generated line: its byte span in the line and the events it holds. */
interface ValueSpan {
  start: number;
  end: number;
  ids: string[];
}

export interface Doc {
  bytes: Buffer;
  /** Events outside broken fragments: id → the line `source` must name. */
  expected: Map<string, number>;
  /** Events inside broken fragments: they may be lost (or recovered, at most once). */
  inFragments: Set<string>;
  /** Extra copies of expected events: id of the copy → id of the original. */
  copies: Map<string, string>;
  /** Copies that are identical to the original (same sg_event_id), by original id. */
  exactCopies: Map<string, number>;
  /** Values (or stray body elements) holding no event, outside fragments, with their lines. */
  nonEventLines: number[];
  /** Junk lines a reader counts as server text. */
  textLines: number[];
  /** First line of each broken fragment. */
  fragments: number[];
  /** Top-level values with their byte spans in the whole document (for truncation tests). */
  values: ValueSpan[];
}

interface Rendered {
  text: string;
  /** Character spans of the values in `text`, with their events and stray (non-event) counts. */
  spans: { start: number; end: number; ids: string[]; strays: number }[];
}

/** Hands out event IDs in order and keeps each event object, for `dup` units to copy. */
class Ids {
  private n = 0;
  readonly objects = new Map<string, Record<string, unknown>>();
  event(ev: EventSpec): string {
    const id = this.n++;
    const o: Record<string, unknown> = {
      email: id % 3 === 0 ? `User${id}@Example.com` : `user${id}@example.org`,
      timestamp: 1_700_000_000 + id,
      event: ev.name,
      sg_event_id: `id-${id}`,
    };
    if (ev.withMessageId) o['sg_message_id'] = `AbCdEfGhIjKlMnOpQrStU${id % 10}.filterdrecv-${id}`;
    if (ev.category !== null) o['category'] = ev.category;
    for (const [k, v] of ev.custom) o[`x_${k}`] = v;
    if (ev.rawBytes) o['x_raw'] = `a${RAW_MARK}b`;
    this.objects.set(`id-${id}`, o);
    return `id-${id}`;
  }
}

/** Renders a value as one-line JSON (and its parsed form); the events get IDs from `ids`. */
function valueText(v: ValueSpec, ids: Ids): { text: string; ids: string[]; strays: number; json: unknown } {
  switch (v.kind) {
    case 'event': {
      const id = ids.event(v.ev);
      const obj = ids.objects.get(id);
      return { text: JSON.stringify(obj), ids: [id], strays: 0, json: obj };
    }
    case 'array': {
      const out: string[] = [];
      const items: unknown[] = [];
      let strays = 0;
      for (const item of v.items) {
        if (item === null) {
          strays++;
          items.push({ note: 'not an event', n: strays });
        } else {
          const id = ids.event(item);
          items.push(ids.objects.get(id));
          out.push(id);
        }
      }
      return { text: JSON.stringify(items), ids: out, strays, json: items };
    }
    case 'pino': {
      const out = v.items.map((ev) => ids.event(ev));
      const events = out.map((id) => ids.objects.get(id));
      let body: unknown = v.body.endsWith('array') ? events : events[0];
      if (v.body.startsWith('string')) body = JSON.stringify(body);
      const rec = { level: 30, time: 1_794_716_253_118, pid: 7, hostname: 'web-1', msg: 'sendgrid webhook', body };
      return { text: JSON.stringify(rec), ids: out, strays: 0, json: rec };
    }
    case 'non-event': {
      const text = NON_EVENTS[v.which] as string;
      return { text, ids: [], strays: 1, json: JSON.parse(text) };
    }
  }
}

function renderLine(l: LineSpec, ids: Ids): Rendered {
  let text = l.prefix === null ? '' : (LINE_PREFIXES[l.prefix] as string);
  const spans: Rendered['spans'] = [];
  l.values.forEach((v, i) => {
    if (i > 0) text += SEPARATORS[l.seps[i - 1] ?? 0] as string;
    const r = valueText(v, ids);
    spans.push({ start: text.length, end: text.length + r.text.length, ids: r.ids, strays: r.strays });
    text += r.text;
  });
  text += TRAILING[l.trailing] as string;
  return { text, spans };
}

interface PrettyRendered {
  lead: string | null;
  /** The value's lines (the first holds the opener, after a prefix when opened on the prefix line). */
  lines: string[];
  /** Where the opener is in the first line. */
  openerAt: number;
  ids: string[];
  strays: number;
  /** For arrays: the line (index into `lines`) each element starts on, and its events. */
  elements: { line: number; ids: string[]; stray: boolean }[] | null;
}

function renderPretty(p: PrettySpec, ids: Ids): PrettyRendered {
  const r = valueText(p.value, ids);
  const indent = p.indent === 0 ? '\t' : p.indent;
  const lines = JSON.stringify(r.json, null, indent).split('\n');
  let elements: PrettyRendered['elements'] = null;
  if (p.value.kind === 'array') {
    const items = p.value.items;
    const pad = typeof indent === 'number' ? ' '.repeat(indent) : indent;
    let itemIndex = 0;
    let eventIndex = 0;
    elements = [];
    lines.forEach((line, i) => {
      // Elements are objects: at the first indentation level, a line holding only `{`.
      if (line === `${pad}{`) {
        const stray = items[itemIndex++] === null;
        elements?.push({ line: i, ids: stray ? [] : [r.ids[eventIndex++] as string], stray });
      }
    });
  }
  let lead: string | null = null;
  let openerAt = 0;
  if (p.lead === 'intro') lead = INTRO_LINES[p.leadText % INTRO_LINES.length] as string;
  if (p.lead === 'opened') {
    const prefix = OPENED_PREFIXES[p.leadText % OPENED_PREFIXES.length] as string;
    lines[0] = `${prefix}${lines[0]}`;
    openerAt = prefix.length;
  }
  return { lead, lines, openerAt, ids: r.ids, strays: r.strays, elements };
}

function encode(text: string): Buffer {
  const b = Buffer.from(text, 'utf8');
  const mark = Buffer.from(RAW_MARK);
  if (b.indexOf(mark) < 0) return b;
  const parts: Buffer[] = [];
  let pos = 0;
  for (let i = b.indexOf(mark); i >= 0; i = b.indexOf(mark, pos)) {
    parts.push(b.subarray(pos, i), Buffer.from(RAW_IN_STRING));
    pos = i + mark.length;
  }
  parts.push(b.subarray(pos));
  return Buffer.concat(parts);
}

/** Byte spans of character spans of `text` (as encoded). */
function byteSpans(text: string, spans: Rendered['spans']): ValueSpan[] {
  return spans.map((s) => ({ start: encode(text.slice(0, s.start)).length, end: encode(text.slice(0, s.end)).length, ids: s.ids }));
}

/** Would a reader count this line as server text? Not blank, and not ending in `=` or `:` (an intro). */
function countsAsText(content: Buffer, first: boolean): boolean {
  let s = content.toString('utf8');
  if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const t = s.replace(/[ \t\r\n]+$/, '');
  if (t.length === 0) return false;
  const last = t[t.length - 1];
  return last !== '=' && last !== ':';
}

export function assemble(spec: DocSpec): Doc {
  const ids = new Ids();
  const doc: Doc = {
    bytes: Buffer.alloc(0),
    expected: new Map(),
    inFragments: new Set(),
    copies: new Map(),
    exactCopies: new Map(),
    nonEventLines: [],
    textLines: [],
    fragments: [],
    values: [],
  };
  const out: Buffer[] = [];
  let offset = 0;
  let lineNo = 0;
  /** Events found outside fragments so far, for `dup` units. */
  const plain: string[] = [];
  let retries = 0;

  /** Adds a line; returns its number and the offset of its content in the document. */
  const push = (content: Buffer): { line: number; at: number } => {
    if (lineNo === 0 && spec.bom) {
      out.push(Buffer.from([0xef, 0xbb, 0xbf]));
      offset += 3;
    }
    const at = offset;
    const ending = Buffer.from(spec.crlf[lineNo % spec.crlf.length] === true ? '\r\n' : '\n');
    out.push(content, ending);
    offset += content.length + ending.length;
    lineNo++;
    return { line: lineNo, at };
  };
  const found = (idList: string[], line: number) => {
    for (const id of idList) {
      doc.expected.set(id, line);
      plain.push(id);
    }
  };
  const lineValues = (text: string, spans: Rendered['spans'], at: { line: number; at: number }, upTo = spans.length) => {
    const b = byteSpans(text, spans);
    for (let i = 0; i < upTo; i++) {
      const s = spans[i] as Rendered['spans'][number];
      const bs = b[i] as ValueSpan;
      doc.values.push({ start: at.at + bs.start, end: at.at + bs.end, ids: bs.ids });
      found(s.ids, at.line);
      for (let j = 0; j < s.strays; j++) doc.nonEventLines.push(at.line);
    }
  };

  for (const u of spec.units) {
    switch (u.kind) {
      case 'line': {
        const r = renderLine(u, ids);
        lineValues(r.text, r.spans, push(encode(r.text)));
        break;
      }
      case 'pretty': {
        const r = renderPretty(u, ids);
        if (r.lead !== null) push(encode(r.lead));
        const pushed = r.lines.map((l) => push(encode(l)));
        const first = pushed[0] as { line: number; at: number };
        const last = pushed[pushed.length - 1] as { line: number; at: number };
        doc.values.push({
          start: first.at + encode((r.lines[0] as string).slice(0, r.openerAt)).length,
          end: last.at + encode(r.lines[r.lines.length - 1] as string).length,
          ids: r.ids,
        });
        const items = u.value.kind === 'array' ? u.value.items.length : -1;
        if (r.elements !== null && r.elements.length === items) {
          // A pretty-printed body: each element keeps the line it starts on.
          for (const el of r.elements) {
            found(el.ids, first.line + el.line);
            if (el.stray) doc.nonEventLines.push(first.line + el.line);
          }
        } else {
          found(r.ids, first.line);
          for (let j = 0; j < r.strays; j++) doc.nonEventLines.push(first.line);
        }
        break;
      }
      case 'text': {
        const content = Buffer.concat(u.pieces.map((p, i) => (typeof p === 'string' ? Buffer.from(i > 0 ? ` ${p}` : p) : Buffer.from(p))));
        const { line } = push(content);
        if (countsAsText(content, line === 1 && !spec.bom)) doc.textLines.push(line);
        break;
      }
      case 'blank':
        push(Buffer.from(u.ws));
        break;
      case 'dup': {
        if (plain.length === 0) break;
        const orig = plain[u.ref % plain.length] as string;
        let obj = ids.objects.get(orig) as Record<string, unknown>;
        let copyId = orig;
        if (u.retry) {
          copyId = `${orig}-retry-${retries++}`;
          obj = { ...obj, sg_event_id: copyId };
          doc.copies.set(copyId, orig);
        } else {
          doc.exactCopies.set(orig, (doc.exactCopies.get(orig) ?? 0) + 1);
        }
        const bytes = encode(JSON.stringify(obj));
        const at = push(bytes);
        doc.values.push({ start: at.at, end: at.at + bytes.length, ids: [copyId] });
        break;
      }
      case 'cut-line': {
        const r = renderLine(u.line, ids);
        const k = u.at % r.spans.length;
        const b = byteSpans(r.text, r.spans)[k] as ValueSpan;
        // Strictly inside the value: at least its opener, never its last closer.
        const cut = Math.min(b.start + 1 + Math.floor(u.fraction * (b.end - b.start - 2)), b.end - 1);
        const at = push(encode(r.text).subarray(0, cut));
        doc.fragments.push(at.line);
        lineValues(r.text, r.spans, at, k);
        for (const id of (r.spans[k] as Rendered['spans'][number]).ids) doc.inFragments.add(id);
        break;
      }
      case 'cut-pretty': {
        const r = renderPretty(u.pretty, ids);
        if (r.lead !== null) push(encode(r.lead));
        const keep = 1 + (u.at % (r.lines.length - 1));
        const pushed = r.lines.slice(0, keep).map((l) => push(encode(l)));
        const next = r.lines[keep] as string;
        const part = Math.floor(u.fraction * next.length);
        // The closing line of the value is never kept whole.
        if (part > 0 && keep < r.lines.length - 1) push(encode(next.slice(0, part)));
        doc.fragments.push((pushed[0] as { line: number }).line);
        for (const id of r.ids) doc.inFragments.add(id);
        break;
      }
      case 'bad-value': {
        const inner = u.inner.map((ev) => {
          const id = ids.event(ev);
          doc.inFragments.add(id);
          return JSON.stringify(ids.objects.get(id));
        });
        let bad: string;
        if (u.variant === 'trailing-comma') bad = `${(inner[0] as string).slice(0, -1)},}`;
        else if (u.variant === 'array-comma') bad = `[${inner.join(',')},]`;
        else bad = `{"x":[${inner.join(',')}}`;
        const rest = renderLine({ kind: 'line', prefix: null, values: u.after, seps: [1, 1, 1], trailing: 0 }, ids);
        const text = u.after.length > 0 ? `${bad} ${rest.text}` : bad;
        const shift = bad.length + 1;
        const spans = rest.spans.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift }));
        const at = push(encode(text));
        doc.fragments.push(at.line);
        lineValues(text, spans, at);
        break;
      }
    }
  }
  let bytes = Buffer.concat(out);
  if (!spec.finalNewline && lineNo > 0) {
    // The last line without its line end is still a line.
    bytes = bytes.subarray(0, bytes.length - (spec.crlf[(lineNo - 1) % spec.crlf.length] === true ? 2 : 1));
  }
  doc.bytes = bytes;
  return doc;
}

/** The event ID a found event object carries (`id-N`, or a retry's own ID). */
export function idOf(obj: Record<string, unknown>): string {
  return String(obj['sg_event_id']);
}
