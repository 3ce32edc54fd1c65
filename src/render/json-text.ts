/**
 * JSON for stdout. JSON.stringify escapes C0 controls but leaves C1 controls (U+0080–U+009F,
 * where U+009B is an 8-bit CSI that some terminals obey), bidirectional overrides and isolates,
 * invisible format characters and tag characters (U+E0000–E007F, "ASCII smuggling") raw: a log
 * line could reorder or hide what a reader sees. They
 * are written as `\uXXXX`, which every JSON reader turns back into the same string. They can only
 * stand inside JSON strings, so escaping the serialized text is exact.
 */
const UNSAFE = /[\u0080-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
const ANY_UNSAFE = new RegExp(UNSAFE.source);

function escaped(ch: string): string {
  // A tag character (U+E0000–E007F) is a surrogate pair: both halves are written escaped.
  return [...ch].flatMap((c) => (c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)])).map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
}

/** `JSON.stringify(value, null, indent)` with the characters above escaped. */
export function jsonText(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, escaped) : text;
}
