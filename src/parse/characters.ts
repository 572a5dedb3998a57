/** Named characters of the chronicle conventions, so the parser never scatters bare literals. */

export const FULLWIDTH_LEFT_PAREN = "（";
export const FULLWIDTH_RIGHT_PAREN = "）";
export const HALFWIDTH_LEFT_PAREN = "(";
export const HALFWIDTH_RIGHT_PAREN = ")";
export const LEFT_TITLE = "《";
export const RIGHT_TITLE = "》";
export const LEFT_CORNER = "「";
export const RIGHT_CORNER = "」";
export const LEFT_WHITE_CORNER = "『";
export const RIGHT_WHITE_CORNER = "』";
export const LEFT_TORTOISE = "〔";
export const RIGHT_TORTOISE = "〕";
export const LEFT_LENTICULAR = "【";
export const RIGHT_LENTICULAR = "】";
export const IDEOGRAPHIC_FULL_STOP = "。";
export const IDEOGRAPHIC_COMMA = "、";
export const FULLWIDTH_COMMA = "，";
export const IDEOGRAPHIC_SPACE = "\u3000";
/** The interpunct between a work and its section: `《遼史·興宗本紀》`. */
export const SECTION_SEPARATORS = "·・‧•･．";
/** `按`: opens an editor's note. */
export const NOTE_MARK = "按";
/** `作`: "writes it as", in variant notes. */
export const VARIANT_MARK = "作";

/** Openers mapped to their closers. Half-width parentheses count as full-width ones. */
export const BRACKET_PAIRS: ReadonlyMap<string, string> = new Map([
  [FULLWIDTH_LEFT_PAREN, FULLWIDTH_RIGHT_PAREN],
  [HALFWIDTH_LEFT_PAREN, HALFWIDTH_RIGHT_PAREN],
  [LEFT_TITLE, RIGHT_TITLE],
  [LEFT_CORNER, RIGHT_CORNER],
  [LEFT_WHITE_CORNER, RIGHT_WHITE_CORNER],
  [LEFT_TORTOISE, RIGHT_TORTOISE],
  [LEFT_LENTICULAR, RIGHT_LENTICULAR],
]);

/** Closers mapped to their openers. */
export const CLOSERS: ReadonlyMap<string, string> = new Map(
  [...BRACKET_PAIRS].map(([open, close]) => [close, open]),
);

/** `BRACKET_KIND[code]` for an opening bracket. */
export const OPENER = 1;
/** `BRACKET_KIND[code]` for a closing bracket. */
export const CLOSER = 2;

/**
 * What each UTF-16 code unit is to the bracket scanners: `OPENER`, `CLOSER` or 0. A table
 * lookup per character is what lets the scans run at the speed of the text.
 *
 * @example
 * BRACKET_KIND["《".charCodeAt(0)] === OPENER //=> true
 */
export const BRACKET_KIND: Uint8Array = (() => {
  const kinds = new Uint8Array(0x10000);
  for (const [open, close] of BRACKET_PAIRS) {
    kinds[open.charCodeAt(0)] = OPENER;
    kinds[close.charCodeAt(0)] = CLOSER;
  }
  return kinds;
})();

/** Openers of a parenthesis that can hold a note or citation. */
export const NOTE_OPENERS = new Set([
  FULLWIDTH_LEFT_PAREN,
  HALFWIDTH_LEFT_PAREN,
  LEFT_TORTOISE,
  LEFT_LENTICULAR,
]);

/** Punctuation after which a closing citation parenthesis may end an entry. */
export const SENTENCE_END = new Set(["。", "！", "？", "」", "』", "!", "?", "."]);

/** Half-width punctuation that a CJK text should write full-width. */
export const HALFWIDTH_PUNCTUATION = new Set(["(", ")", ",", ";", ":", "?", "!"]);

/** Separators between the items of a citation list. */
export const LIST_SEPARATORS = new Set(["、", "及", "，", ",", "並", "并", "暨", "與", "与", "和", "；"]);

/** Whitespace to trim around lines: ASCII whitespace, the ideographic space, BOM, NBSP. */
export const TRIM_CHARS = new Set([" ", "\t", "\r", "\n", "\f", "\v", IDEOGRAPHIC_SPACE, "\uFEFF", "\u00A0"]);
