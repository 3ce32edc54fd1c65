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
