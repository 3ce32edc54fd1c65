/**
 * Text from a log is untrusted: before it reaches a terminal, escape sequences (CSI, OSC),
 * C0/C1 controls, DEL, carriage returns, backspaces and bidirectional embeddings, overrides and
 * isolates are shown as visible escapes (`\x1b`, `\u202e`) instead of acting on the terminal or
 * reordering the line. A tab becomes a space, so tab-separated output keeps its columns.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x09) return ' ';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function sanitizeTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}
