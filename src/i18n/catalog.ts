import { english } from './en.js';
import { japanese } from './ja.js';
import type { Catalog } from './shape.js';
import type { InputProblem } from '../ingest/sources.js';

export type { Catalog } from './shape.js';

export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

let en: Catalog | null = null;
let ja: Catalog | null = null;

/** The catalogue of a language, built the first time it is asked for. */
export function catalog(lang: Lang): Catalog {
  return lang === 'en' ? (en ??= english()) : (ja ??= japanese());
}

/** The English catalogue: machine output (JSON `evidence`, `hint`) always speaks it. */
export function inEnglish(): Catalog {
  return catalog('en');
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/**
 * The language when `--lang` is not given: SGTRAIL_LANG (`ja…` or `en…`), else the first of
 * LC_ALL, LC_MESSAGES and LANG that is set (as POSIX orders them): `ja…` (ja_JP.UTF-8, ja) is
 * Japanese, anything else English.
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  // An SGTRAIL_LANG that names neither language is passed over, as an unset one.
  const own = env['SGTRAIL_LANG']?.trim().toLowerCase();
  if (own?.startsWith('ja')) return 'ja';
  if (own?.startsWith('en')) return 'en';
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v !== undefined && v !== '') return v.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  }
  return 'en';
}

/** Why an input could not be read, in the catalogue's words (the system's own text for the rest). */
export function problemWords(t: Catalog, p: InputProblem): string {
  switch (p.kind) {
    case 'corrupt-gzip':
      return t.notes.problems.corruptGzip(p);
    case 'other':
      return p.detail;
    default:
      return t.notes.problems[p.kind];
  }
}
