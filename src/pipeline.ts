/**
 * The pipeline, text → parse → date → records, as one call for the CLI, the store and the
 * benchmarks. Each stage stays a pure function of its own module.
 */
import { loadCalendar } from "./calendar/index.ts";
import { dateEntries, entryDateFields } from "./date/index.ts";
import { type ChronicleTree, type EntryRecord, parse } from "./parse/index.ts";
import { toEntryRecord } from "./parse/records.ts";

/** An entry record with the dating stage's fields. */
export interface DatedEntryRecord extends EntryRecord {
  date: EntryRecord["date"] & ReturnType<typeof entryDateFields>;
}

/** A chronicle read through every stage. */
export interface ChronicleResult {
  tree: ChronicleTree;
  records: DatedEntryRecord[];
}

/**
 * Parses and dates a chronicle, and flattens it into records.
 *
 * @example
 * readChronicle(text).records[0].date.julian //=> { start: "1043-02-13", end: "1043-03-13" }
 */
export function readChronicle(text: string, calendar = loadCalendar()): ChronicleResult {
  const tree = dateEntries(parse(text), calendar);
  const records = tree.children.flatMap((year) =>
    year.children.map((entry): DatedEntryRecord => {
      const record = toEntryRecord(entry, year);
      return { ...record, date: { ...record.date, ...entryDateFields(entry) } };
    }),
  );
  return { tree, records };
}
