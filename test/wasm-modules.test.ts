import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWat, generatedSource, MODULES } from '../scripts/build-wasm.mjs';
import { FLAT_OBJECT_WASM } from '../src/events/flat-object-wasm.js';
import { LOOKUP_SCAN_WASM } from '../src/ingest/lookup-scan-wasm.js';

/**
 * The WebAssembly modules' bytes are committed (the `-wasm.ts` file beside each `.wat`), so that
 * neither the CLI nor the tests need a toolchain: each must be what its .wat compiles to
 * (`npm run build:wasm`).
 */
const LOADED: [string, string][] = [
  ['src/ingest/lookup-scan.wat', LOOKUP_SCAN_WASM],
  ['src/events/flat-object.wat', FLAT_OBJECT_WASM],
];

describe('the committed WebAssembly modules', () => {
  it('are every module the build compiles', () => {
    expect(MODULES.map((m) => m.wat).sort()).toEqual(LOADED.map(([wat]) => wat).sort());
  });

  it.each(LOADED)('%s: its generated module is what the .wat compiles to', async (wat, loaded) => {
    const module = MODULES.find((m) => m.wat === wat);
    if (module === undefined) throw new Error(`${wat} is not among the modules built`);
    const base64 = await compileWat(module.wat);
    expect(base64).toBe(loaded);
    expect(readFileSync(new URL(`../${module.ts}`, import.meta.url), 'utf8')).toBe(generatedSource(module, base64));
  });
});
