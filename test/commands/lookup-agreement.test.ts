import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, sgtrail } from '../helpers/cli.js';

/**
 * A timeline lookup reads less of the input than `messages` (a raw-byte prefilter); it must still
 * reach the same verdict for the same message. Cases found in review.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sgtrail-lookup-'));
const A = 'AAAAAAAAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBBBBBBBB';
const ev = (o: Record<string, unknown>) => JSON.stringify({ email: 'a@x.com', ...o });
const withId = (id: string, o: Record<string, unknown>) => ev({ sg_message_id: `${id}.filter1.0`, 'smtp-id': `<${id}@x>`, ...o });

function file(name: string, lines: string[]): string {
  const path = join(tmp, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function verdictOf(args: string[], path: string, messageId: string): unknown {
  const all = ndjson(sgtrail([...args, '--json', path]).stdout);
  return all.find((m) => m['message_id'] === messageId)?.['verdict'];
}

describe('timeline agrees with messages', () => {
  const rivals = file('rivals.ndjson', [
    withId(A, { event: 'processed', timestamp: 1000 }),
    withId(A, { event: 'delivered', timestamp: 1010 }),
    withId(B, { event: 'processed', timestamp: 2000 }),
    withId(B, { event: 'delivered', timestamp: 2010 }),
    ev({ event: 'bounce', timestamp: 2300, type: 'blocked', reason: '550 5.1.1 user unknown', sg_message_id: '' }),
  ]);
  const pino = file('pino.log', [
    JSON.stringify({ level: 30, time: 1, body: JSON.stringify([JSON.parse(withId(A, { event: 'processed', timestamp: 1000 }))]) }),
    JSON.stringify({ level: 30, time: 2, body: JSON.stringify([JSON.parse(withId(A, { event: 'delivered', timestamp: 1010 }))]) }),
    JSON.stringify({ level: 30, time: 3, body: JSON.stringify([JSON.parse(ev({ event: 'bounce', timestamp: 1300, type: 'blocked', reason: '550 5.1.1 user unknown' }))]) }),
  ]);
  const newest = file('newest.ndjson', [
    withId(A, { event: 'deferred', timestamp: '2026-11-18T00:00:00Z', attempt: '1' }),
    ev({ email: 'other@y.com', event: 'processed', timestamp: '2026-11-22T00:00:00Z', sg_message_id: `${B}.filter1.0` }),
    ...Array.from({ length: 3 }, (_, i) => ev({ email: `z${i}@y.com`, event: 'processed', timestamp: '2026-11-18T01:00:00Z' })),
  ]);

  it.each<[string, string, string, string]>([
    ['--message, an ID-less bounce that belongs to a later message', rivals, A, 'delivered'],
    ['--message, the later message gets it', rivals, B, 'bounce-after-delivery'],
    ['--message, a bounce inside a logger string body', pino, A, 'bounce-after-delivery'],
    ['--email, the newest event of the input is on another line (ISO times)', newest, A, 'expired'],
  ])('%s', (_name, path, id, verdict) => {
    expect(verdictOf(['messages'], path, id)).toBe(verdict);
    expect(verdictOf(['timeline', '--message', id], path, id)).toBe(verdict);
    expect(verdictOf(['timeline', '--email', 'a@x.com'], path, id)).toBe(verdict);
  });

  it('shows an event without a time where the input put it, as the verdict reads it', () => {
    const path = file('untimed.ndjson', [
      withId(A, { event: 'processed', timestamp: 1000 }),
      withId(A, { event: 'delivered', timestamp: 1010 }),
      ev({ event: 'bounce', type: 'bounce', reason: '550 5.1.1 user unknown' }),
    ]);
    const [t] = ndjson(sgtrail(['timeline', '--json', '--email', 'a@x.com', path]).stdout);
    expect((t?.['timeline'] as { event: string }[]).map((e) => e.event)).toEqual(['processed', 'delivered', 'bounce']);
    expect(t?.['verdict']).toBe('bounce-after-delivery');
  });
});
