/** The markup of the TEI body: the spans of an entry and of a year heading. */
import { entryVariants } from "../../parse/records.ts";
import type { Entry, Note, Variant, Year } from "../../parse/types.ts";
import { toXmlId } from "../internal/ids.ts";
import { type Atom, nestSpans, type Span } from "../internal/markup.ts";
import type { EntryView } from "../internal/view.ts";
import { attributes, element, escapeText } from "../internal/xml.ts";
import type { ExportMention } from "../types.ts";
import { biblSpans, citationGroups, locate, locateNumber } from "./bibl.ts";
import {
  BASE_WITNESS_ID,
  CHINESE_CALENDAR_ID,
  MENTION_ELEMENTS,
  RANK_APP,
  RANK_BIBL,
  RANK_BLOCK,
  RANK_DATE,
  RANK_FIELD,
  RANK_INLINE_NOTE,
  RANK_MENTION,
} from "./constants.ts";
import { concurrentDates, dateAttributes } from "./dates.ts";
import { joinSpans } from "./text.ts";

/** The element that marks a mention. */
export function mentionSpan(m: ExportMention): Span {
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
export function entrySpans(
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
export function headingSpans(year: Year, text: string): Span[] {
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
