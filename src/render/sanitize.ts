/**
 * Text from a log is untrusted: before it reaches a terminal, escape sequences (CSI, OSC),
 * C0/C1 controls, DEL, carriage returns, backspaces and bidirectional overrides are made visible
 * instead of being obeyed.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x1b) return '\\e';
  if (code === 0x0d) return '\\r';
  if (code === 0x0a) return '\\n';
  if (code === 0x09) return ' ';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

export function sanitizeTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}
