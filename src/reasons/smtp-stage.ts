/**
 * When in the SMTP dialogue the receiver refused, as far as the text shows it. At connection or
 * HELO time the receiver knows only the sending IP (and HELO name), so a refusal there is about
 * the IP; at MAIL FROM it is about the sender address. A later stage named anywhere in the text
 * (RCPT TO, DATA) means the sender and IP had been accepted.
 */
export type SmtpStage = 'connect' | 'mail-from';

export const CONNECT =
  /after initial connection|refused to talk to me|after (?:ehlo|helo)\b|in reply to (?:ehlo|helo) command|esmtp not accepting|(?:at|on|during) (?:connect|greeting)\b/;
export const MAIL_FROM =
  /in reply to mail from command|after mail from\b|>>> mail from|\[mail_from\]|rejected mail from address|but sender was rejected/;
export const LATER =
  /in reply to (?:rcpt to|end of data|data) command|after (?:rcpt to|end of data|data)\b|>>> (?:rcpt to|data)\b|\[rcpt_to\]|does not like recipient|did not like our (?:rcpt to|final data|data)/;

/** The stage a refusal came at, from the lower-cased text; null when the text does not say. */
export function refusalStage(lower: string): SmtpStage | null {
  if (LATER.test(lower)) return null;
  if (CONNECT.test(lower)) return 'connect';
  if (MAIL_FROM.test(lower)) return 'mail-from';
  return null;
}
