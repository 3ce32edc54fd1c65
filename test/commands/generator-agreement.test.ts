import { describe, expect, it } from 'vitest';
import { generateSync } from '../../scripts/generate.mjs';
import { ndjson, sgtrail } from '../helpers/cli.js';

/**
 * The generator knows what it made: for fresh seeds and every framing, sgtrail's verdict for each
 * message must be the one the generator intended.
 */
describe('verdicts agree with the generator', () => {
  it.each<[string, 'ndjson' | 'array' | 'pretty' | 'mixed', number]>([
    ['mixed', 'mixed', 7],
    ['pretty', 'pretty', 11],
    ['array', 'array', 13],
  ])('%s framing, seed %i', (_name, framing, seed) => {
    const { text, messages } = generateSync({ messages: 600, seed, framing, minEach: 8 });
    const r = sgtrail(['messages', '--json', '--quiet'], { input: text });
    expect(r.status).toBe(0);
    const got = new Map(ndjson(r.stdout).map((m) => [`${String(m['email']).toLowerCase()}|${m['message_id'] ?? ''}`, m]));
    const wrong = messages
      .map((m) => ({ m, g: got.get(`${m.email}|${m.message_id}`) }))
      .filter(({ m, g }) => g === undefined || g['verdict'] !== m.verdict || (g['forward_to'] ?? '') !== m.forward_to)
      .map(({ m, g }) => `${m.email} ${m.verdict}/${m.variant ?? ''} → ${String(g?.['verdict'])}`);
    expect(wrong).toEqual([]);
    expect(got.size).toBe(messages.length);
  });
});
