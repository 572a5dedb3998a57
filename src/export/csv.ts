/**
 * CSV: five tables that join on stable ids — entries, citations, mentions, entities, events —
 * UTF-8 with a byte-order mark and CRLF line ends (RFC 4180), for spreadsheets and data frames.
 */
import { toCsv } from "../text/csv.ts";
import { loadEntities } from "./entities.ts";
import {
  annotationSource,
  type DocumentView,
  documentViews,
  type EntryView,
  referencedEntities,
  roleValues,
} from "./internal/view.ts";
import type { ExportDocument, ExportFile, ExportOptions } from "./types.ts";

/** The file names, in the order `toCsvTables` returns them. */
export const CSV_FILES = [
  "entries.csv",
  "citations.csv",
  "mentions.csv",
  "entities.csv",
  "events.csv",
] as const;

/** The field of an entry a range lies in: `headline`, `detail1`…, `sources`, or `null`. */
export function fieldAt(view: EntryView, start: number, end: number): string | null {
  const inside = (p: { position: { start: { offset: number }; end: { offset: number } } }) =>
    p.position.start.offset <= start && end <= p.position.end.offset;
  if (inside(view.entry.headline)) return "headline";
  const detail = view.entry.details.findIndex(inside);
  if (detail !== -1) return `detail${detail + 1}`;
  if (view.entry.sources && inside(view.entry.sources)) return "sources";
  return null;
}

function entryRows(docs: readonly DocumentView[]): unknown[][] {
  return docs.flatMap((doc) =>
    doc.entries.map((e) => {
      const r = e.record;
      return [
        e.key,
        doc.title,
        r.id,
        r.year.label,
        r.year.era,
        r.year.number,
        r.year.state,
        r.date.text,
        r.date.own,
        r.date.season,
        r.date.month,
        r.date.leap,
        r.date.day,
        e.date?.gregorian.start,
        e.date?.gregorian.end,
        e.date?.julian.start,
        e.date?.julian.end,
        e.date?.jdn.start,
        e.date?.jdn.end,
        (e.date?.concurrent ?? []).map((c) => `${c.state} ${c.label}`).join("；"),
        r.headline,
        r.details.join("\n"),
        r.notes.join("\n"),
        r.variants.map((v) => `${v.name}=${v.variant}（${v.source}）`).join("；"),
        r.span.start,
        r.span.end,
        r.line,
        r.locus?.juan,
        r.locus?.page,
        r.locus?.side,
        r.locus?.line,
        doc.name,
      ];
    }),
  );
}

/**
 * Writes the documents as five CSV tables. Ids: `entry_id` is `DOCUMENT/eN`; a citation, mention
 * or event id adds `/cN`, `/mN`, `/vN` to it; `entity_id` is the authority id.
 *
 * @param documents the pipeline's output for each file
 * @param options the entity records (default: the bundled authority data)
 * @returns one file per table, named as in `CSV_FILES`
 * @example
 * toCsvTables([doc]).map((f) => f.name) //=> ["entries.csv", "citations.csv", "mentions.csv", "entities.csv", "events.csv"]
 */
export function toCsvTables(documents: readonly ExportDocument[], options: ExportOptions = {}): ExportFile[] {
  const docs = documentViews(documents);
  const entities = referencedEntities(docs, options.entities ?? loadEntities());
  const entityIds = new Set(entities.map((e) => e.id));
  const entries = docs.flatMap((d) => d.entries);
  const mentionCount = new Map<string, number>();
  for (const e of entries)
    for (const m of e.mentions) if (m.ref) mentionCount.set(m.ref, (mentionCount.get(m.ref) ?? 0) + 1);
  const tables: [string, readonly string[], unknown[][]][] = [
    [
      "entries.csv",
      [
        "entry_id",
        "document",
        "entry",
        "year_label",
        "era",
        "year_number",
        "state",
        "date_text",
        "date_own",
        "season",
        "month",
        "leap",
        "day",
        "gregorian_start",
        "gregorian_end",
        "julian_start",
        "julian_end",
        "jdn_start",
        "jdn_end",
        "concurrent",
        "headline",
        "details",
        "notes",
        "variants",
        "start",
        "end",
        "line",
        "juan",
        "page",
        "side",
        "page_line",
        "file",
      ],
      entryRows(docs),
    ],
    [
      "citations.csv",
      ["citation_id", "entry_id", "n", "work", "section", "juan", "author", "raw"],
      entries.flatMap((e) =>
        e.record.citations.map((c, i) => [
          `${e.key}/c${i + 1}`,
          e.key,
          i + 1,
          c.work,
          c.section,
          c.juan,
          c.author,
          c.raw,
        ]),
      ),
    ],
    [
      "mentions.csv",
      ["mention_id", "entry_id", "n", "kind", "entity_id", "text", "start", "end", "field", "source"],
      entries.flatMap((e) =>
        e.mentions.map((m, i) => [
          `${e.key}/m${i + 1}`,
          e.key,
          i + 1,
          m.kind,
          m.ref,
          m.text,
          m.start,
          m.end,
          fieldAt(e, m.start, m.end),
          annotationSource(m),
        ]),
      ),
    ],
    [
      "entities.csv",
      [
        "entity_id",
        "kind",
        "name",
        "aliases",
        "state",
        "type",
        "lat",
        "lon",
        "precision",
        "modern",
        "gloss",
        "known",
        "mentions",
      ],
      entities.map((x) => [
        x.id,
        x.kind,
        x.name,
        x.aliases.join("；"),
        x.state,
        x.type,
        x.lat,
        x.lon,
        x.precision,
        x.modern,
        x.gloss,
        x.known,
        mentionCount.get(x.id) ?? 0,
      ]),
    ],
    [
      "events.csv",
      [
        "event_id",
        "entry_id",
        "n",
        "type",
        "rule",
        "gregorian_start",
        "gregorian_end",
        "participants",
        "roles",
        "source",
      ],
      entries.flatMap((e) =>
        e.events.map((ev, i) => [
          `${e.key}/v${i + 1}`,
          e.key,
          i + 1,
          ev.type,
          ev.rule,
          e.date?.gregorian.start,
          e.date?.gregorian.end,
          [
            ...new Set(Object.values(ev.roles).flatMap((v) => roleValues(v).filter((x) => entityIds.has(x)))),
          ].join(" "),
          JSON.stringify(ev.roles),
          annotationSource(ev),
        ]),
      ),
    ],
  ];
  return tables.map(([name, header, rows]) => ({ name, content: toCsv(header, rows) }));
}
