/** The TEI header's fixed descriptions, and the entity lists it holds. */
import { toXmlId } from "../internal/ids.ts";
import { attributes, element, escapeText } from "../internal/xml.ts";
import type { EntityRecord } from "../types.ts";

export const EDITORIAL_DECL =
  "Every character of the source text from the first year heading on is kept, in order. " +
  "A Kanripo line mark ¶ is written as <lb/>, a page marker <pb:ID> as <pb/> with the marker's id " +
  "as xml:id, a column slash inside a small note as <cb/>; a parenthesis that only continues a " +
  'small note on the next line is <pc type="join">. Readings of other witnesses (<rdg>) and ' +
  "names that could not be located in the text (<supplied>) are the only content not in the source. " +
  'Years stand in <div type="year">, entries in <div type="entry"> whose @source gives their ' +
  "character range in the source file (RFC 5147). The headline (綱) is <head>, opening with the " +
  "entry's date; a date carried over from an earlier entry is an empty <date>. Details (目) are " +
  '<p>; the closing parenthesis of sources is <note type="sources"> with one <bibl> per cited ' +
  'item; editor\'s notes are <note type="editorial">, supplementary quotations ' +
  '<note type="supplement">, variant notes <note type="variant">, glosses <note type="gloss">.';

export const CHINESE_CALENDAR_DESC =
  "The Chinese lunisolar calendar as the chronicle writes it: years counted by the reign eras " +
  "(年號) of a ruling house, months numbered 正月 to 十二月 with intercalary months (閏), days " +
  "numbered or named by the sexagenary cycle. Dates written in this calendar are the content of " +
  "<date>; @when, @from and @to give the days they cover in the proleptic Gregorian calendar " +
  '(ISO 8601); empty <date type="concurrent"> children give the same day in the reckoning of ' +
  "each concurrent state (@subtype) as @when-custom.";
export const JULIAN_CALENDAR_DESC =
  "The Julian calendar, in which Western historians give dates before 1582: @when-custom, " +
  "@from-custom and @to-custom with @datingMethod pointing here.";

/** A `<person>`, `<org>`, `<place>` or `<category>` for an entity. */
export function entityElement(entity: EntityRecord): string {
  const id = toXmlId(entity.id);
  const idno = element("idno", { type: "biannian" }, entity.id);
  const note = [
    entity.known ? null : "Not in the authority data: named after its first mention.",
    entity.note,
  ]
    .filter((n): n is string => n !== null && n !== "")
    .map((n) => element("note", {}, n))
    .join("");
  const aliases = (name: string) => entity.aliases.map((a) => element(name, { type: "alias" }, a)).join("");
  switch (entity.kind) {
    case "person":
      return `<person${attributes({ "xml:id": id })}>${element("persName", {}, entity.name)}${aliases("persName")}${idno}${note}</person>`;
    case "polity":
      return `<org${attributes({ "xml:id": id, type: entity.type })}>${element("orgName", {}, entity.name)}${aliases("orgName")}${idno}${note}</org>`;
    case "place": {
      const geo =
        entity.lat !== null && entity.lon !== null
          ? `<location>${element("geo", {}, `${entity.lat} ${entity.lon}`)}</location>`
          : "";
      const modern = entity.modern ? element("note", { type: "modern" }, entity.modern) : "";
      return `<place${attributes({ "xml:id": id, type: entity.type })}>${element("placeName", {}, entity.name)}${aliases("placeName")}${geo}${idno}${modern}${note}</place>`;
    }
    default: {
      const gloss = entity.gloss ? `: ${escapeText(entity.gloss)}` : "";
      return `<category${attributes({ "xml:id": id })}><catDesc>${element("term", {}, entity.name)}${gloss} (${escapeText(entity.id)})</catDesc></category>`;
    }
  }
}
