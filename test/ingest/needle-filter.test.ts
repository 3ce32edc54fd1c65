import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/ingest/line-buffer.js';
import { NeedleFilter, type Needle } from '../../src/ingest/needle-filter.js';
import { FramingScanner } from '../../src/ingest/scanner.js';

/**
 * The prefilter searches a short window of each needle (its anchor) and checks each hit against
 * the whole needle, ignoring ASCII case. Whichever window is chosen, every spelling of the needle
 * must be found, wherever it sits on the line and however often the anchor occurs elsewhere. (It
 * is a substring search: `ab@x.com` passes for `b@x.com`, and the selection decides later.)
 */
function emailsPassed(needles: readonly Needle[], lines: readonly string[]): string[] {
  const seen: string[] = [];
  const scanner = new FramingScanner({
    value: (v: unknown) => {
      seen.push(String((v as { email?: unknown }).email));
    },
    skip: () => undefined,
  } as unknown as ConstructorParameters<typeof FramingScanner>[0]);
  const buffer = new LineBuffer(new NeedleFilter(scanner, needles), { maxLine: 1 << 20 });
  buffer.push(Buffer.from(`${lines.join('\n')}\n`));
  buffer.end();
  return seen;
}

const line = (email: string, extra = '') => JSON.stringify({ email, event: 'delivered', note: extra });

describe('NeedleFilter finds every spelling of a needle', () => {
  it.each<[string, string, string[], string[]]>([
    ['address, domain in capitals', 'kazuki.tanaka@icloud.com', ['Kazuki.Tanaka@ICLOUD.COM', 'kazuki.tanaka@icloud.com'], []],
    ['address among many of its domain', 'b@x.com', ['B@X.COM'], ['a@x.com', 'c@x.com', 'b@y.com', 'b@x.co']],
    ['address whose local part is digits', '12@x.com', ['12@X.com'], ['12@y.com', '21@x.com', '1@x.com']],
    ['address with an anchor repeated before it on the line', 'a.b@c.de', ['A.B@C.DE'], ['a.c@c.de', 'a.bc@c.d']],
    ['message id: punctuation and digits', '14c5d75ce93.dfd.64b469.filter0001.16648.5515e0b88.0', ['14C5D75CE93.DFD.64B469.FILTER0001.16648.5515E0B88.0'], ['14c5d75ce93.dfd.64b469.filter0001.16648.5515e0b88.1']],
  ])('%s', (_name, needle, found, notFound) => {
    const lines = [...found.map((e) => line(e, `@${needle.slice(0, 3)} .${needle.slice(1, 4)}`)), ...notFound.map((e) => line(e))];
    expect(emailsPassed([needle], lines)).toEqual(found);
  });

  // The search is chosen from the first region's bytes: one byte that is not a letter (`@`, `.`,
  // a digit) where the needle has one, searched alone and checked on both sides and then whole;
  // otherwise every case spelling of a two-byte window. Each needle here is looked for among
  // lines crowded with its rare byte and with near misses on either side of it.
  it.each<[string, string, string[], string[]]>([
    ['rare byte first', '.bc@x.io', ['.BC@X.IO', '.bc@X.io'], ['.bd@x.io', '-bc@x.io', 'bc@x.io']],
    ['rare byte last', 'bcd@x.io.', ['BCD@X.IO.'], ['bcd@x.io', 'bcd@x.ioo']],
    ['letters only', 'anchorless', ['AnchorLess', 'ANCHORLESS'], ['anchorles', 'nchorless']],
    ['its byte on every line, near misses on both sides', 'q@w.de', ['Q@W.DE', 'q@W.de'], ['p@w.de', 'q@v.de', 'q@w.d', 'qq@w.dx']],
    ['one digit its only other byte', 'mail7box', ['MAIL7BOX'], ['mail8box', 'mail7bo', 'ail7box']],
  ])('%s', (_name, needle, found, notFound) => {
    const crowd = Array.from({ length: 30 }, (_, i) => line(`u${i}@w.de`, `${needle.replace(/[a-z]/g, 'z')} @@ .. 77`));
    const lines = [...crowd, ...notFound.map((e) => line(e)), ...found.map((e) => line(e)), ...crowd];
    expect(emailsPassed([needle], lines)).toEqual(found);
  });

  it('an exact needle is found only as written', () => {
    const lines = [JSON.stringify({ event: 'account_status_change' }), JSON.stringify({ event: 'Account_Status_Change' })];
    const seen: unknown[] = [];
    const scanner = new FramingScanner({ value: (v: unknown) => void seen.push(v), skip: () => undefined } as unknown as ConstructorParameters<typeof FramingScanner>[0]);
    const buffer = new LineBuffer(new NeedleFilter(scanner, [{ exact: 'account_status_change' }]), { maxLine: 1 << 20 });
    buffer.push(Buffer.from(`${lines.join('\n')}\n`));
    buffer.end();
    expect(seen).toEqual([{ event: 'account_status_change' }]);
  });

  it.each<[string, string]>([
    ['rare h', 'x'.repeat(500)],
    ['rare a (many h in the sample)', 'h'.repeat(5000) + 'g'.repeat(5000) + 'c'.repeat(5000)],
    ['rare _', 'accounstatuschange'.repeat(400)],
  ])('an exact needle is found wherever its anchor falls, next to near misses (%s)', (_name, filler) => {
    const lines = [
      // At the very start of the input, then near misses around the rarest bytes.
      JSON.stringify({ event: 'account_status_change', n: 1 }),
      JSON.stringify({ event: 'status_change', filler }),
      JSON.stringify({ event: 'account_status_chang', note: 'hange hange _change' }),
      JSON.stringify({ event: 'xaccount_status_change', n: 2 }),
      JSON.stringify({ event: 'account_status_Change' }),
      JSON.stringify({ n: 3, event: 'account_status_change' }),
    ];
    const seen: unknown[] = [];
    const scanner = new FramingScanner({ value: (v: unknown) => void seen.push(v), skip: () => undefined } as unknown as ConstructorParameters<typeof FramingScanner>[0]);
    const buffer = new LineBuffer(new NeedleFilter(scanner, [{ exact: 'account_status_change' }]), { maxLine: 1 << 20 });
    buffer.push(Buffer.from(`${lines.join('\n')}\n`));
    buffer.end();
    expect(seen).toEqual([{ event: 'account_status_change', n: 1 }, { event: 'xaccount_status_change', n: 2 }, { n: 3, event: 'account_status_change' }]);
  });
});
