import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/ingest/line-buffer.js';
import { takeReadBuffer } from '../../src/ingest/lookup-scan.js';
import { NeedleFilter, type Needle } from '../../src/ingest/needle-filter.js';
import { FramingScanner } from '../../src/ingest/scanner.js';

/**
 * A lookup's regions are listed by the one-pass WebAssembly scan when they lie in its memory (the
 * reads of a file go there), and walked in JavaScript otherwise. Both must read the same lines
 * with the same numbers, make the same gaps and sample the same skipped line's time, on any log:
 * events in any case, account events and near misses, values spread over lines (pretty-printed,
 * an array per POST, CRLF, blanks after an opener), prefixes, broken lines, whitespace lines.
 */

type Call = ['line', number, string] | ['gap'] | ['value', number, unknown] | ['skip', string, number];

/** The scanner, with each line it is given and each gap recorded in order. */
class RecordingScanner extends FramingScanner {
  constructor(readonly calls: Call[]) {
    super({
      value: (value, line) => void calls.push(['value', line, value]),
      skip: (kind, line) => void calls.push(['skip', kind, line]),
    });
  }

  override lineBytes(bytes: Buffer, start: number, end: number, lineNo: number): void {
    this.calls.push(['line', lineNo, bytes.toString('latin1', start, end)]);
    super.lineBytes(bytes, start, end, lineNo);
  }

  override gap(): void {
    this.calls.push(['gap']);
    super.gap();
  }
}

interface Run {
  calls: Call[];
  newest: number;
  scanned: number;
}

/** The log through a NeedleFilter in pieces of the given sizes, each in the scan's memory or not. */
function run(log: Buffer, needles: readonly Needle[], sizes: readonly number[], inScanMemory: boolean): Run {
  const calls: Call[] = [];
  const filter = new NeedleFilter(new RecordingScanner(calls), needles);
  const lines = new LineBuffer(filter);
  const lent = inScanMemory ? takeReadBuffer(1 << 20) : undefined;
  if (inScanMemory && lent === undefined) throw new Error('the scan cannot run here');
  try {
    for (let pos = 0, i = 0; pos < log.length; i++) {
      const size = Math.min(log.length - pos, Math.max(1, sizes[i % sizes.length] as number));
      const piece = log.subarray(pos, pos + size);
      if (lent) {
        piece.copy(lent.buffer, 0);
        lines.push(lent.buffer.subarray(0, size));
      } else lines.push(Buffer.from(piece));
      pos += size;
    }
    lines.end();
  } finally {
    lent?.release();
  }
  return { calls, newest: filter.newestSkippedTime, scanned: filter.scannedRegions };
}

const ADDRESSES = ['kazuki.tanaka@icloud.com', 'b@x.io', 'q.7@w.de', 'mailbox'];

/** Every letter of `s` in upper case where `mask` has a bit set (cycled). */
function spell(s: string, mask: number): string {
  return [...s].map((c, i) => ((mask >> i % 16) & 1 ? c.toUpperCase() : c)).join('');
}

const time = fc.integer({ min: 1_700_000_000, max: 1_800_000_000 });

const address = fc.oneof(
  fc.tuple(fc.constantFrom(...ADDRESSES), fc.integer({ min: 0, max: 0xffff })).map(([a, m]) => spell(a, m)),
  // Near misses: one byte more, less or changed.
  fc.constantFrom('kazuki.tanaka@icloud.co', 'azuki.tanaka@icloud.com', 'b@x.i', 'bb@x.ioo', 'q.7@w.d', 'q,7@w.de', 'b@y.io', 'other@x.io', 'mailbo', 'ailbox', 'mail box'),
);

const event = fc.record({ email: address, event: fc.constantFrom('processed', 'delivered', 'bounce', 'open'), timestamp: time, sg_message_id: fc.constantFrom('m1.f', 'm2.f') });

const logLine = fc.oneof(
  event.map((e) => JSON.stringify(e)),
  fc.tuple(fc.constantFrom('account_status_change', 'account_status_chang', 'Account_status_change', 'xaccount_status_change'), time).map(([name, t]) => JSON.stringify({ event: name, timestamp: t, type: 'compliance_suspend' })),
  // A value spread over lines: pretty-printed, with blanks or CR after the openers.
  fc.tuple(event, fc.constantFrom('', ' ', '\t', '\r', ' \r')).map(([e, tail]) => JSON.stringify(e, null, 2).replaceAll('\n', `${tail}\n`)),
  // An array per POST, one element a line.
  fc.array(event, { minLength: 1, maxLength: 3 }).map((es) => `[\n${es.map((e) => JSON.stringify(e)).join(',\n')}\n]`),
  fc.tuple(time, event).map(([t, e]) => `${new Date(t * 1000).toISOString()} webhook: ${JSON.stringify(e)}`),
  fc.constantFrom('', ' ', '\t \r', '{', '[', 'key=', 'payload:', '{"email":"b@x.io"', 'b@x.io', 'noise @ @@ ..', '}', ']', ','),
);

const log = fc
  .tuple(fc.array(logLine, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, last]) => Buffer.from(lines.join(eol) + (last ? eol : ''), 'utf8'));

const needles = fc.subarray(ADDRESSES, { minLength: 1, maxLength: 2 }).map((as): Needle[] => [...as, { exact: 'account_status_change' }]);

const sizes = fc.oneof(fc.constant([1 << 20]), fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 8 }));

describe('property: the one-pass scan reads what the walk reads', () => {
  it('the same lines, numbers, gaps, values and sampled time', () => {
    let runs = 0;
    let scannedRuns = 0;
    fc.assert(
      fc.property(log, needles, sizes, (bytes, ns, ss) => {
        const walked = run(bytes, ns, ss, false);
        const scanned = run(bytes, ns, ss, true);
        runs++;
        // A line that arrives in pieces is held, and read from where it is held: walked.
        if (scanned.scanned > 0) scannedRuns++;
        expect(walked.scanned).toBe(0);
        expect(scanned.calls).toEqual(walked.calls);
        expect(scanned.newest).toBe(walked.newest);
      }),
      { numRuns: 400 },
    );
    expect(scannedRuns).toBeGreaterThan(runs / 2);
  });

  it('more lines to read than the scan can list: the walk reads that region, the same', () => {
    // 20,000 lines that each may open a value: past the scan's room for 8,192.
    const bytes = Buffer.from(`${'key=\n'.repeat(20_000)}${JSON.stringify({ email: 'B@X.IO', event: 'open', timestamp: 1_800_000_000 })}\n`);
    const walked = run(bytes, ['b@x.io'], [bytes.length], false);
    const scanned = run(bytes, ['b@x.io'], [bytes.length], true);
    expect(scanned.scanned).toBe(0);
    expect(scanned.calls).toEqual(walked.calls);
    expect(walked.calls.filter((c) => c[0] === 'value')).toHaveLength(1);
  });
});
