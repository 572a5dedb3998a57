/**
 * TEI P5: one document per chronicle. Every character of the text between the first year
 * heading and the end stays in the body, in order; what the stages found is markup around it
 * (`head`, `p`, `date`, `bibl`, `note`, `app`, `persName`…) or attributes, and what they add that
 * the text does not have (the variant readings, dates in the Western calendars, the entity
 * lists) is in `rdg`, `supplied`, attributes, the header and `standOff`.
 */
import { loadEntities } from "./entities.ts";
import { type Atom, atomsIn, nestSpans, renderSpans, renderText } from "./internal/markup.ts";
import { documentViews, type EntryView, referencedEntities } from "./internal/view.ts";
import { attributes, element, escapeText } from "./internal/xml.ts";
import { changeLog } from "./tei/changes.ts";
import { BASE_WITNESS_ID, CHINESE_CALENDAR_ID, JULIAN_CALENDAR_ID, TEI_NS } from "./tei/constants.ts";
import { CHINESE_CALENDAR_DESC, EDITORIAL_DECL, entityElement, JULIAN_CALENDAR_DESC } from "./tei/header.ts";
import { entrySpans, headingSpans } from "./tei/spans.ts";
import { eventElement } from "./tei/standoff.ts";
import { betweenText, documentAtoms, headerEnd, onlySpaceAndAtoms } from "./tei/text.ts";
import type { ExportDocument, ExportOptions } from "./types.ts";

export {
  BASE_WITNESS_ID,
  CHINESE_CALENDAR_ID,
  JULIAN_CALENDAR_ID,
  MENTION_ELEMENTS,
  TEI_NS,
} from "./tei/constants.ts";

/** What `teiDocument` reports besides the XML. */
export interface TeiResult {
  xml: string;
  /** Mentions left out because they would cross other markup. */
  droppedMentions: number;
}

/**
 * Writes a chronicle as a TEI P5 document, and says how many mentions could not be marked up.
 *
 * @param document the pipeline's output for one file
 * @param options the entity records (default: the bundled authority data)
 */
export function teiDocument(document: ExportDocument, options: ExportOptions = {}): TeiResult {
  const doc = documentViews([document])[0]!;
  const entities = options.entities ?? loadEntities();
  const { text } = doc;
  const atoms = documentAtoms(doc);
  const witnesses = new Map<string, string>();
  let droppedMentions = 0;

  const renderEntry = (view: EntryView): string => {
    const start = view.entry.position.start.offset;
    const end = view.entry.position.end.offset;
    const local = atomsIn(atoms, start, end);
    const { spans, dropped } = entrySpans(view, local, witnesses);
    droppedMentions += dropped;
    const attrs = {
      type: "entry",
      "xml:id": view.entry.id,
      source: `${encodeURI(doc.name).replaceAll("#", "%23")}#char=${start},${end}`,
    };
    const inner = renderSpans(
      start,
      end,
      spans,
      (s, e) => renderText(text, s, e, local),
      (s, e) => betweenText(text, s, e, local),
    );
    return `<div${attributes(attrs)}>${inner}</div>`;
  };

  const years: string[] = [];
  const bodyStart = headerEnd(doc);
  let at = bodyStart;
  const firstYear = doc.tree.children[0];
  const frontEnd = firstYear ? Math.max(bodyStart, firstYear.position.start.offset) : text.length;
  let frontXml = "";
  // A selection keeps its entries (and their years' headings) only, with no text between them.
  const selection = document.selection !== undefined;
  const between = (start: number, end: number, local: readonly Atom[]) =>
    selection ? "\n" : betweenText(text, start, end, local);
  if (!selection && !onlySpaceAndAtoms(text, bodyStart, frontEnd, atoms)) {
    frontXml = `<front><div type="preamble"><ab>${renderText(text, bodyStart, frontEnd, atomsIn(atoms, bodyStart, frontEnd))}</ab></div></front>\n`;
    at = frontEnd;
  }
  for (const year of doc.tree.children) {
    const yearStart = Math.max(at, year.position.start.offset);
    const entries = doc.entries.filter((e) => e.year === year);
    if (selection && entries.length === 0) continue;
    if (yearStart > at) years.push(between(at, yearStart, atoms));
    let yearXml = "";
    let cursor = yearStart;
    if (year.heading) {
      const start = year.heading.position.start.offset;
      const end = year.heading.position.end.offset;
      if (start > cursor) yearXml += between(cursor, start, atoms);
      const local = atomsIn(atoms, start, end);
      yearXml += renderSpans(start, end, nestSpans(headingSpans(year, text), local).accepted, (s, e) =>
        renderText(text, s, e, local),
      );
      cursor = end;
    }
    for (const view of entries) {
      const start = view.entry.position.start.offset;
      if (start > cursor) yearXml += between(cursor, start, atoms);
      yearXml += renderEntry(view);
      cursor = view.entry.position.end.offset;
    }
    const yearEnd = Math.max(cursor, year.position.end.offset);
    if (yearEnd > cursor) yearXml += between(cursor, yearEnd, atoms);
    const ce = year.heading?.ce ?? year.heading?.data?.date?.gregorian.start.slice(0, -6) ?? null;
    years.push(`<div${attributes({ type: "year", n: ce })}>${yearXml}</div>`);
    at = yearEnd;
  }
  let backXml = "";
  if (selection) years.push("\n");
  else if (onlySpaceAndAtoms(text, at, text.length, atoms))
    years.push(betweenText(text, at, text.length, atoms));
  else
    backXml = `\n<back><div type="colophon"><ab>${renderText(text, at, text.length, atomsIn(atoms, at, text.length))}</ab></div></back>`;
  const body = doc.tree.children.length > 0 ? years.join("") : `${years.join("")}<p/>`;

  // The header, now that the witnesses are known.
  const referenced = referencedEntities([doc], entities);
  const byKind = (kinds: readonly string[]) =>
    referenced.filter((e) => kinds.includes(e.kind)).map(entityElement);
  const persons = byKind(["person"]);
  const orgs = byKind(["polity"]);
  const places = byKind(["place"]);
  const terms = referenced.filter((e) => !["person", "polity", "place"].includes(e.kind)).map(entityElement);
  const properties = doc.tree.meta.properties;
  const sourceBibl = [
    element("title", {}, doc.title),
    element("idno", { type: "file" }, doc.name),
    element("idno", { type: "sha256" }, doc.sha256),
    properties.ID ? element("idno", { type: "kanripo" }, properties.ID.trim()) : "",
    properties.BASEEDITION ? element("edition", {}, properties.BASEEDITION.trim()) : "",
  ].join("");
  const witnessList = [
    element("witness", { "xml:id": BASE_WITNESS_ID }, `${doc.title} (${doc.name})`),
    ...[...witnesses].map(([name, wid]) => element("witness", { "xml:id": wid }, name)),
  ].join("\n        ");
  const changes = changeLog(document.corrections ?? []);
  const header = `<teiHeader>
    <fileDesc>
      <titleStmt>${element("title", {}, doc.title)}${changes.resp}</titleStmt>
      <publicationStmt><p>Exported by biannian from ${escapeText(doc.name)}.</p></publicationStmt>
      <sourceDesc>
        <bibl>${sourceBibl}</bibl>
        <listWit>
        ${witnessList}
        </listWit>
      </sourceDesc>
    </fileDesc>
    <encodingDesc xml:lang="en">
      <editorialDecl><p>${escapeText(EDITORIAL_DECL)}</p></editorialDecl>${
        terms.length > 0
          ? `\n      <classDecl><taxonomy xml:id="entities">${terms.join("")}</taxonomy></classDecl>`
          : ""
      }
    </encodingDesc>
    <profileDesc>
      <calendarDesc>
        <calendar xml:id="${CHINESE_CALENDAR_ID}" xml:lang="en"><p>${escapeText(CHINESE_CALENDAR_DESC)}</p></calendar>
        <calendar xml:id="${JULIAN_CALENDAR_ID}" xml:lang="en"><p>${escapeText(JULIAN_CALENDAR_DESC)}</p></calendar>
      </calendarDesc>${
        persons.length + orgs.length > 0
          ? `\n      <particDesc>${persons.length > 0 ? `\n        <listPerson>${persons.join("")}</listPerson>` : ""}${
              orgs.length > 0 ? `\n        <listOrg>${orgs.join("")}</listOrg>` : ""
            }\n      </particDesc>`
          : ""
      }${places.length > 0 ? `\n      <settingDesc><listPlace>${places.join("")}</listPlace></settingDesc>` : ""}
    </profileDesc>${changes.revisions}
  </teiHeader>`;
  const entityMap = new Map(referenced.map((e) => [e.id, e]));
  const events = doc.entries.flatMap((view) =>
    view.events.map((event, i) => eventElement(view, event, i, entityMap)),
  );
  const standOffParts = [
    ...(events.length > 0 ? [`<listEvent>${events.join("\n")}</listEvent>`] : []),
    ...(options.parallels ? [options.parallels] : []),
  ];
  const standOff = standOffParts.length > 0 ? `\n  <standOff>${standOffParts.join("\n")}</standOff>` : "";
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="${TEI_NS}" xml:lang="lzh">
  ${header}
  <text>
${frontXml}<body>${body}</body>${backXml}
  </text>${standOff}
</TEI>
`;
  return { xml, droppedMentions };
}

/**
 * Writes a chronicle as a TEI P5 document (valid against tei_all).
 *
 * @param document the pipeline's output for one file: name, text, tree (and records)
 * @param options the entity records (default: the bundled authority data)
 * @example
 * toTei({ name: "xixia.txt", text, tree }).slice(0, 38) //=> '<?xml version="1.0" encoding="UTF-8"?>'
 */
export function toTei(document: ExportDocument, options: ExportOptions = {}): string {
  return teiDocument(document, options).xml;
}
