import { toCsvTables } from "./csv.ts";
import { toGeoJson } from "./geojson.ts";
import { toGexf } from "./gexf.ts";
import { documentViews } from "./internal/view.ts";
import { toJsonLd } from "./jsonld.ts";
import { toTei } from "./tei.ts";
import type { ExportDocument, ExportFile, ExportFormat, ExportOptions } from "./types.ts";

/** The extension of each single-file format's files. */
export const EXTENSIONS: Readonly<Record<Exclude<ExportFormat, "csv">, string>> = {
  tei: ".tei.xml",
  jsonld: ".jsonld",
  geojson: ".geojson",
  gexf: ".gexf",
};

/**
 * Exports documents in one format, as the files to write: one TEI document per chronicle; five
 * CSV tables for all of them; one JSON-LD, GeoJSON or GEXF file for all of them, named after the
 * document when there is one, else `biannian`.
 *
 * @param documents the pipeline's (or the store's) output for each file
 * @param format one of `EXPORT_FORMATS`
 * @param options the entity records (default: the bundled authority data)
 * @throws Error when there is no document to export
 * @example
 * exportDocuments([doc], "geojson").map((f) => f.name) //=> ["xixia-ji-1043-1044.geojson"]
 */
export function exportDocuments(
  documents: readonly ExportDocument[],
  format: ExportFormat,
  options: ExportOptions = {},
): ExportFile[] {
  if (documents.length === 0) throw new Error("Cannot export without a document");
  const ids = documentViews(documents).map((d) => d.id);
  const stem = ids.length === 1 ? ids[0]! : "biannian";
  switch (format) {
    case "tei":
      return documents.map((d, i) => ({ name: `${ids[i]}${EXTENSIONS.tei}`, content: toTei(d, options) }));
    case "csv":
      return toCsvTables(documents, options);
    case "jsonld":
      return [
        {
          name: `${stem}${EXTENSIONS.jsonld}`,
          content: `${JSON.stringify(toJsonLd(documents, options), null, 2)}\n`,
        },
      ];
    case "geojson":
      return [
        {
          name: `${stem}${EXTENSIONS.geojson}`,
          content: `${JSON.stringify(toGeoJson(documents, options), null, 2)}\n`,
        },
      ];
    case "gexf":
      return [{ name: `${stem}${EXTENSIONS.gexf}`, content: toGexf(documents, options) }];
  }
}
