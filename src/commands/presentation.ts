import type { Presentation } from '../render/presentation.js';
import { Redactor, scrubber } from '../render/redact.js';
import { makeStyle } from '../render/style.js';
import { lazyTimeFormatter } from '../render/time.js';
import type { OutputConfig } from './io.js';

/** The presentation the output options ask for; one Redactor per run keeps pseudonyms stable. */
export function presentationFor(output: OutputConfig): Presentation {
  return {
    scrub: scrubber(output.redact ? new Redactor() : null),
    time: lazyTimeFormatter(output.tz),
    style: makeStyle(output.color),
  };
}
