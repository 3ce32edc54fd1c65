import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/golden.js';

/** src/report and the report renderers are pure: no node: modules, no process, no commander. */
const files = [
  ...readdirSync(join(ROOT, 'src/report')).map((f) => `src/report/${f}`),
  ...readdirSync(join(ROOT, 'src/render')).filter((f) => f.startsWith('report-')).map((f) => `src/render/${f}`),
].filter((f) => f.endsWith('.ts'));

describe('report core purity', () => {
  it.each(files)('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const imports = [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^(node:|commander|@commander-js)/);
      expect(spec, `${file} imports ${spec}`).not.toMatch(/\/(cli|input|output)\//);
      if (spec.includes('/app/')) expect(text, `${file}: only types from app/`).toMatch(new RegExp(`import type [^;]*'${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`));
    }
    expect(text).not.toMatch(/\bprocess\./);
  });
});
