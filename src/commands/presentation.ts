import type { Presentation } from '../render/presentation.js';
import { Redactor, scrubber } from '../render/redact.js';
import { makeStyle } from '../render/style.js';
import { isoUtc, lazyTimeFormatter } from '../render/time.js';
import { catalog, type Lang } from '../i18n/catalog.js';
import type { OutputConfig } from './io.js';

/**
 * How stderr notes write a time: ISO 8601 in UTC in English (as they always have), and in
 * Japanese as the human output does, in the --tz zone with its abbreviation.
 */
export function noteClock(cfg: { lang: Lang; tz?: () => string }): (seconds: number) => string {
  if (!catalog(cfg.lang).zoneAbbreviation) return (seconds) => isoUtc(seconds) ?? '-';
  const time = lazyTimeFormatter(cfg.tz ?? (() => 'UTC'), 'abbreviation');
  return (seconds) => time.dateTime(seconds);
}

/** The presentation the output options ask for; one Redactor per run keeps pseudonyms stable. */
export function presentationFor(output: OutputConfig): Presentation {
  const t = catalog(output.lang);
  const plainTime = lazyTimeFormatter(output.tz);
  return {
    t,
    scrub: scrubber(output.redact ? new Redactor() : null),
    time: t.zoneAbbreviation ? lazyTimeFormatter(output.tz, 'abbreviation') : plainTime,
    plainTime,
    style: makeStyle(output.color),
  };
}
