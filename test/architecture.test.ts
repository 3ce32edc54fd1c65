import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/**
 * The layout of src/ as the README's architecture section draws it: each folder is one stage and
 * imports only from folders below it in this list; there are no import cycles; the core stages
 * do no I/O. Read from the import lines themselves.
 */
const LAYERS = [
  'cli',
  'commands',
  'sql',
  'render/report',
  'render',
  'i18n',
  'report',
  'verdict',
  'messages',
  'reasons',
  'ingest',
  'events',
  'output',
  'common',
];
/** Pure stages: data in, data out; no node: modules, no process, no commander. */
const CORE = ['sql', 'render/report', 'render', 'i18n', 'report', 'verdict', 'messages', 'reasons', 'events', 'common'];

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(SRC, dirname(file)).split('\\').join('/');
  const layer = LAYERS.find((l) => rel === l);
  if (layer === undefined) throw new Error(`${rel}: a folder the layering does not know`);
  return layer;
}

const imports = new Map<string, string[]>();
for (const file of files(SRC)) {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\s*\(?'([^']+)'/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
  imports.set(file, specs);
}
const internal = (file: string): string[] =>
  (imports.get(file) ?? []).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));

describe('src/ layering', () => {
  it.each([...imports.keys()].map((f) => relative(ROOT, f)))('%s imports only its own folder and folders below it', (rel) => {
    const file = join(ROOT, rel);
    const mine = LAYERS.indexOf(layerOf(file));
    for (const target of internal(file)) {
      const theirs = LAYERS.indexOf(layerOf(target));
      expect(theirs, `${rel} imports ${relative(ROOT, target)}`).toBeGreaterThanOrEqual(mine);
    }
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of internal(file)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of imports.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it.each(CORE)('src/%s does no I/O (no node: modules, no process, no commander)', (layer) => {
    for (const file of [...imports.keys()].filter((f) => layerOf(f) === layer)) {
      const rel = relative(ROOT, file);
      for (const spec of imports.get(file) ?? []) {
        expect(spec, `${rel} imports ${spec}`).not.toMatch(/^(node:|commander|@commander-js)/);
      }
      expect(readFileSync(file, 'utf8'), rel).not.toMatch(/\bprocess\.|\brequire\(/);
    }
  });

  it('src/reasons imports nothing outside its own folder (the rules run anywhere)', () => {
    for (const file of [...imports.keys()].filter((f) => layerOf(f) === 'reasons')) {
      for (const target of internal(file)) expect(layerOf(target), relative(ROOT, file)).toBe('reasons');
    }
  });
});
