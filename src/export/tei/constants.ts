/** Identifiers and element names of the TEI export, and the nesting ranks of its spans. */

/** The TEI namespace. */
export const TEI_NS = "http://www.tei-c.org/ns/1.0";
/** The `xml:id` of the calendar the chronicle's dates are written in. */
export const CHINESE_CALENDAR_ID = "cal.chinese";
/** The `xml:id` of the Julian calendar (the `*-custom` date attributes). */
export const JULIAN_CALENDAR_ID = "cal.julian";
/** The `xml:id` of the witness that is the exported text itself. */
export const BASE_WITNESS_ID = "wit.base";

/** Elements for mentions of each kind; other kinds are `<name type="KIND">`. */
export const MENTION_ELEMENTS: Readonly<Record<string, string>> = {
  person: "persName",
  place: "placeName",
  polity: "orgName",
  office: "roleName",
};

// Ranks: among spans over the same range, the lower is the outer element.
export const RANK_BLOCK = 10;
export const RANK_DATE = 20;
export const RANK_BIBL = 30;
export const RANK_INLINE_NOTE = 40;
export const RANK_FIELD = 50;
export const RANK_APP = 60;
export const RANK_MENTION = 70;
export const RANK_JOIN = 80;
