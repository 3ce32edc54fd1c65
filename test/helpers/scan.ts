import { LineBuffer } from '../../src/ingest/line-buffer.js';
import { FramingScanner, type ScannerOptions } from '../../src/ingest/scanner.js';

export interface ScanResult {
  values: { line: number; value: unknown; lineTime: number | null }[];
  skips: { kind: string; line: number }[];
}

/** Runs lines and the scanner (as the reader composes them) over `input` cut into the given chunk sizes (cycled), or whole. */
export function scan(input: string | Buffer, chunkSizes: number[] = [], options: ScannerOptions = {}): ScanResult {
  const result: ScanResult = { values: [], skips: [] };
  const scanner = new FramingScanner(
    {
      value(value, line, lineTime) {
        result.values.push({ line, value, lineTime });
      },
      skip(kind, line) {
        result.skips.push({ kind, line });
      },
    },
    options,
  );
  const lines = new LineBuffer(scanner, { maxLine: options.maxLine });
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (chunkSizes.length === 0) {
    lines.push(bytes);
  } else {
    let pos = 0;
    let i = 0;
    while (pos < bytes.length) {
      const size = Math.max(1, chunkSizes[i++ % chunkSizes.length] as number);
      lines.push(bytes.subarray(pos, pos + size));
      pos += size;
    }
  }
  lines.end();
  return result;
}
