import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// src/reasons is core code: no I/O, no process, nothing but its own modules (SPEC, docs/style).
const dir = join(import.meta.dirname, '..', '..', 'src', 'reasons');

describe('src/reasons is pure', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports only sibling modules and uses no process', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(imports.filter((i) => !/^\.\/[\w-]+\.js$/.test(i ?? ''))).toEqual([]);
    expect(source).not.toMatch(/\bprocess\.|\brequire\(/);
  });
});
