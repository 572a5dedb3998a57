export {
  type AssumedYear,
  type DatedRange,
  type DateOptions,
  dateEntries,
  entryDateFields,
  type InlineDate,
  readAssumedYear,
} from "./date-entries.ts";
