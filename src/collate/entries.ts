/** Collated entries from a chronicle read through the pipeline (`readChronicle`). */
import type { DocumentInfo } from "../parse/index.ts";
import type { AnnotatedEntryRecord } from "../pipeline.ts";
import type { CitableDocument } from "./citations.ts";
import type { CollatedEntry } from "./types.ts";

/**
 * The entries of one document, as collation reads them.
 *
 * @param document the document's key: its path, or its store id
 * @param info what the document is (`tree.meta.document`)
 * @param records its records, dated and annotated
 * @param prefix put before each entry id (`3:` for a stored document; none for one file)
 */
export function collatedEntries(
  document: string,
  info: DocumentInfo,
  records: readonly AnnotatedEntryRecord[],
  documentTitle: string = info.title ?? document,
  prefix = "",
): CollatedEntry[] {
  return records.map((r) => ({
    id: `${prefix}${r.id}`,
    document,
    documentTitle,
    info: { work: info.work, short: info.short, juan: info.juan },
    record: r,
    mentions: r.mentions,
    events: r.events,
  }));
}

/**
 * A read chronicle as a document citations can be resolved to: its entries as `collatedEntries`
 * gives them, with its work, juan and section.
 */
export function citableDocument(
  document: string,
  info: DocumentInfo,
  records: readonly AnnotatedEntryRecord[],
  documentTitle: string = info.title ?? document,
): CitableDocument {
  return {
    document,
    documentTitle,
    info: { work: info.work, short: info.short, juan: info.juan },
    section: info.section,
    entries: collatedEntries(document, info, records, documentTitle),
  };
}
