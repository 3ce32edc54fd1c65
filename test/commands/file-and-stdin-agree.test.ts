import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSync } from '../../scripts/generate.mjs';
import { ROOT, sgtrail } from '../helpers/cli.js';

/**
 * Regular files are read into one reused 128 KiB buffer, stdin through a stream: the same bytes
 * must give the same output whichever way they come, with lines and multi-line values cut by
 * every read boundary (only the input's name in `source` differs).
 */
const tmp = mkdtempSync(join(tmpdir(), 'sgtrail-files-'));
const mixed = join(tmp, 'mixed.log');
writeFileSync(mixed, generateSync({ messages: 1500, seed: 21, framing: 'mixed' }).text);
const pretty = join(tmp, 'pretty.log');
writeFileSync(pretty, generateSync({ messages: 900, seed: 22, framing: 'pretty' }).text);

describe('a file read in reused chunks = the same bytes on stdin', () => {
  it.each([mixed, pretty, join(ROOT, 'samples/day.log')])('%s', (file) => {
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(2 * 128 * 1024);
    const address = /"email"\s*:\s*"([^"]+)"/.exec(bytes.toString('utf8', 200_000, 260_000))?.[1] as string;
    for (const args of [['events'], ['messages', '--json'], ['report', '--format', 'json'], ['timeline', '--email', address]]) {
      const fromFile = sgtrail([...args, file]);
      const fromStdin = sgtrail(args, { input: bytes });
      expect(fromFile.status, args.join(' ')).toBe(0);
      expect(fromFile.stdout.length).toBeGreaterThan(100);
      expect(fromFile.stdout.replaceAll(file, 'stdin'), args.join(' ')).toBe(fromStdin.stdout);
      // A lookup reads only the lines naming the address from stdin too (a copy is kept for a
      // second read): what it counts on stderr is the same.
      expect(fromFile.stderr.replaceAll(file, 'stdin'), args.join(' ')).toBe(fromStdin.stderr);
    }
  });
});
