import { existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Spool, type RawInput } from '../../src/ingest/spool.js';

const ROOM = 1 << 30;
const plenty = () => ROOM;

async function* chunksOf(parts: string[], failure?: Error): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
  if (failure !== undefined) throw failure;
}

async function drain(it: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of it) text += chunk.toString('utf8');
  return text;
}

async function read(raw: RawInput | null): Promise<string> {
  expect(raw).not.toBeNull();
  return drain(raw as AsyncIterable<Buffer>);
}

/** Each test copies into a TMPDIR of its own, to see what is left there. */
let dir = '';
const saved = process.env['TMPDIR'];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sgtrail-spool-test-'));
  process.env['TMPDIR'] = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('Spool: copies of inputs that can be read only once', () => {
  it('hands every chunk on, and gives the same bytes back as often as asked, from a file with no name', async () => {
    const exitListeners = process.listenerCount('exit');
    const spool = new Spool(undefined, plenty);
    expect(process.listenerCount('exit')).toBe(exitListeners + 1);
    const parts = ['{"a":1}\n', '{"b":', '2}\n', '\u00e9\n'];
    expect(await drain(spool.tee(chunksOf(parts), 'stdin'))).toBe(parts.join(''));
    // Deleted as soon as it was opened: nothing of the log is left in TMPDIR, whatever happens next.
    expect(readdirSync(dir)).toEqual([]);
    expect(spool.complete).toBe(true);
    for (let pass = 0; pass < 2; pass++) {
      spool.rewind();
      expect(await read(spool.nextCopy())).toBe(parts.join(''));
      expect(spool.nextCopy()).toBeNull();
    }
    spool.remove();
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('counts copies in the order they were made: stdin named twice is two inputs', async () => {
    const spool = new Spool(undefined, plenty);
    try {
      await drain(spool.tee(chunksOf(['one\n']), 'stdin'));
      await drain(spool.tee(chunksOf([]), 'stdin'));
      spool.rewind();
      expect(await read(spool.nextCopy())).toBe('one\n');
      expect(await read(spool.nextCopy())).toBe('');
    } finally {
      spool.remove();
    }
  });

  it('a read that failed fails again, after the same bytes', async () => {
    const spool = new Spool(undefined, plenty);
    const failure = Object.assign(new Error('read EIO'), { code: 'EIO' });
    try {
      const got: string[] = [];
      await expect(async () => {
        for await (const c of spool.tee(chunksOf(['a\n', 'b'], failure), 'stdin')) got.push(c.toString());
      }).rejects.toBe(failure);
      expect(got.join('')).toBe('a\nb');
      expect(spool.complete).toBe(true);
      spool.rewind();
      const again: string[] = [];
      await expect(async () => {
        for await (const c of spool.nextCopy() as AsyncIterable<Buffer>) again.push(c.toString());
      }).rejects.toBe(failure);
      expect(again.join('')).toBe('a\nb');
    } finally {
      spool.remove();
    }
  });

  it.skipIf(!existsSync('/dev/full'))('gives a copy up when it cannot be written, and still hands every chunk on', async () => {
    const spool = new Spool(() => openSync('/dev/full', 'w'), plenty);
    try {
      expect(await drain(spool.tee(chunksOf(['x'.repeat(70_000), 'y\n']), 'stdin'))).toBe(`${'x'.repeat(70_000)}y\n`);
      expect(spool.complete).toBe(false);
      expect(spool.lost).toEqual({ name: 'stdin', why: 'ENOSPC' });
      spool.rewind();
      expect(spool.nextCopy()).toBeNull();
    } finally {
      spool.remove();
    }
  });

  it('gives a copy up before it takes more than the room there is', async () => {
    // A file system with 70 MiB to spare, less what the copy has taken.
    const MiB = 1 << 20;
    let taken = 0;
    const spool = new Spool(undefined, () => 70 * MiB - taken);
    try {
      const block = 'z'.repeat(25 * MiB);
      async function* counted(): AsyncGenerator<Buffer> {
        for (let i = 0; i < 5; i++) {
          yield Buffer.from(block);
          taken += block.length;
        }
      }
      expect((await drain(spool.tee(counted(), 'a-pipe'))).length).toBe(5 * block.length);
      expect(spool.complete).toBe(false);
      expect(spool.lost?.name).toBe('a-pipe');
      expect(spool.lost?.why).toMatch(/^no room left in /);
    } finally {
      spool.remove();
    }
  });

  it('gives a copy up when its file cannot be opened', async () => {
    const spool = new Spool(() => {
      throw Object.assign(new Error('no room'), { code: 'ENOSPC' });
    }, plenty);
    try {
      expect(await drain(spool.tee(chunksOf(['a\n']), 'stdin'))).toBe('a\n');
      expect(spool.complete).toBe(false);
      spool.rewind();
      expect(spool.nextCopy()).toBeNull();
    } finally {
      spool.remove();
    }
  });

  it('is not made where there is no room, or TMPDIR cannot be written to', () => {
    const exitListeners = process.listenerCount('exit');
    expect(() => new Spool(undefined, () => 1 << 20)).toThrow(/no room/);
    process.env['TMPDIR'] = join(dir, 'no-such-dir');
    expect(() => new Spool(undefined, plenty)).toThrow();
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });
});
