import type { SkipKind } from '../../events/types.js';
import type { VerdictGroup } from '../../verdict/verdicts.js';

/** How the headline names each verdict group: a short label and what it means. */
export const GROUP_WORDS = {
  failed: { label: 'really failed', meaning: 'never delivered: bounced, blocked, expired or dropped' },
  'after-delivery': { label: 'delivered first', meaning: 'delivered, then a bounce (forwarded, delayed, or read anyway)' },
  recovered: { label: 'recovered', meaning: 'deferred, then delivered' },
  pending: { label: 'still pending', meaning: 'deferred, no outcome yet (SendGrid retries for 72h)' },
  delivered: { label: 'delivered', meaning: 'delivered; the error-list event did not come after the delivery' },
  other: { label: 'no outcome', meaning: 'processed or engagement only' },
} as const satisfies Record<VerdictGroup, { label: string; meaning: string }>;

/** Short names of skipped input for report tables (the stderr summary has its own sentences). */
export const SKIP_WORDS = {
  text: 'lines with no JSON (server log text)',
  'broken-json': 'broken JSON fragments',
  'no-event': 'JSON holding no SendGrid event',
  'oversize-line': 'lines over 64 MiB',
} as const satisfies Record<SkipKind, string>;
