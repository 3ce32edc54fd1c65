/** Character codes the byte and text scanners compare against, by name. */
export const TAB = 0x09;
export const NEWLINE = 0x0a;
export const CARRIAGE_RETURN = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const PLUS = 0x2b;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
export const COLON = 0x3a;
export const LESS_THAN = 0x3c;
export const EQUALS = 0x3d;
export const AT_SIGN = 0x40;
export const UPPER_A = 0x41;
export const UPPER_E = 0x45;
export const UPPER_Z = 0x5a;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const UNDERSCORE = 0x5f;
export const LOWER_E = 0x65;
export const LOWER_U = 0x75;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const BYTE_ORDER_MARK = 0xfeff;

/** Space, tab, carriage return or newline: the blanks JSON allows between tokens. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CARRIAGE_RETURN || c === NEWLINE;
}

export function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/** An ASCII letter, either case: `| 0x20` folds it to lower case, and nothing else is folded. */
export function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

/** An ASCII capital (`A`–`Z`); `| 0x20` makes it lower-case. */
export function isCapital(c: number): boolean {
  return c >= UPPER_A && c <= UPPER_Z;
}
