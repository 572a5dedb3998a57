/** Named characters and character classes of the annotator. */

export const IDEOGRAPHIC_COMMA = "、";
export const LEFT_TITLE = "《";
export const RIGHT_TITLE = "》";
export const LEFT_CORNER = "「";
export const RIGHT_CORNER = "」";
export const LEFT_WHITE_CORNER = "『";
export const RIGHT_WHITE_CORNER = "』";
/** A Kanripo file's mark at the end of every printed line (`…議歐¶\n陽修亦言`). */
export const LINE_MARK = "¶";
/** How a Kanripo page marker opens and closes: `<pb:KR2b0019_WYG_153-10a>`. */
export const PAGE_MARK = "<pb:";
export const PAGE_MARK_END = ">";
/** `餘`: "and more", inside or after a numeral (`十餘萬`, `二千餘`). */
export const MORE_THAN = "餘";

/** Punctuation that ends a clause: a name after it stands at the start of a clause. */
export const CLAUSE_BREAKS = new Set([
  "，",
  "。",
  "、",
  "；",
  "：",
  "！",
  "？",
  "「",
  "」",
  "『",
  "』",
  "（",
  "）",
  "\n",
]);

/** One CJK ideograph (BMP or a supplementary plane), as a regular-expression class. */
export const HAN = "\\p{Script=Han}";
