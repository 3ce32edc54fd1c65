/**
 * Reason classes of docs/rules.md#reasons. A string-literal union so that prose never becomes the data
 * model: renderers turn a class into words through REASON_CLASS_DESCRIPTIONS.
 */
export const REASON_CLASSES = [
  'user-unknown',
  'domain-invalid',
  'mailbox-disabled',
  'mailbox-full',
  'message-too-large',
  'content-rejected',
  'spam-content',
  'blocklisted',
  'reputation',
  'rate-limited',
  'auth-failure',
  'sender-config',
  'sender-rejected',
  'policy',
  'expired',
  'network-error',
  'remote-error',
  'unknown',
  'suppressed',
] as const;

export type ReasonClass = (typeof REASON_CLASSES)[number];

/** What the classifier says about one reason/response text. Field names are those of `explain --json` (README.md#json-output). */
export interface ReasonInfo {
  reason_class: ReasonClass;
  /** 5xx / 5.x.x: true; 4xx / 4.x.x: false; neither found: null. */
  permanent: boolean | null;
  /**
   * The address the reply is about is bad, stop sending to it: a permanent user-unknown or
   * domain-invalid reply, or SendGrid's drop of a malformed address (docs/rules.md#hardness).
   */
  hard: boolean;
  /** Enhanced status code (x.y.z) given or found in the text, else null. */
  status: string | null;
  /** Three-digit SMTP reply code found in the text, else null. */
  reply_code: string | null;
  /** A short instruction for the sender. */
  hint: string;
}

/** Input of the classifier: the text plus what the event says beside it. */
export interface ReasonInput {
  text: string;
  /** The event's `status` field when present. */
  status?: string | null;
  /** The SendGrid event name; `dropped` reasons are suppression-list reasons. */
  event?: string | null;
}
