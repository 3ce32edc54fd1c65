// Builds the CLI into one file, dist/sgtrail.cjs (run by `npm run build`, and by `prepare` on
// install). One file because start-up counts: a lookup waits for Node to resolve and compile
// every module it loads, and commander, chalk and cli-table3 alone are dozens of files.
//
// CommonJS, not an ES module, for the same reason: Node 20 starts its ES module loader for the
// first ES module it runs, and that alone costs about 25 ms (an empty .mjs file: 88 ms against
// 63 ms for an empty .cjs file and 64 ms for `node -e 0`, medians of 21 runs). bin/sgtrail.js is
// CommonJS too (bin/package.json says so), so a run never starts that loader.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

// A file path, not the URL's pathname: that keeps `%20` for a space in the checkout's path.
const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const pkg = JSON.parse(readFileSync(path('../package.json'), 'utf8'));
const common = { bundle: true, target: 'node20', logLevel: 'warning' };
rmSync(path('../dist'), { recursive: true, force: true });
await build({
  ...common,
  format: 'cjs',
  entryPoints: [path('../src/cli/main.ts')],
  outfile: path('../dist/sgtrail.cjs'),
  platform: 'node',
  // The version is written in once, at build time (src/cli/version.ts); the import.meta.url
  // there is read only when the sources run as they are (tests), never in the bundle.
  define: { SGTRAIL_VERSION: JSON.stringify(pkg.version) },
  logOverride: { 'empty-import-meta': 'silent' },
  // import() of a built-in (zlib, on first gzip) as require(): bin/sgtrail.js runs the bundle as a
  // vm.Script, which has no loader for import().
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  // Less to parse at every start (a lookup waits for it): whitespace and syntax only, so that
  // names in a stack trace stay readable. 618 → 422 kB; empty-log lookup 94.7 → 94.2 ms.
  minifyWhitespace: true,
  minifySyntax: true,
});
// The reason classifier alone, for `npm run bench:reasons`.
await build({
  ...common,
  format: 'esm',
  entryPoints: [path('../src/reasons/index.ts')],
  outfile: path('../dist/reasons.mjs'),
  platform: 'neutral',
});

// V8's code cache of the bundle, for bin/sgtrail.js: compiling 450 kB and then the functions a run
// calls is a good part of every start. It is made by a run of a lookup on an empty log (the
// functions every run starts with, and a lookup's), in a child that loads the bundle as the bin
// does. A cache V8 cannot use (another Node, other flags) is rejected by V8, which then compiles.
// The warm-up must not be a whole-input grouping: that sets a V8 flag (src/ingest/young-generation.ts)
// and a cache made after it would be rejected at every start.
const child = `
const { readFileSync, writeFileSync, mkdtempSync, rmSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const vm = require('node:vm');
const [file, out] = process.argv.slice(1);
const dir = mkdtempSync(join(tmpdir(), 'sgtrail-cache-'));
writeFileSync(join(dir, 'empty.log'), '');
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
process.argv = [process.execPath, file, 'timeline', '--quiet', join(dir, 'empty.log'), '--email', 'x@y.example'];
process.on('exit', () => {
  writeFileSync(out, script.createCachedData());
  rmSync(dir, { recursive: true, force: true });
});
const module_ = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, join(file, '..'));
`;
const raw = path('../dist/sgtrail.cjs.v8');
const made = spawnSync(process.execPath, ['-e', child, path('../dist/sgtrail.cjs'), raw], { stdio: ['ignore', 'ignore', 'inherit'] });
if (made.error || !existsSync(raw) || typeof zlib.crc32 !== 'function') {
  console.warn('sgtrail build: no code cache was made; the CLI starts without one');
} else {
  // The line bin/sgtrail.js checks: the cache is for these bytes of the bundle, and is whole.
  const data = readFileSync(raw);
  const head = `sgtrail-cache ${zlib.crc32(readFileSync(path('../dist/sgtrail.cjs')))} ${zlib.crc32(data)}\n`;
  writeFileSync(path('../dist/sgtrail.cjs.cache'), Buffer.concat([Buffer.from(head, 'latin1'), data]));
}
rmSync(raw, { force: true });
