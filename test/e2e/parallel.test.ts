import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSync } from '../../scripts/generate.mjs';
import { sgtrail } from '../helpers/cli.js';

/**
 * The parallel reader must give exactly what the sequential one gives — output and the stderr
 * summary — wherever batch boundaries fall, including inside values that span lines.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sgtrail-parallel-'));
const pretty = join(tmp, 'pretty.log');
writeFileSync(pretty, generateSync({ messages: 150, seed: 5, framing: 'pretty' }).text);
const broken = join(tmp, 'broken.log');
writeFileSync(
  broken,
  [
    '2026-11-18T09:00:00Z INFO body=',
    '[',
    '  {"email": "a@x.com", "event": "delivered", "timestamp": 1794992400, "sg_message_id": "AAAAAAAAAAAAAAAAAAAAAA.filter1.0"},',
    '  {"email": "b@x.com", "event": "deliv',
    '2026-11-18T09:00:01Z INFO body=[{"email":"c@x.com","event":"open","timestamp":1794992401}]',
    '{"email":"d@x.com","event":"processed","timestamp":1794992402} {"email":"e@x.com","event":"processed","timestamp":1794992403}',
    '[',
    '{"email":"f@x.com","event":"processed","timestamp":1794992404}',
    '{"email":"g@x.com","event":"processed","timestamp":1794992405}',
    'junk line',
    '{"hello": "world"}',
    '{"email":"h@x.com","event":"bounce","timestamp":1794992406,"reason":"550 5.1.1 user unknown","type":"bounce"}',
  ].join('\n'),
);

const INPUTS = ['samples/day.log', 'samples/day.log.gz', 'samples/story.log', 'test/fixtures/report/mixed.log', pretty, broken];

describe('parallel reader = sequential reader', () => {
  it.each(INPUTS)('%s', (input) => {
    for (const args of [['messages', '--json'], ['report', '--format', 'json']]) {
      const seq = sgtrail([...args, input], { env: { SGTRAIL_WORKERS: '0' } });
      expect(seq.status).toBe(0);
      // '' is the default batch size (2 MiB): batches then span several of the reader's chunks.
      for (const batch of ['64', '700', '5000', '']) {
        const par = sgtrail([...args, input], { env: { SGTRAIL_WORKERS: '2', SGTRAIL_BATCH_BYTES: batch } });
        expect({ status: par.status, stdout: par.stdout, stderr: par.stderr }, `${args[0]} batch ${batch}`).toEqual({
          status: seq.status,
          stdout: seq.stdout,
          stderr: seq.stderr,
        });
      }
    }
  });
});
