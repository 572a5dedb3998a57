export {
  type AssumedYear,
  type DatedRange,
  type DateOptions,
  dateEntries,
  entryDateFields,
  type InlineDate,
  lastYearOf,
  readAssumedYear,
} from "./date-entries.ts";
export type { YearContext } from "./era-context.ts";
