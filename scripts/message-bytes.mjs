#!/usr/bin/env node
// What grouping holds per recipient message once a whole input is read: the heap and typed
// arrays in use after a full collection, less what was in use before, divided by the messages.
// `npm run bench` prints it; alone: node scripts/message-bytes.mjs FILE
//
// It groups FILE the way `report` does (src/commands/pipeline.ts), from the sources, bundled here
// with esbuild (a devDependency) into bench-data/, and run in a child with --expose-gc. FILE is
// given on standard input (as an open file, not by name): for a named file, `report` makes room
// for the messages up front from its size (MessageStore.reserve), address space that counts in
// `arrayBuffers` whether messages reached it or not, though only what they reached is memory; read
// from standard input the columns grow as they fill, and what they hold is what is counted (up to
// twice what is used, as they grow by doubling) — about what `report FILE` holds in memory.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ENTRY = `
import { groupMessages } from './src/commands/pipeline.ts';
import { emptyFilter } from './src/verdict/select.ts';
const used = () => { globalThis.gc(); globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const before = used();
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: {}, now: () => Date.now() };
const grouped = await groupMessages({ files: [], strict: false, quiet: true, lang: 'en', filter: emptyFilter() }, io);
const held = used() - before;
process.stdout.write(JSON.stringify({ messages: grouped.states.length, heldBytes: held, perMessage: held / Math.max(1, grouped.states.length) }));
`;

/** { messages, heldBytes, perMessage } for one input file. */
export async function messageBytes(file) {
  const dir = join(root, 'bench-data');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'message-bytes.mjs');
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
    define: { SGTRAIL_VERSION: '"bench"' },
  });
  return JSON.parse(execFileSync(process.execPath, ['--expose-gc', out], { encoding: 'utf8', stdio: [openSync(file, 'r'), 'pipe', 'inherit'] }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/message-bytes.mjs FILE');
    process.exit(2);
  }
  const r = await messageBytes(file);
  console.log(`${r.messages} messages, ${(r.heldBytes / 1e6).toFixed(1)} MB held after grouping, ${Math.round(r.perMessage)} bytes a message`);
}
