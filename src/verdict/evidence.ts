import type { ReasonClass } from '../reasons/types.js';

/**
 * The facts that decided a verdict, as data. Renderers turn them into sentences
 * (src/render/evidence.ts); the JSON `evidence` field carries those sentences.
 */
export type EvidenceFact =
  | { kind: 'bounce-after-delivery'; gap: number; bounceType: string | null; forwardTo: string | null }
  | { kind: 'engaged-after-bounce'; gap: number }
  | { kind: 'machine-opens-ignored'; count: number }
  | { kind: 'delivered-after-deferrals'; deferrals: number; gap: number }
  | { kind: 'delivered'; deferrals: 0 }
  | { kind: 'dropped'; reason: string | null }
  | { kind: 'bounce-after-deferrals'; deferrals: number; gap: number; bounceType: string | null }
  | { kind: 'expired-type' }
  | { kind: 'deferral-timed-out'; deferrals: number; age: number }
  | { kind: 'bounce-never-delivered'; bounceType: string | null }
  | { kind: 'deferral-pending'; deferrals: number; age: number }
  | { kind: 'processed-only' }
  | { kind: 'engagement-only'; events: number }
  | { kind: 'contradictory'; events: string[]; sameSecond: boolean }
  | {
      kind: 'reason';
      reasonClass: ReasonClass;
      permanent: boolean | null;
      /** The recipient's own address is bad (Decision.hard). */
      hard: boolean | null;
      /** The reply, read alone, says the address it is about is bad. */
      replyHard: boolean;
      /** The address the reply says does not exist, if any: the recipient or a forward target. */
      badAddress: string | null;
      forwardTo: string | null;
    };
