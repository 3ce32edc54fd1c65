/**
 * The X-Message-Id of the send request, derived per docs/rules.md#message-id. Old IDs contain dots
 * (`14c5d75ce93.dfd.64b469.filter0001...`), so the first dot is never a safe place to cut
 * unless the prefix has the 22-character base64url shape of modern IDs.
 */

export const FILTER_MARKERS = ['.filter', '.recvd-', '.stfilter'] as const;
export const BASE64URL_22 = /^[A-Za-z0-9_-]{22}\./;

/** Local part of an `smtp-id` such as `<abc@ismtpd-555>`, or null. */
export function smtpIdLocalPart(smtpId: string): string | null {
  let s = smtpId.trim();
  if (s.startsWith('<')) s = s.slice(1);
  if (s.endsWith('>')) s = s.slice(0, -1);
  const at = s.lastIndexOf('@');
  const local = at >= 0 ? s.slice(0, at) : s;
  return local.length > 0 ? local : null;
}

/** Does `sgMessageId` start with the local part of `<local@host>` followed by a dot? No copies made. */
function startsWithLocalPart(sgMessageId: string, smtpId: string): number {
  const open = smtpId.charCodeAt(0) === 60 ? 1 : 0;
  const at = smtpId.lastIndexOf('@');
  const length = at - open;
  if (at < 0 || length <= 0 || sgMessageId.charCodeAt(length) !== 46) return -1;
  for (let i = 0; i < length; i++) {
    if (sgMessageId.charCodeAt(i) !== smtpId.charCodeAt(open + i)) return -1;
  }
  return length;
}

export function deriveMessageId(sgMessageId: string | null, smtpId: string | null): string | null {
  if (sgMessageId && smtpId) {
    const n = startsWithLocalPart(sgMessageId, smtpId);
    if (n > 0) return sgMessageId.slice(0, n);
  }
  const local = smtpId ? smtpIdLocalPart(smtpId) : null;
  if (sgMessageId) {
    if (local && sgMessageId.startsWith(`${local}.`)) return local;
    for (const marker of FILTER_MARKERS) {
      const at = sgMessageId.indexOf(marker);
      if (at > 0) return sgMessageId.slice(0, at);
    }
    if (BASE64URL_22.test(sgMessageId)) return sgMessageId.slice(0, 22);
    return null;
  }
  // No sg_message_id: the smtp-id is the only ID the event carries.
  return local;
}
