/**
 * Export buttons for the current selection — a search with its filters, a document, an entity —
 * one download link a format (TEI, CSV, GeoJSON, GEXF), served by `/api/export`.
 */
import { apiUrl, type Params } from "./api.ts";
import { h } from "./dom.ts";

/** The formats offered, with what each file holds. */
const FORMATS: [format: string, label: string, title: string][] = [
  ["tei", "TEI", "TEI P5 XML: the entries' text with dates, names and events marked"],
  ["csv", "CSV", "A table of the entries, one row each, with their dates (UTF-8)"],
  ["geojson", "GeoJSON", "The places with coordinates that the entries name, and the events located at them"],
  ["gexf", "GEXF", "The network of polities and persons the entries' events link, for Gephi"],
];

/** The selection parameters `/api/export` reads (those of `/api/find`, without paging). */
const SELECTION = [
  "q",
  "corpus",
  "document",
  "from",
  "to",
  "era",
  "year",
  "month",
  "leap",
  "state",
  "work",
  "juan",
  "entity",
  "event",
] as const;

/**
 * The export links of a selection.
 *
 * @param selection the selection's parameters (`{ q: "青鹽", state: "西夏" }`, `{ document: 1 }`)
 * @param what how the selection is named to the reader ("these results", "this chronicle")
 * @example
 * exportButtons({ entity: "person:yuanhao" }, "the entries naming 元昊")
 */
export function exportButtons(selection: Params, what: string): HTMLElement {
  const params: Params = {};
  for (const key of SELECTION) if (selection[key] !== undefined) params[key] = selection[key];
  return h(
    "p",
    { class: "export-buttons", attrs: { "aria-label": `Download ${what}` } },
    h("span", { class: "meta" }, `Download ${what}: `),
    FORMATS.map(([format, label, title]) =>
      h(
        "a",
        {
          class: "button",
          href: apiUrl("/api/export", { ...params, format }),
          title,
          attrs: { download: "", "data-format": format },
        },
        label,
      ),
    ),
  );
}
