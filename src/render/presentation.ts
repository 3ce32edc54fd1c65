import type { Scrub } from './redact.js';
import type { Style } from './style.js';
import type { TimeFormatter } from './time.js';

/** How human output is made, decided once by the command: redaction, the --tz clock and colour. */
export interface Presentation {
  scrub: Scrub;
  time: TimeFormatter;
  style: Style;
}
