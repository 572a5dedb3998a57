/**
 * Exports of a selection — a search with its filters, a document, an entity's entries — in the
 * formats of `src/export` (TEI, CSV, GeoJSON, GEXF), read from the store as `export --db` reads
 * it: each text parsed again for its markup, with the dates and annotations the ingest stored.
 */
import { loadCalendar } from "../../calendar/index.ts";
import { toCsvTables } from "../../export/csv.ts";
import { toGeoJson } from "../../export/geojson.ts";
import { toGexf } from "../../export/gexf.ts";
import { escapeText } from "../../export/internal/xml.ts";
import { TEI_NS, toTei } from "../../export/tei.ts";
import type { ExportDocument } from "../../export/types.ts";
import { readChronicle, storedTree } from "../../pipeline.ts";
import type { EntryFilter, Store } from "../../store/types.ts";
import { ApiError } from "../problem.ts";

/** The formats a selection can be downloaded in. */
export const SELECTION_FORMATS = ["tei", "csv", "geojson", "gexf"] as const;
export type SelectionFormat = (typeof SELECTION_FORMATS)[number];

/** The tables of the CSV export, one a download. */
export const CSV_TABLES = ["entries", "citations", "mentions", "entities", "events"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** The most entries one export holds. */
export const MAX_EXPORT_ENTRIES = 2000;
/** The most documents one export reads. */
export const MAX_EXPORT_DOCUMENTS = 40;

/** What is selected: the search view's filters and query, an entity, a document. */
export interface Selection extends EntryFilter {
  q?: string;
}

/** One file to download. */
export interface SelectionFile {
  name: string;
  type: string;
  content: string;
}

const TYPES: Record<SelectionFormat, string> = {
  tei: "application/tei+xml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  geojson: "application/geo+json; charset=utf-8",
  gexf: "application/gexf+xml; charset=utf-8",
};

const EXTENSIONS: Record<SelectionFormat, string> = {
  tei: ".tei.xml",
  csv: ".csv",
  geojson: ".geojson",
  gexf: ".gexf",
};

/** Whether the request names anything to select (an export of the whole store is refused). */
function isSelection(selection: Selection): boolean {
  return Object.entries(selection).some(([key, value]) => key !== "corpus" && value !== undefined);
}

/**
 * The ids of the entries a selection holds, in text order.
 *
 * @throws ApiError 400 when nothing is selected or the selection is too large
 */
export async function selectedEntries(store: Store, selection: Selection): Promise<string[]> {
  if (!isSelection(selection))
    throw new ApiError(
      400,
      "Choose what to export: a query (q), a document, an entity, an event type or other filters",
    );
  const { q, ...filter } = selection;
  let ids: string[];
  if (q !== undefined) {
    ids = [];
    for (let offset = 0; ; offset += 100) {
      const page = await store.search({ ...filter, query: q, limit: 100, offset });
      tooMany(page.total);
      ids.push(...page.results.map((h) => h.id));
      if (page.results.length === 0 || ids.length >= page.total) break;
    }
  } else {
    ids = (await store.listEntryIndex(filter)).map((e) => e.summary.id);
    tooMany(ids.length);
  }
  const order = (id: string) => {
    const [doc, local] = id.split(":");
    return [Number(doc), Number(local?.replace(/\D/g, "") ?? 0)] as const;
  };
  return ids.sort((a, b) => {
    const [da, la] = order(a);
    const [db, lb] = order(b);
    return da - db || la - lb;
  });
}

function tooMany(count: number): void {
  if (count > MAX_EXPORT_ENTRIES)
    throw new ApiError(
      400,
      `The selection holds ${count} entries; an export holds ${MAX_EXPORT_ENTRIES} at most: narrow it with filters`,
    );
}

/**
 * The documents of the selected entries, each to export with only those entries.
 *
 * @throws ApiError 400 when the entries lie in too many documents
 */
export async function selectionDocuments(store: Store, ids: readonly string[]): Promise<ExportDocument[]> {
  const byDocument = new Map<number, string[]>();
  for (const id of ids) {
    const [doc, local] = id.split(":") as [string, string];
    const list = byDocument.get(Number(doc)) ?? [];
    list.push(local);
    byDocument.set(Number(doc), list);
  }
  if (byDocument.size > MAX_EXPORT_DOCUMENTS)
    throw new ApiError(
      400,
      `The selection's entries lie in ${byDocument.size} documents; an export reads ${MAX_EXPORT_DOCUMENTS} at most: narrow it with filters`,
    );
  const documents: ExportDocument[] = [];
  for (const [id, selection] of byDocument) {
    const [summary, text, records, years, corrections] = await Promise.all([
      store.getDocument(id),
      store.getDocumentText(id),
      store.getEntryRecords(id),
      store.listYears(id),
      store.listCorrections({ documentId: id, includeUndone: true }),
    ]);
    if (!summary || text === null) continue;
    const tree =
      (years && storedTree(text, years)) ?? readChronicle(text, loadCalendar(), { annotate: false }).tree;
    documents.push({
      name: summary.name,
      text,
      tree,
      records,
      sha256: summary.sha256,
      selection,
      // The readers' corrections go out as with `export --db`: a TEI change log, a CSV source column.
      ...(corrections.length ? { corrections } : {}),
    });
  }
  return documents;
}

/**
 * Gives every `xml:id` of a TEI document a prefix, and every pointer (`#id`) to one of them, so
 * that several documents can stand in one `teiCorpus`.
 */
function prefixIds(xml: string, prefix: string): string {
  const ids = new Set([...xml.matchAll(/ xml:id="([^"]+)"/g)].map((m) => m[1]!));
  return xml.replace(/ ([A-Za-z:-]+)="([^"]*)"/g, (whole, name: string, value: string) => {
    if (name === "xml:id") return ` xml:id="${prefix}${value}"`;
    if (!value.includes("#")) return whole;
    const tokens = value
      .split(" ")
      .map((t) => (t.startsWith("#") && ids.has(t.slice(1)) ? `#${prefix}${t.slice(1)}` : t));
    return ` ${name}="${tokens.join(" ")}"`;
  });
}

/** One TEI document for one chronicle; a `teiCorpus` of them for several. */
function teiOf(documents: readonly ExportDocument[], title: string): string {
  const one = documents[0];
  if (documents.length === 1 && one) return toTei(one);
  const inner = documents.map((d, i) =>
    prefixIds(toTei(d).replace(/^<\?xml[^>]*\?>\s*/, ""), `d${i + 1}.`).replace(` xmlns="${TEI_NS}"`, ""),
  );
  const list = documents.map((d) => `<item>${escapeText(d.name)}</item>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus xmlns="${TEI_NS}" xml:lang="lzh">
  <teiHeader>
    <fileDesc>
      <titleStmt><title xml:lang="en">${escapeText(title)}</title></titleStmt>
      <publicationStmt><p xml:lang="en">Exported by Biannian: the entries of a selection, each chronicle in a TEI document of its own.</p></publicationStmt>
      <sourceDesc><list>${list}</list></sourceDesc>
    </fileDesc>
  </teiHeader>
${inner.join("\n")}
</teiCorpus>
`;
}

/**
 * A selection as one file of a format: TEI (a `teiCorpus` for several chronicles), one CSV
 * table, GeoJSON or GEXF.
 *
 * @param stem the file name without extension (`biannian-search`)
 * @throws ApiError 404 when the selection holds no entry
 */
export async function exportSelection(
  store: Store,
  selection: Selection,
  format: SelectionFormat,
  options: { table?: CsvTable; stem: string; title: string },
): Promise<SelectionFile> {
  const ids = await selectedEntries(store, selection);
  if (ids.length === 0) throw new ApiError(404, "The selection holds no entry to export");
  const documents = await selectionDocuments(store, ids);
  if (documents.length === 0) throw new ApiError(404, "The selection holds no entry to export");
  const type = TYPES[format];
  const table = options.table ?? "entries";
  switch (format) {
    case "tei":
      return { name: `${options.stem}${EXTENSIONS.tei}`, type, content: teiOf(documents, options.title) };
    case "csv": {
      const file = toCsvTables(documents).find((f) => f.name === `${table}.csv`)!;
      return { name: `${options.stem}-${table}.csv`, type, content: file.content };
    }
    case "geojson":
      return {
        name: `${options.stem}${EXTENSIONS.geojson}`,
        type,
        content: `${JSON.stringify(toGeoJson(documents), null, 2)}\n`,
      };
    case "gexf":
      return { name: `${options.stem}${EXTENSIONS.gexf}`, type, content: toGexf(documents) };
  }
}
