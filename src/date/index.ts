export { type DatedRange, dateEntries, entryDateFields, type InlineDate } from "./date-entries.ts";
