/**
 * Terminal columns of text: East Asian wide and fullwidth characters (kana, kanji, hangul,
 * fullwidth forms, most emoji) take two columns, combining marks and zero-width characters none,
 * everything else one (Unicode UAX #11, as terminals count). Emoji sequences (joined, with skin
 * tones or a presentation selector) are counted as one picture, as cli-table3's string-width
 * counts them for the cases tested.
 */

/** Code points that take two columns: the Wide (W) and Fullwidth (F) ranges of UAX #11. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b16f],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid] as readonly [number, number];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Combining marks, variation selectors and zero-width characters: no column of their own. */
function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x3099 && cp <= 0x309a) ||
    cp === 0xfeff
  );
}

function columnsOf(cp: number): number {
  return isZeroWidth(cp) ? 0 : isWide(cp) ? 2 : 1;
}

const ZWJ = 0x200d;
const VS16 = 0xfe0f;
const isSkinTone = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;

/**
 * Each character of `s` with the columns it adds, emoji sequences counted as terminals draw them:
 * a character joined by a zero-width joiner and a skin tone add nothing to the emoji before them,
 * and a presentation selector (U+FE0F) makes a narrow symbol two columns wide (`⚠️`).
 */
function eachColumn(s: string, fn: (ch: string, columns: number) => boolean | void): void {
  let joined = false;
  let last = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    let w: number;
    if (cp < 0x300) w = 1;
    else if (joined || isSkinTone(cp)) w = 0;
    else if (cp === VS16) w = last === 1 ? 1 : 0;
    else w = columnsOf(cp);
    joined = cp === ZWJ;
    if (w > 0 || cp === VS16) last = cp === VS16 ? 2 : w;
    if (fn(ch, w) === false) return;
  }
}

/** Columns `s` takes on a terminal (no escape sequences in it: sanitize first). */
export function displayWidth(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Latin text, the usual case, without the per-character walk.
    if (c >= 0x300) {
      eachColumn(s.slice(i), (_ch, w) => {
        n += w;
      });
      return n;
    }
    n++;
  }
  return n;
}

/** `s` followed by spaces up to `width` columns. */
export function padEndColumns(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/** `s` cut to at most `width` columns, the last one an ellipsis when it was cut. */
export function truncateColumns(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  const room = Math.max(1, width - 1);
  let out = '';
  let n = 0;
  // Characters that add no column stay with the one before: an emoji sequence is never split.
  eachColumn(s, (ch, w) => {
    if (n + w > room) return false;
    out += ch;
    n += w;
    return true;
  });
  return `${out}…`;
}

/** Characters a line does not start with (kinsoku): closing marks and punctuation, small kana, the long vowel mark. */
const NO_LINE_START = new Set('、。，．・：；？！）］｝」』】〕〉》ゝゞーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?%');

/** Characters a line does not end with: opening brackets. */
const NO_LINE_END = new Set('（［｛「『【〔〈《([{');

/**
 * `text` wrapped into lines of at most `width` columns: at spaces, and between two characters of
 * East Asian text (which has no spaces) except before a closing mark or small kana; a longer word
 * is cut only when it alone is wider than a line.
 */
export function wrapColumns(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  // Where the line may break last: at a space (dropped) or before a character East Asian text
  // may break before (`breakSkip` 0).
  let breakAt = -1;
  let breakSkip = 0;
  let afterWide = false;
  let previous = '';
  for (const ch of text) {
    const w = columnsOf(ch.codePointAt(0) as number);
    // A break may come before a wide character, or after one (`、error-list`), unless this
    // character may not start a line or the one before may not end it.
    const breaksBefore = ch !== ' ' && (w === 2 || afterWide) && !NO_LINE_START.has(ch) && !NO_LINE_END.has(previous);
    afterWide = w === 2;
    previous = ch;
    if (ch === ' ') {
      if (used === 0) continue;
      breakAt = line.length;
      breakSkip = 1;
    } else if (breaksBefore) {
      breakAt = line.length;
      breakSkip = 0;
    }
    if (used + w > width && used > 0) {
      if (breakAt > 0) {
        lines.push(line.slice(0, breakAt).trimEnd());
        line = line.slice(breakAt + breakSkip);
      } else {
        lines.push(line);
        line = '';
      }
      used = displayWidth(line);
      breakAt = breaksBefore && line.length > 0 ? line.length : -1;
      breakSkip = 0;
      if (ch === ' ' && used === 0) continue;
    }
    line += ch;
    used += w;
  }
  if (line.trim().length > 0) lines.push(line.trimEnd());
  return lines;
}
