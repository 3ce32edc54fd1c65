/** The verdicts of docs/rules.md#verdicts, in rule order: the first rule that holds decides. */
export const VERDICTS = [
  'forwarded-bounce',
  'engaged-after-bounce',
  'bounce-after-delivery',
  'delivered-after-deferral',
  'delivered',
  'dropped',
  'expired',
  'blocked',
  'bounced',
  'deferred',
  'processed',
  'unknown',
] as const;

export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_DESCRIPTIONS: Record<Verdict, string> = {
  'forwarded-bounce': 'delivered; a later bounce names a forwarding target, not the recipient',
  'engaged-after-bounce': 'delivered, bounced later, then opened or clicked by a person',
  'bounce-after-delivery': 'delivered, then a delayed (asynchronous) bounce',
  'delivered-after-deferral': 'deferred, then delivered',
  delivered: 'delivered',
  dropped: 'dropped by SendGrid, never sent',
  expired: 'deferred until SendGrid gave up',
  blocked: 'blocked by the receiving server, never delivered',
  bounced: 'bounced, never delivered',
  deferred: 'deferred, still being retried',
  processed: 'accepted by SendGrid, no delivery event yet',
  unknown: 'no send events (engagement only)',
};

/** The groups of the report headline and of `--fail-on`. */
export type VerdictGroup = 'failed' | 'after-delivery' | 'recovered' | 'pending' | 'delivered' | 'other';

export const VERDICT_GROUP: Record<Verdict, VerdictGroup> = {
  'forwarded-bounce': 'after-delivery',
  'engaged-after-bounce': 'after-delivery',
  'bounce-after-delivery': 'after-delivery',
  'delivered-after-deferral': 'recovered',
  delivered: 'delivered',
  dropped: 'failed',
  expired: 'failed',
  blocked: 'failed',
  bounced: 'failed',
  deferred: 'pending',
  processed: 'other',
  unknown: 'other',
};

export function isVerdict(s: string): s is Verdict {
  return (VERDICTS as readonly string[]).includes(s);
}
