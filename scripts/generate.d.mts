/** Types of the sample generator (scripts/generate.mjs) for the tests that use it. */
export interface GeneratedMessage {
  email: string;
  message_id: string;
  sg_message_id: string;
  verdict: string;
  forward_to: string;
  variant: string | null;
  sibling: string | null;
}
export interface GenerateOptions {
  messages?: number;
  seed?: number;
  framing?: 'ndjson' | 'array' | 'pretty' | 'mixed';
  start?: string;
  minEach?: number;
}
export function generateSync(options?: GenerateOptions): {
  text: string;
  messages: GeneratedMessage[];
  stats: Record<string, unknown>;
};
export const VERDICTS: readonly string[];
export const FRAMINGS: readonly string[];
