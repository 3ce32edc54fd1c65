// Builds the CLI into one file, dist/sgtrail.mjs (run by `npm run build`, and by `prepare` on
// install). One file because start-up counts: a lookup waits for Node to resolve and compile
// every module it loads, and commander, chalk and cli-table3 alone are dozens of files.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: [new URL('../src/cli/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/sgtrail.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The version is written in once, at build time (src/cli/version.ts).
  define: { SGTRAIL_VERSION: JSON.stringify(pkg.version) },
  // CommonJS dependencies (cli-table3) call require(): give the bundle one.
  banner: { js: "import { createRequire as __sgtrailRequire } from 'node:module'; const require = __sgtrailRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
// The reason classifier alone, for `npm run bench:reasons`.
await build({
  entryPoints: [new URL('../src/reasons/index.ts', import.meta.url).pathname],
  outfile: new URL('../dist/reasons.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
