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

/** A problem with the command line itself: printed with a hint, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
