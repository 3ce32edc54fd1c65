import { sanitizeTerminal } from '../sanitize.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text into HTML, as element content or a quoted attribute value: `& < > " '` become entities,
 * and control characters (invalid in HTML, and misleading when the file is `cat`ed) become
 * visible escapes.
 */
export function escapeHtml(text: string): string {
  return sanitizeTerminal(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}
