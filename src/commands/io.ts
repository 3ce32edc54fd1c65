import type { Lang } from '../i18n/catalog.js';

/** The process edges a command runs against; tests and the CLI pass the real streams. */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Milliseconds since the epoch (injected so relative times are testable). */
  now(): number;
}

/** What every command that reads logs is configured with. */
export interface InputConfig {
  files: string[];
  strict: boolean;
  quiet: boolean;
  /** The language of stderr notes (--lang). */
  lang: Lang;
  /** The --tz zone, where the command has one: Japanese notes give their times in it. */
  tz?: () => string;
}

/** How human output looks, decided once by the CLI. */
export interface OutputConfig {
  json: boolean;
  /** stdout is a terminal: tables; otherwise plain tab-separated lines. */
  tty: boolean;
  color: boolean;
  /**
   * The IANA zone of human output, resolved on first use: finding the machine's zone loads ICU
   * (a tenth of a lookup's start-up), and JSON output or an empty result never needs it.
   */
  tz: () => string;
  redact: boolean;
  width: number;
  /** The language of human output (--lang, SGTRAIL_LANG, the locale); machine output ignores it. */
  lang: Lang;
}
