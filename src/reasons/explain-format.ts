import { classifyReason } from './classify.js';
import { findForwardTarget } from './forward-target.js';
import type { ReasonClass } from './types.js';

/** One `explain --json` line (README.md#json-output). */
export interface ExplainRecord {
  text: string;
  reason_class: ReasonClass;
  permanent: boolean | null;
  hard: boolean;
  status: string | null;
  reply_code: string | null;
  forward_to: string | null;
  hint: string;
}

/** Classify a pasted reason. With no message to compare against, any recipient-position address is reported. */
export function explainRecord(text: string, recipient: string | null = null): ExplainRecord {
  const info = classifyReason({ text });
  return {
    text,
    reason_class: info.reason_class,
    permanent: info.permanent,
    hard: info.hard,
    status: info.status,
    reply_code: info.reply_code,
    forward_to: findForwardTarget(text, recipient),
    hint: info.hint,
  };
}
