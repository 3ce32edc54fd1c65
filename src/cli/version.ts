import { readFileSync } from 'node:fs';

/** Written in by the bundler (scripts/build.mjs); absent when the sources run as they are (tests). */
declare const SGTRAIL_VERSION: string | undefined;

/** The version in package.json, the one place it is written. */
export function packageVersion(): string {
  if (typeof SGTRAIL_VERSION === 'string') return SGTRAIL_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
