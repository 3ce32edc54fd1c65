import type { Catalog } from '../i18n/catalog.js';
import type { Scrub } from './redact.js';
import type { Style } from './style.js';
import type { TimeFormatter } from './time.js';

/** How human output is made, decided once by the command: redaction, the --tz clock, colour and language. */
export interface Presentation {
  /** The words of the run's language (--lang). */
  t: Catalog;
  scrub: Scrub;
  time: TimeFormatter;
  /** The same zone with offsets (`+09:00`): the times of machine output (TSV), whatever the language. */
  plainTime: TimeFormatter;
  style: Style;
}
