import type { Presentation } from '../render/presentation.js';
import { Redactor, scrubber } from '../render/redact.js';
import { makeStyle } from '../render/style.js';
import { lazyTimeFormatter } from '../render/time.js';
import { catalog } from '../i18n/catalog.js';
import type { OutputConfig } from './io.js';

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
