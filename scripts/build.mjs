// Builds the CLI into one file, dist/sgtrail.mjs (run by `npm run build`, and by `prepare` on
// install). One file because start-up counts: a lookup waits for Node to resolve and compile
// every module it loads, and commander, chalk and cli-table3 alone are dozens of files.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const path = (relative) => new URL(relative, import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(path('../package.json'), 'utf8'));
const common = { bundle: true, format: 'esm', target: 'node20', logLevel: 'warning' };
rmSync(path('../dist'), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [path('../src/cli/main.ts')],
  outfile: path('../dist/sgtrail.mjs'),
  platform: 'node',
  // The version is written in once, at build time (src/cli/version.ts).
  define: { SGTRAIL_VERSION: JSON.stringify(pkg.version) },
  // CommonJS dependencies (cli-table3) call require(): give the bundle one.
  banner: { js: "import { createRequire as __sgtrailRequire } from 'node:module'; const require = __sgtrailRequire(import.meta.url);" },
  legalComments: 'none',
  // Less to parse at every start (a lookup waits for it): whitespace and syntax only, so that
  // names in a stack trace stay readable. 618 → 422 kB; empty-log lookup 94.7 → 94.2 ms.
  minifyWhitespace: true,
  minifySyntax: true,
});
// The reason classifier alone, for `npm run bench:reasons`.
await build({
  ...common,
  entryPoints: [path('../src/reasons/index.ts')],
  outfile: path('../dist/reasons.mjs'),
  platform: 'neutral',
});
