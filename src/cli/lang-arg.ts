import { UsageError } from '../commands/exit-codes.js';
import { isLang, langFromEnv, type Lang } from '../i18n/catalog.js';

/** `--lang ja|en` (any case, `ja_JP` too), else the environment's language (langFromEnv). */
export function langArg(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value === undefined) return langFromEnv(env);
  const v = value.trim().toLowerCase().replace(/[-_].*$/, '');
  if (isLang(v)) return v;
  throw new UsageError((u) => u.lang(value));
}

/**
 * The language of errors found before or while commander parses: the last valid `--lang` on the
 * command line, else the environment's.
 */
export function langInArgv(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  let lang = langFromEnv(env);
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === undefined) continue;
    try {
      lang = langArg(value, env);
    } catch {
      // An invalid value is reported in the language the rest of the line gives.
    }
  }
  return lang;
}
