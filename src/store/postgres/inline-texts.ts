/**
 * The folded texts of the search index kept in the table's own pages (schema version 9).
 *
 * A search of three characters or more reads the folded text of every entry that holds all its
 * pairs, to confirm and count the term (`search.ts`). PostgreSQL moves a row's long values out
 * to its TOAST table once the row passes about 2 KB, and every read of such a value is then an
 * index lookup and a fetch of its chunks: on the benchmark's 30 M characters, the 2,808 entries
 * of 未可量 took 42–47 ms to count that way and 18–21 ms with their texts in the row (CJK text,
 * three bytes a character, does not compress, so nothing else changes). With
 * `toast_tuple_target` at its largest, a row is only moved out when it does not fit in a page.
 */
import type { PostgresMigration } from "./migrate.ts";

/** The largest `toast_tuple_target` an 8 KB page allows: rows up to this many bytes stay whole. */
export const INLINE_ROW_BYTES = 8160;

/** Makes `entry_search` keep rows of up to `INLINE_ROW_BYTES` in its own pages. */
export const INLINE_TEXTS_DDL = [`ALTER TABLE "entry_search" SET (toast_tuple_target = ${INLINE_ROW_BYTES})`];

/**
 * Version 8 → 9: the setting, and the rows stored before it written again, those whose texts
 * were moved out and now fit (their texts' bytes between the old threshold, about 2 KB, and a
 * page; a few just outside are written again for nothing). Written again, each row's index keys
 * are made again too: about 5 ms a row.
 *
 * @example
 * INLINE_TEXTS_MIGRATION.version //=> 9
 */
export const INLINE_TEXTS_MIGRATION: PostgresMigration = {
  version: 9,
  description: "the search index's texts in the table's own pages",
  async up(client) {
    await client.query(INLINE_TEXTS_DDL.join(";\n"));
    // A new value (`|| ''`), not the same one, so that the row is stored again under the setting.
    await client.query(
      `UPDATE "entry_search" SET "headline" = "headline" || '', "body" = "body" || ''
       WHERE octet_length("headline") + octet_length("body") BETWEEN 1900 AND ${INLINE_ROW_BYTES}`,
    );
  },
};
