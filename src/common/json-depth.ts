import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './chars.js';

/**
 * True when the JSON text from `from` nests deeper than `max`. JSON.parse accepts any depth, but
 * such a value overflows the stack of whatever walks or prints it later. Cheap for ordinary
 * text: only when it holds more than `max` openers at all are strings and depths followed.
 */
export function nestsDeeper(s: string, from: number, max: number): boolean {
  // Nesting deeper than `max` needs more than `max` openers and as many closers.
  if (s.length - from <= 2 * max) return false;
  let openers = 0;
  for (let i = s.indexOf('{', from); i >= 0 && openers <= max; i = s.indexOf('{', i + 1)) openers++;
  for (let i = s.indexOf('[', from); i >= 0 && openers <= max; i = s.indexOf('[', i + 1)) openers++;
  if (openers <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
