import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * What an installed copy's README and man page point to is in the package: a user who installed
 * sgtrail with npm reads README.md in node_modules (or `man sgtrail`), and a link there to
 * docs/rules.md or docs/report-schema.md must open.
 */

/**
 * The relative paths a Markdown text links to or shows as an image (anchors dropped): inline links
 * (with or without a title), reference definitions, and HTML `src` and `href` attributes.
 */
function localLinks(markdown: string): string[] {
  const found = new Set<string>();
  const targets = [
    ...markdown.matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g),
    ...markdown.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm),
    ...markdown.matchAll(/\b(?:src|href)="([^"]+)"/g),
  ];
  for (const m of targets) {
    const target = (m[1] as string).split('#')[0] as string;
    if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    found.add(target.replace(/^\.\//, ''));
  }
  return [...found].sort();
}

/** The files `npm pack` would put in the tarball. */
function packedFiles(): Set<string> {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  expect(pack.status, pack.stderr).toBe(0);
  const [entry] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
  return new Set((entry?.files ?? []).map((f) => f.path));
}

describe('the package holds what its documents point to', () => {
  const packed = packedFiles();

  it('finds the links it checks (the README links to docs/rules.md)', () => {
    expect(localLinks('see [the rules](docs/rules.md#ids), [a site](https://example.com) and [here](#top)')).toEqual(['docs/rules.md']);
    expect(localLinks('[a](./a.md "A") [b](<b.md>)\n[c]: c.md\n  [d]: <d.md> "D"\n<img src="e.png"> <a href="f.md#x">f</a>')).toEqual([
      'a.md',
      'b.md',
      'c.md',
      'd.md',
      'e.png',
      'f.md',
    ]);
    expect(localLinks(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toContain('docs/rules.md');
  });

  it('every file the README links to or shows is packed', () => {
    const missing = localLinks(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter((p) => !packed.has(p));
    expect(missing).toEqual([]);
  });

  it('every docs/ file the man page names is packed', () => {
    const named = [...readFileSync(join(ROOT, 'man', 'sgtrail.1'), 'utf8').matchAll(/\bdocs\/[\w.-]+\.md\b/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((p) => !packed.has(p))).toEqual([]);
  });
});
