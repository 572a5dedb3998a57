/**
 * TEI P5: one document per chronicle. Every character of the text between the first year
 * heading and the end stays in the body, in order; what the stages found is markup around it
 * (`head`, `p`, `date`, `bibl`, `note`, `app`, `persName`…) or attributes, and what they add that
 * the text does not have (the variant readings, dates in the Western calendars, the entity
 * lists) is in `rdg`, `supplied`, attributes, the header and `standOff`.
 */
import { entryVariants } from "../parse/records.ts";
import type { Citation, Entry, Note, Variant, Year } from "../parse/types.ts";
import { NUMERAL_CHARS, parseChineseNumber } from "../text/numerals.ts";
import { loadEntities } from "./entities.ts";
import { toXmlId } from "./internal/ids.ts";
import { type Atom, atomsIn, nestSpans, renderSpans, renderText, type Span } from "./internal/markup.ts";
import {
  type DocumentView,
  documentViews,
  type EntryView,
  referencedEntities,
  roleValues,
} from "./internal/view.ts";
import { attributes, element, escapeText, NOT_XML_CHAR } from "./internal/xml.ts";
import type {
  EntityRecord,
  ExportDate,
  ExportDocument,
  ExportEvent,
  ExportMention,
  ExportOptions,
} from "./types.ts";

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

const PAGE_MARK = /<pb:([^>\s]*)>/g;
const LINE_MARK = "¶";
const COLUMN_BREAK = "/";
const NOTE_OPEN = "(";
const NOTE_CLOSE = ")";
const IDEOGRAPHIC_SPACE = "\u3000";
const XML_SPACE = /^[ \t\n\r]+$/;

// Ranks: among spans over the same range, the lower is the outer element.
const RANK_BLOCK = 10;
const RANK_DATE = 20;
const RANK_BIBL = 30;
const RANK_INLINE_NOTE = 40;
const RANK_FIELD = 50;
const RANK_APP = 60;
const RANK_MENTION = 70;
const RANK_JOIN = 80;

const EDITORIAL_DECL =
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

const CHINESE_CALENDAR_DESC =
  "The Chinese lunisolar calendar as the chronicle writes it: years counted by the reign eras " +
  "(年號) of a ruling house, months numbered 正月 to 十二月 with intercalary months (閏), days " +
  "numbered or named by the sexagenary cycle. Dates written in this calendar are the content of " +
  "<date>; @when, @from and @to give the days they cover in the proleptic Gregorian calendar " +
  '(ISO 8601); empty <date type="concurrent"> children give the same day in the reckoning of ' +
  "each concurrent state (@subtype) as @when-custom.";
const JULIAN_CALENDAR_DESC =
  "The Julian calendar, in which Western historians give dates before 1582: @when-custom, " +
  "@from-custom and @to-custom with @datingMethod pointing here.";

/** A date's attributes: Gregorian ISO days, Julian ones as custom dates. */
function dateAttributes(date: ExportDate | null | undefined): Record<string, string | null> {
  if (!date) return {};
  const { gregorian, julian } = date;
  const one = gregorian.start === gregorian.end;
  return {
    when: one ? gregorian.start : null,
    from: one ? null : gregorian.start,
    to: one ? null : gregorian.end,
    datingMethod: `#${JULIAN_CALENDAR_ID}`,
    "when-custom": one ? julian.start : null,
    "from-custom": one ? null : julian.start,
    "to-custom": one ? null : julian.end,
  };
}

/** Empty `<date type="concurrent">` elements: each state's label for the first day. */
function concurrentDates(date: ExportDate | null | undefined): string {
  return (date?.concurrent ?? [])
    .map((c) =>
      element(
        "date",
        {
          type: "concurrent",
          subtype: c.state.replace(/\s+/g, "_"),
          datingMethod: `#${CHINESE_CALENDAR_ID}`,
          "when-custom": c.label.replace(/\s+/g, "_"),
        },
        null,
      ),
    )
    .join("");
}

/** The atoms of a whole document: Kanripo markers, and characters XML cannot hold. */
function documentAtoms(doc: DocumentView): Atom[] {
  const { text } = doc;
  const atoms: Atom[] = [];
  if (doc.tree.meta.format === "kanripo") {
    const ids = new Set<string>();
    const pages = new Map(doc.tree.meta.pages.map((p) => [p.offset, p]));
    for (const m of text.matchAll(PAGE_MARK)) {
      const id = m[1]!;
      const page = pages.get(m.index);
      const unique = /^[A-Za-z_][\w.-]*$/.test(id) && !ids.has(id);
      ids.add(id);
      atoms.push({
        start: m.index,
        end: m.index + m[0].length,
        xml: `<pb${attributes({
          n: page ? `${page.page}${page.side}` : id.slice(id.lastIndexOf("-") + 1),
          edRef: `#${BASE_WITNESS_ID}`,
          "xml:id": unique ? id : null,
          corresp: unique ? null : id,
        })}/>`,
      });
    }
    for (let i = text.indexOf(LINE_MARK); i !== -1; i = text.indexOf(LINE_MARK, i + 1))
      atoms.push({ start: i, end: i + 1, xml: "<lb/>" });
    for (const year of doc.tree.children)
      for (const entry of year.children)
        for (const paragraph of [entry.headline, ...entry.details])
          for (const child of paragraph.children) {
            if (child.type !== "gloss" || !child.small) continue;
            const { start, end } = { start: child.position.start.offset, end: child.position.end.offset };
            for (
              let i = text.indexOf(COLUMN_BREAK, start);
              i !== -1 && i < end;
              i = text.indexOf(COLUMN_BREAK, i + 1)
            )
              atoms.push({ start: i, end: i + 1, xml: "<cb/>" });
          }
  }
  for (const m of text.matchAll(NOT_XML_CHAR)) {
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    atoms.push({ start: m.index, end: m.index + m[0].length, xml: `<g type="codepoint" n="U+${code}"/>` });
  }
  return atoms.sort((a, b) => a.start - b.start);
}

/** Whether a parenthesis at `at` only continues a small note (`…)¶\n(…`). */
function joinSpans(text: string, start: number, end: number, atoms: readonly Atom[]): Span[] {
  const spans: Span[] = [];
  const isAtom = new Map(atomsIn(atoms, start, end).map((a) => [a.start, a]));
  for (let i = start + 1; i < end - 1; i++) {
    if (text[i] !== NOTE_CLOSE) continue;
    let j = i + 1;
    for (;;) {
      const atom = isAtom.get(j);
      if (atom) j = atom.end;
      else if (text[j] === "\n") j++;
      else break;
    }
    if (j > i + 1 && j < end - 1 && text[j] === NOTE_OPEN) {
      const pc = { rank: RANK_JOIN, open: '<pc type="join">', close: "</pc>" };
      spans.push({ start: i, end: i + 1, ...pc }, { start: j, end: j + 1, ...pc });
      i = j;
    }
  }
  return spans;
}

/** Finds `needle` in `text[start, end)` clear of the claimed ranges, and claims it. */
function locate(
  text: string,
  needle: string,
  start: number,
  end: number,
  claimed: { start: number; end: number }[],
): { start: number; end: number } | null {
  if (needle === "") return null;
  for (
    let i = text.indexOf(needle, start);
    i !== -1 && i + needle.length <= end;
    i = text.indexOf(needle, i + 1)
  ) {
    const range = { start: i, end: i + needle.length };
    if (claimed.some((c) => c.start < range.end && range.start < c.end)) continue;
    claimed.push(range);
    return range;
  }
  return null;
}

const NUMERAL_RUN = new RegExp(`[${NUMERAL_CHARS}元正0-9]+`, "gu");

/** Finds the numeral that writes `value` in `text[start, end)`, and claims it. */
function locateNumber(
  text: string,
  value: number,
  start: number,
  end: number,
  claimed: { start: number; end: number }[],
): { start: number; end: number } | null {
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(NUMERAL_RUN)) {
    const n = /^[0-9]+$/.test(m[0]) ? Number(m[0]) : parseChineseNumber(m[0]);
    if (n !== value) continue;
    const range = { start: start + m.index, end: start + m.index + m[0].length };
    if (claimed.some((c) => c.start < range.end && range.start < c.end)) continue;
    claimed.push(range);
    return range;
  }
  return null;
}

/**
 * One `<bibl>` for the citations that share a written item (`《長編》一百三十九及一百四十九`):
 * the work and author once, then per citation its section (`title level="a"`) and juan
 * (`biblScope unit="juan"`), numbered with `@n` when the item holds several. A field that cannot
 * be found in the item's text is an empty element with its value in `@key` or `@from`.
 */
function biblSpans(text: string, group: readonly Citation[]): Span[] {
  const first = group[0]!;
  const start = first.position.start.offset;
  const end = first.position.end.offset;
  const claimed: { start: number; end: number }[] = [];
  const spans: Span[] = [];
  let empty = "";
  const field = (
    name: string,
    attrs: Record<string, string | number | null>,
    range: { start: number; end: number } | null,
    key: string,
  ) => {
    if (range)
      spans.push({ ...range, rank: RANK_FIELD, open: `<${name}${attributes(attrs)}>`, close: `</${name}>` });
    else empty += element(name, { ...attrs, ...(name === "biblScope" ? {} : { key }) }, null);
  };
  const several = group.length > 1;
  const sameWork = group.every((c) => c.work === first.work);
  const sameAuthor = group.every((c) => c.author === first.author);
  let workEnd = start;
  if (sameWork) {
    const range =
      locate(text, `《${first.work}`, start, end, [])?.start !== undefined
        ? locate(text, first.work, text.indexOf(`《${first.work}`, start) + 1, end, claimed)
        : locate(text, first.work, start, end, claimed);
    if (range) workEnd = range.end;
    field("title", { level: "m" }, range, first.work);
  }
  if (sameAuthor && first.author !== null)
    field("author", {}, locate(text, first.author, start, end, claimed), first.author);
  group.forEach((c, index) => {
    const n = several ? index + 1 : null;
    if (!sameWork) field("title", { level: "m", n }, null, c.work);
    if (!sameAuthor && c.author !== null) field("author", { n }, null, c.author);
    if (c.section !== null)
      field("title", { level: "a", n }, locate(text, c.section, workEnd, end, claimed), c.section);
    if (c.juan !== null) {
      const range = locateNumber(text, c.juan, start, end, claimed);
      field("biblScope", { unit: "juan", from: c.juan, to: c.juan, n }, range, String(c.juan));
    }
    if (several && c.section === null && c.juan === null)
      empty += element("biblScope", { unit: "citation", n }, null);
  });
  spans.push({ start, end, rank: RANK_BIBL, open: `<bibl>${empty}`, close: "</bibl>" });
  return spans;
}

/** The citations of a list, grouped by the written item they come from. */
function citationGroups(citations: readonly Citation[]): Citation[][] {
  const groups = new Map<string, Citation[]>();
  for (const c of citations) {
    const key = `${c.position.start.offset}:${c.position.end.offset}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

/** The element that marks a mention. */
function mentionSpan(m: ExportMention): Span {
  const name = MENTION_ELEMENTS[m.kind] ?? "name";
  const attrs = {
    type: MENTION_ELEMENTS[m.kind] ? null : m.kind,
    ref: m.ref === null ? null : `#${toXmlId(m.ref)}`,
  };
  return {
    start: m.start,
    end: m.end,
    rank: RANK_MENTION,
    open: `<${name}${attributes(attrs)}>`,
    close: `</${name}>`,
    optional: true,
  };
}

/** The spans of one entry: structure, citations, notes, variant readings, mentions. */
function entrySpans(
  view: EntryView,
  atoms: readonly Atom[],
  witnesses: Map<string, string>,
): { spans: Span[]; dropped: number } {
  const { text } = view.document;
  const entry: Entry = view.entry;
  const id = entry.id;
  const spans: Span[] = [];
  const headStart = entry.dateNode?.position.start.offset ?? entry.headline.position.start.offset;
  const headlineStart = entry.headline.position.start.offset;
  const headlineEnd = entry.headline.position.end.offset;
  const date = view.date;
  const concurrent = concurrentDates(date);
  if (entry.dateNode) {
    spans.push({
      start: entry.dateNode.position.start.offset,
      end: entry.dateNode.position.end.offset,
      rank: RANK_DATE,
      open: `<date${attributes({ calendar: `#${CHINESE_CALENDAR_ID}`, ...dateAttributes(date) })}>${concurrent}`,
      close: "</date>",
    });
    if (entry.dateNode.position.end.offset < headlineStart)
      spans.push({
        start: headlineStart,
        end: headlineEnd,
        rank: RANK_DATE,
        open: '<seg type="headline">',
        close: "</seg>",
      });
  }
  const carried = entry.dateNode ? "" : `<date${attributes(dateAttributes(date))}>${concurrent}</date>`;
  spans.push({
    start: headStart,
    end: headlineEnd,
    rank: RANK_BLOCK,
    open: `<head>${carried}`,
    close: "</head>",
  });
  for (const detail of entry.details)
    spans.push({
      start: detail.position.start.offset,
      end: detail.position.end.offset,
      rank: RANK_BLOCK,
      open: "<p>",
      close: "</p>",
    });

  // Notes that carry variant readings, in the order `entryVariants` lists their variants.
  const noteIds = new Map<Variant, string>();
  const noteClose = new Map<string, string>();
  let vn = 0;
  let gl = 0;
  const inlineNotes: { id: string; start: number; end: number; open: string }[] = [];
  for (const paragraph of [entry.headline, ...entry.details]) {
    for (const child of paragraph.children) {
      const start = child.position.start.offset;
      const end = child.position.end.offset;
      if (child.type === "variantNote") {
        const noteId = `${id}.vn${++vn}`;
        for (const v of child.variants) noteIds.set(v, noteId);
        inlineNotes.push({
          id: noteId,
          start,
          end,
          open: `<note${attributes({ type: "variant", place: "inline", "xml:id": noteId })}>`,
        });
      } else {
        const noteId = `${id}.g${++gl}`;
        inlineNotes.push({
          id: noteId,
          start,
          end,
          open: `<note${attributes({ type: "gloss", subtype: child.small ? "small" : null, place: "inline", "xml:id": noteId })}>`,
        });
        for (const group of citationGroups(child.citations))
          spans.push(...biblSpans(text, group).map((s) => ({ ...s, rank: s.rank + 5 })));
        if (child.small) spans.push(...joinSpans(text, start, end, atoms));
      }
    }
  }
  const sources = entry.sources;
  const sourceNotes: { note: Note; id: string }[] = [];
  if (sources) {
    for (const group of citationGroups(sources.citations)) spans.push(...biblSpans(text, group));
    sources.notes.forEach((note, index) => {
      const noteId = `${id}.n${index + 1}`;
      for (const v of note.variants) noteIds.set(v, noteId);
      sourceNotes.push({ note, id: noteId });
    });
  }

  // Variant readings: one <app> per located name, its readings numbered in entry order.
  const variants = entryVariants(entry);
  const apps = new Map<string, { start: number; end: number; rdgs: string }>();
  const structural = () =>
    spans.concat(inlineNotes.map((n) => ({ ...n, rank: RANK_INLINE_NOTE, close: "" })));
  variants.forEach((v, index) => {
    const source = v.source;
    if (!witnesses.has(source)) witnesses.set(source, `wit.${witnesses.size + 1}`);
    const rdg = `<rdg${attributes({ wit: `#${witnesses.get(source)}`, n: index + 1, source: noteIds.has(v) ? `#${noteIds.get(v)}` : null })}>${escapeText(v.variant)}</rdg>`;
    const at = v.namePosition;
    const located =
      at !== null &&
      text.slice(at.start.offset, at.end.offset) === v.name &&
      nestSpans(
        [
          { start: at.start.offset, end: at.end.offset, rank: RANK_APP, open: "", close: "", optional: true },
          ...structural(),
        ],
        atoms,
      ).dropped.length === 0;
    if (located) {
      const key = `${at.start.offset}:${at.end.offset}`;
      const app = apps.get(key) ?? { start: at.start.offset, end: at.end.offset, rdgs: "" };
      app.rdgs += rdg;
      apps.set(key, app);
    } else {
      const noteId = noteIds.get(v);
      const unlocated = `<app type="unlocated"><lem${attributes({ wit: `#${BASE_WITNESS_ID}` })}><supplied reason="unlocated">${escapeText(v.name)}</supplied></lem>${rdg}</app>`;
      if (noteId) noteClose.set(noteId, (noteClose.get(noteId) ?? "") + unlocated);
    }
  });
  let appIndex = 0;
  for (const app of apps.values()) {
    spans.push({
      start: app.start,
      end: app.end,
      rank: RANK_APP,
      open: `<app${attributes({ "xml:id": `${id}.app${++appIndex}` })}><lem${attributes({ wit: `#${BASE_WITNESS_ID}` })}>`,
      close: `</lem>${app.rdgs}</app>`,
    });
  }
  for (const n of inlineNotes)
    spans.push({ ...n, rank: RANK_INLINE_NOTE, close: `${noteClose.get(n.id) ?? ""}</note>` });
  if (sources) {
    spans.push({
      start: sources.position.start.offset,
      end: sources.position.end.offset,
      rank: RANK_BLOCK,
      open: '<note type="sources" place="inline">',
      close: "</note>",
    });
    for (const { note, id: noteId } of sourceNotes)
      spans.push({
        start: note.position.start.offset,
        end: note.position.end.offset,
        rank: RANK_BIBL,
        open: `<note${attributes({ type: note.kind, "xml:id": noteId })}>`,
        close: `${noteClose.get(noteId) ?? ""}</note>`,
      });
  }
  for (const m of view.mentions) spans.push(mentionSpan(m));
  const { accepted, dropped } = nestSpans(spans, atoms);
  return { spans: accepted, dropped: dropped.filter((s) => s.optional).length };
}

/** The spans of a year heading: `<head><date>` with the state, era and year number marked. */
function headingSpans(year: Year, text: string): Span[] {
  const heading = year.heading!;
  const start = heading.position.start.offset;
  const end = heading.position.end.offset;
  const date = heading.data?.date;
  const claimed: { start: number; end: number }[] = [];
  const spans: Span[] = [];
  let empty = "";
  const part = (
    name: string,
    attrs: Record<string, string | number | null>,
    range: { start: number; end: number } | null,
    key: string | null,
  ) => {
    if (range)
      spans.push({ ...range, rank: RANK_FIELD, open: `<${name}${attributes(attrs)}>`, close: `</${name}>` });
    else empty += element(name, { ...attrs, key }, null);
  };
  if (heading.state !== null)
    part("name", { type: "state" }, locate(text, heading.state, start, end, claimed), heading.state);
  if (heading.era !== null)
    part("name", { type: "era" }, locate(text, heading.era, start, end, claimed), heading.era);
  if (heading.number !== null) {
    const from = claimed.at(-1)?.end ?? start;
    part(
      "num",
      { type: "year", value: heading.number },
      locateNumber(text, heading.number, from, end, claimed),
      null,
    );
  }
  spans.push(
    { start, end, rank: RANK_BLOCK, open: "<head>", close: "</head>" },
    {
      start,
      end,
      rank: RANK_DATE,
      open: `<date${attributes({ calendar: `#${CHINESE_CALENDAR_ID}`, ...dateAttributes(date) })}>${empty}`,
      close: "</date>",
    },
  );
  return spans;
}

/**
 * Text that stands between elements (between entries, or between a heading and an entry):
 * white space and atoms as they are, ideographic spaces as `<space>`, anything else in a
 * `<note type="unparsed">` so that no character is lost.
 */
function betweenText(text: string, start: number, end: number, atoms: readonly Atom[]): string {
  let out = "";
  let at = start;
  const flush = (until: number) => {
    for (const m of text.slice(at, until).matchAll(/[ \t\n\r]+|\u3000+|[^ \t\n\r\u3000]+/gu)) {
      const run = m[0];
      if (XML_SPACE.test(run)) out += run.replaceAll("\r", "&#13;");
      else if (run[0] === IDEOGRAPHIC_SPACE)
        out += element("space", { type: "ideographic", unit: "chars", quantity: run.length }, null);
      else out += `<note type="unparsed">${escapeText(run)}</note>`;
    }
    at = until;
  };
  for (const atom of atomsIn(atoms, start, end)) {
    flush(atom.start);
    out += atom.xml;
    at = atom.end;
  }
  flush(end);
  return out;
}

/** True when `text[start, end)` holds nothing but white space, ideographic spaces and atoms. */
function onlySpaceAndAtoms(text: string, start: number, end: number, atoms: readonly Atom[]): boolean {
  let at = start;
  for (const atom of [...atomsIn(atoms, start, end), { start: end, end }]) {
    if (!/^[ \t\n\r\u3000]*$/u.test(text.slice(at, atom.start))) return false;
    at = atom.end;
  }
  return true;
}

/** A `<person>`, `<org>`, `<place>` or `<category>` for an entity. */
function entityElement(entity: EntityRecord): string {
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

/** An event in `standOff`: its type, the entry it is read from, its date, and a label per role value. */
function eventElement(
  view: EntryView,
  event: ExportEvent,
  index: number,
  entities: Map<string, EntityRecord>,
): string {
  const labels: string[] = [element("label", { type: "event" }, event.type)];
  for (const [role, value] of Object.entries(event.roles)) {
    const list = typeof value !== "string";
    roleValues(value).forEach((v, i) => {
      const entity = entities.get(v);
      const attrs = { type: "role", subtype: role.replace(/\s+/g, "_"), n: list ? i + 1 : null };
      if (entity) {
        const name = MENTION_ELEMENTS[entity.kind] ?? "name";
        const inner = element(
          name,
          { type: MENTION_ELEMENTS[entity.kind] ? null : entity.kind, ref: `#${toXmlId(entity.id)}` },
          entity.name,
        );
        labels.push(`<label${attributes(attrs)}>${inner}</label>`);
      } else labels.push(element("label", attrs, v));
    });
  }
  const rule = event.rule === null ? "" : element("note", { type: "rule" }, event.rule);
  const attrs = {
    "xml:id": `${view.entry.id}.ev${index + 1}`,
    type: event.type.replace(/\s+/g, "_"),
    corresp: `#${view.entry.id}`,
    ...dateAttributes(view.date),
  };
  return `<event${attributes(attrs)}>${labels.join("")}${rule}</event>`;
}

/** Where the Org-mode header of a Kanripo file ends (0 for other files). */
function headerEnd(doc: DocumentView): number {
  if (doc.tree.meta.format !== "kanripo") return 0;
  let at = 0;
  while (doc.text.startsWith("#", at)) {
    const nl = doc.text.indexOf("\n", at);
    if (nl === -1) return doc.text.length;
    at = nl + 1;
  }
  return at;
}

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
  if (!onlySpaceAndAtoms(text, bodyStart, frontEnd, atoms)) {
    frontXml = `<front><div type="preamble"><ab>${renderText(text, bodyStart, frontEnd, atomsIn(atoms, bodyStart, frontEnd))}</ab></div></front>\n`;
    at = frontEnd;
  }
  for (const year of doc.tree.children) {
    const yearStart = Math.max(at, year.position.start.offset);
    if (yearStart > at) years.push(betweenText(text, at, yearStart, atoms));
    const entries = doc.entries.filter((e) => e.year === year);
    let yearXml = "";
    let cursor = yearStart;
    if (year.heading) {
      const start = year.heading.position.start.offset;
      const end = year.heading.position.end.offset;
      if (start > cursor) yearXml += betweenText(text, cursor, start, atoms);
      const local = atomsIn(atoms, start, end);
      yearXml += renderSpans(start, end, nestSpans(headingSpans(year, text), local).accepted, (s, e) =>
        renderText(text, s, e, local),
      );
      cursor = end;
    }
    for (const view of entries) {
      const start = view.entry.position.start.offset;
      if (start > cursor) yearXml += betweenText(text, cursor, start, atoms);
      yearXml += renderEntry(view);
      cursor = view.entry.position.end.offset;
    }
    const yearEnd = Math.max(cursor, year.position.end.offset);
    if (yearEnd > cursor) yearXml += betweenText(text, cursor, yearEnd, atoms);
    const ce = year.heading?.ce ?? year.heading?.data?.date?.gregorian.start.slice(0, -6) ?? null;
    years.push(`<div${attributes({ type: "year", n: ce })}>${yearXml}</div>`);
    at = yearEnd;
  }
  let backXml = "";
  if (onlySpaceAndAtoms(text, at, text.length, atoms)) years.push(betweenText(text, at, text.length, atoms));
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
  const header = `<teiHeader>
    <fileDesc>
      <titleStmt>${element("title", {}, doc.title)}</titleStmt>
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
    </profileDesc>
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
