import { existsSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/ingest/spool.js';

async function* chunksOf(parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

async function drain(it: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of it) text += chunk.toString('utf8');
  return text;
}

describe('Spool: a copy of an input that can be read only once', () => {
  it('hands every chunk on and keeps the same bytes in a file of its own, deleted by remove()', async () => {
    const exitListeners = process.listenerCount('exit');
    const spool = new Spool();
    expect(process.listenerCount('exit')).toBe(exitListeners + 1);
    const parts = ['{"a":1}\n', '{"b":', '2}\n', '\u00e9\n'];
    expect(await drain(spool.tee('-', chunksOf(parts)))).toBe(parts.join(''));
    const copy = spool.copyOf('-') as string;
    expect(copy).not.toBeNull();
    expect(readFileSync(copy, 'utf8')).toBe(parts.join(''));
    expect(spool.complete).toBe(true);
    expect(spool.copyOf('other.log')).toBeNull();
    const dir = dirname(copy);
    expect(readdirSync(dir)).toHaveLength(1);
    spool.remove();
    expect(existsSync(dir)).toBe(false);
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('keeps two inputs apart', async () => {
    const spool = new Spool();
    try {
      await drain(spool.tee('-', chunksOf(['one\n'])));
      await drain(spool.tee('/dev/fd/63', chunksOf(['two\n'])));
      expect(readFileSync(spool.copyOf('-') as string, 'utf8')).toBe('one\n');
      expect(readFileSync(spool.copyOf('/dev/fd/63') as string, 'utf8')).toBe('two\n');
    } finally {
      spool.remove();
    }
  });

  it.skipIf(!existsSync('/dev/full'))('gives a copy up when it cannot be written, and still hands every chunk on', async () => {
    const spool = new Spool(() => openSync('/dev/full', 'w'));
    try {
      expect(await drain(spool.tee('-', chunksOf(['x'.repeat(70_000), 'y\n'])))).toBe(`${'x'.repeat(70_000)}y\n`);
      expect(spool.complete).toBe(false);
      expect(spool.copyOf('-')).toBeNull();
    } finally {
      spool.remove();
    }
  });

  it('gives a copy up before it would take the last free space, and deletes what it wrote', async () => {
    // A file system with 100 bytes to spare, less what the copy has taken.
    let free = 100;
    const taken = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    const spool = new Spool(undefined, (dir) => free - taken(dir));
    try {
      expect(spool.hasRoom()).toBe(true);
      const read = spool.tee('-', chunksOf(['a'.repeat(60), 'b'.repeat(30), 'c'.repeat(20), 'd\n']));
      const first = await read.next();
      expect(first.value?.length).toBe(60);
      const copy = spool.copyOf('-') as string;
      expect(readFileSync(copy, 'utf8')).toBe('a'.repeat(60));
      expect(await drain(read)).toBe(`${'b'.repeat(30)}${'c'.repeat(20)}d\n`);
      expect(spool.complete).toBe(false);
      expect(spool.copyOf('-')).toBeNull();
      expect(existsSync(copy)).toBe(false);
      free = 0;
      expect(spool.hasRoom()).toBe(false);
    } finally {
      spool.remove();
    }
  });

  it('gives a copy up when its file cannot be opened', async () => {
    const spool = new Spool(() => {
      throw Object.assign(new Error('no room'), { code: 'ENOSPC' });
    });
    try {
      expect(await drain(spool.tee('-', chunksOf(['a\n'])))).toBe('a\n');
      expect(spool.complete).toBe(false);
      expect(spool.copyOf('-')).toBeNull();
    } finally {
      spool.remove();
    }
  });
});
