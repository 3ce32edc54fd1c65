import { complained, unsubscribed, unsubscribedGroups } from '../messages/state.js';
import type { MessageView } from '../verdict/view.js';
import { inEnglish } from '../i18n/catalog.js';
import { evidenceSentences } from './evidence.js';
import type { Scrub } from './redact.js';
import { isoUtc } from './time.js';

function str(v: string | null, scrub: Scrub): string | null {
  return v === null ? null : scrub(v);
}

/** The `messages --json` object (README.md#json-output); null, not missing, for absent values. */
export function messageRecord(v: MessageView, scrub: Scrub): Record<string, unknown> {
  const s = v.state;
  const d = v.decision;
  const deciding = d.deciding;
  // A message whose events carried no time at all has only stand-in times: show none.
  const at = (t: number | null) => (s.timed ? isoUtc(t) : null);
  return {
    email: scrub(s.email),
    message_id: s.messageId,
    sg_message_id: s.sgMessageId,
    verdict: d.verdict,
    error_list: d.errorList,
    events: s.events,
    duplicates: s.duplicates,
    first_event_at: at(s.firstAt),
    last_event_at: at(s.lastAt),
    delivered_at: at(d.deliveredAt),
    failed_at: at(d.failedAt),
    deferrals: s.deferrals,
    bounce_type: deciding?.event === 'bounce' ? deciding.type : null,
    status: deciding === null ? null : (deciding.status ?? d.reasonInfo?.status ?? null),
    reason: deciding === null ? null : str(deciding.reason, scrub),
    reason_class: d.reasonInfo?.reason_class ?? null,
    bounce_classification: deciding?.classification ?? null,
    permanent: d.reasonInfo?.permanent ?? null,
    hard: d.hard,
    forward_to: str(d.forwardTo, scrub),
    bad_address: str(d.badAddress, scrub),
    complained: complained(s),
    unsubscribed: unsubscribed(s),
    unsubscribed_groups: unsubscribedGroups(s),
    contradictory: d.contradictory,
    category: s.categories === null ? [] : s.categories.map(scrub),
    asm_group_id: s.asmGroupId,
    campaign: str(s.campaign, scrub),
    template_id: s.templateId,
    ip: s.sendingIp,
    // Machine output: always English, whatever --lang says.
    evidence: evidenceSentences(d.evidence, s.email, scrub, inEnglish()),
  };
}
