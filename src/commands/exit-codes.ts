import { inEnglish, type Catalog } from '../i18n/catalog.js';

/** Exit codes (README.md#exit-codes), in one place. */
export const EXIT = {
  ok: 0,
  failOn: 1,
  usage: 2,
  input: 3,
  strict: 4,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The usage errors of the catalogue. */
export type UsageWords = Catalog['usage'];

/**
 * A problem with the command line itself: printed with a hint, exit 2, in the run's language
 * (`say` picks the words from the catalogue; `message` is the English).
 */
export class UsageError extends Error {
  override name = 'UsageError';

  constructor(readonly say: (u: UsageWords) => string) {
    super(say(inEnglish().usage));
  }
}
