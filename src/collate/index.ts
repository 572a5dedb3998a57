export { type CitableDocument, resolveCitations } from "./citations.ts";
export { writtenDate } from "./differences.ts";
export { citableDocument, collatedEntries } from "./entries.ts";
export { DEFAULT_MIN_SCORE, DEFAULT_WINDOW_DAYS, findParallels, type ParallelOptions } from "./parallels.ts";
export {
  CSV_COLUMNS,
  csvRows,
  entryOut,
  groupOut,
  type ParallelEntryOut,
  type ParallelGroupOut,
  textLines,
} from "./report.ts";
export type { CollatedEntry, Difference, ParallelGroup, ResolvedCitation, SourcePassage } from "./types.ts";
