/**
 * A narrow index of the entry columns that search filters test (`../sql/filter.ts`), for SQLite:
 * a filtered search joins every match of its terms with its entry, and an entry's row, with its
 * date and headline, is wide; read through this index the join touches a few small pages instead
 * (契丹 between 995 and 1025 on the benchmark's 30 M characters: 39,312 matches joined, 29 ms →
 * 9 ms). SQLite looks a row up by its id in the table itself unless told otherwise, hence
 * `INDEXED BY`. Schema version 7.
 */

/** The index's name. */
export const FILTER_INDEX = "entries_search_filter";

/** Creates it: the id first, then every column of `entries` that a filter or its joins read. */
export const FILTER_INDEX_DDL = [
  `CREATE INDEX "${FILTER_INDEX}" ON "entries" ("id", "year_id", "document_id", "jdn_start", "jdn_end", "month", "leap")`,
];

/** The join of a search's matches (rowids of `index`) with their entries, through the index. */
export function filteredEntries(index: string): string {
  return `JOIN entries e INDEXED BY "${FILTER_INDEX}" ON e.id = ${index}.rowid`;
}
