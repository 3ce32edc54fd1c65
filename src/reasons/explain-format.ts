import { classifyReason } from './classify.js';
import { findForwardTarget } from './forward-target.js';
import { ENGLISH_HINT_WORDS, pickHint, type HintWords } from './hints.js';
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

/**
 * Classify a pasted reason. With no message to compare against, any recipient-position address is
 * reported. `words`: the hint's language (JSON output is always English).
 */
export function explainRecord(text: string, recipient: string | null = null, words: HintWords = ENGLISH_HINT_WORDS): ExplainRecord {
  const info = classifyReason({ text });
  const forwardTo = findForwardTarget(text, recipient);
  // A reply about another address says nothing bad about the recipient's own.
  const aboutOther = forwardTo !== null && recipient !== null;
  return {
    text,
    reason_class: info.reason_class,
    permanent: info.permanent,
    hard: info.hard && !aboutOther,
    status: info.status,
    reply_code: info.reply_code,
    forward_to: forwardTo,
    hint: aboutOther ? words.forward(info.hard) : pickHint(words.tables, info.reason_class, info.permanent, text),
  };
}
