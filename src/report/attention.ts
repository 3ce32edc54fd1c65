import type { MessageView } from '../verdict/view.js';
import { VERDICT_GROUP, type Verdict } from '../verdict/verdicts.js';
import type { AttentionEntry } from './types.js';

/**
 * Which delivered-then-bounced message to look at first: a plain bounce after delivery leaves
 * open whether the recipient has the mail; a forwarded bounce means the recipient has it but a
 * forward failed; an engaged one was read. Within a verdict, the most recent bounce first.
 */
const PRIORITY: Partial<Record<Verdict, number>> = {
  'bounce-after-delivery': 0,
  'forwarded-bounce': 1,
  'engaged-after-bounce': 2,
};

function entry(v: MessageView): AttentionEntry {
  const s = v.state;
  const d = v.decision;
  const deciding = d.deciding;
  return {
    email: s.email,
    messageId: s.messageId,
    sgMessageId: s.sgMessageId,
    verdict: d.verdict,
    deliveredAt: d.deliveredAt,
    failedAt: d.failedAt,
    gap: d.deliveredAt !== null && d.failedAt !== null ? d.failedAt - d.deliveredAt : null,
    bounceType: deciding?.event === 'bounce' ? deciding.type : null,
    status: deciding === null ? null : (deciding.status ?? d.reasonInfo?.status ?? null),
    reasonClass: d.reasonInfo?.reason_class ?? null,
    reason: deciding?.reason ?? null,
    forwardTo: d.forwardTo,
  };
}

/** The after-delivery messages, in looking order, at most `top` of them (all of them are kept to rank them). */
export class AttentionTally {
  private readonly chosen: MessageView[] = [];

  add(m: MessageView): void {
    if (VERDICT_GROUP[m.decision.verdict] === 'after-delivery') this.chosen.push(m);
  }

  result(top: number): { total: number; entries: AttentionEntry[] } {
    return lookingOrder(this.chosen, top);
  }
}

function lookingOrder(chosen: MessageView[], top: number): { total: number; entries: AttentionEntry[] } {
  chosen.sort(
    (a, b) =>
      (PRIORITY[a.decision.verdict] ?? 9) - (PRIORITY[b.decision.verdict] ?? 9) ||
      (b.decision.failedAt ?? 0) - (a.decision.failedAt ?? 0) ||
      (a.state.emailKey < b.state.emailKey ? -1 : a.state.emailKey > b.state.emailKey ? 1 : 0),
  );
  return { total: chosen.length, entries: chosen.slice(0, top).map(entry) };
}

/**
 * The really failed messages (never delivered: bounced, blocked, expired, dropped), newest
 * failure first; only the newest `top` are held while the input streams by.
 */
export class FailedTally {
  private readonly newest: MessageView[] = [];
  private total = 0;

  constructor(private readonly top: number) {}

  add(m: MessageView): void {
    if (VERDICT_GROUP[m.decision.verdict] !== 'failed') return;
    this.total++;
    const list = this.newest;
    const at = m.decision.failedAt ?? Number.NEGATIVE_INFINITY;
    if (list.length === this.top && at <= ((list[list.length - 1] as MessageView).decision.failedAt ?? Number.NEGATIVE_INFINITY)) return;
    let i = list.length;
    while (i > 0 && ((list[i - 1] as MessageView).decision.failedAt ?? Number.NEGATIVE_INFINITY) < at) i--;
    list.splice(i, 0, m);
    if (list.length > this.top) list.pop();
  }

  result(): { total: number; entries: AttentionEntry[] } {
    return { total: this.total, entries: this.newest.map(entry) };
  }
}
