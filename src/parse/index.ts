export { parse } from "./parse.ts";
export { type EntryRecord, toEntryRecords } from "./records.ts";
export type * from "./types.ts";
