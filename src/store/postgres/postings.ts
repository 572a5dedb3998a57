/**
 * Per-character postings of the PostgreSQL search index: for every entry and every character of
 * its folded texts, how often the character stands in the headline and in the rest, with the
 * entry's token count. A one-character search reads its whole answer from here — total, document
 * frequencies and the first page in bm25 order — without reading any text; see
 * `src/search/README.md` (“Common characters”).
 *
 * Two tables, both written by triggers on `entry_search` (so every writer of the index, the
 * ingest and the rebuild alike, keeps them in step):
 *
 * - `entry_chars`: one row per (character, entry), in a B-tree ordered by character, headline
 *   count, body count, token count and entry id. Within one (headline, body) group bm25 falls as
 *   the entry grows, and equal lengths fall to the entry id, so the group's best entries are
 *   its first rows in that order.
 * - `entry_char_groups`: per character and (headline, body) count, the number of entries. It
 *   gives the groups to read, the number of matches and both document frequencies at once.
 *   Groups whose entries are all gone stay with a count of 0, which adds nothing.
 */
import type { PoolClient } from "pg";
import type { PostgresMigration } from "./migrate.ts";
import { addedPostings, addToGroups, type PostingKind, removePostings } from "./posting-sql.ts";

/** The character postings' tables and the function that gives an entry's characters. */
const CHAR_POSTINGS: PostingKind = {
  rows: "entry_chars",
  groups: "entry_char_groups",
  keysOf: "search_chars",
};

/**
 * The PostgreSQL schema version. Version 1 is the schema of `../schema.ts` with the search index
 * of `search.ts`; version 2 adds the postings; version 3 makes the index keys exact (`keys.ts`);
 * version 4 adds what each document is to `documents` (as SQLite's version 2 does, `store.ts`);
 * version 5 keeps the annotations in their tables (as SQLite's version 3 does); version 6 the
 * days each year heading covers (as SQLite's version 4); version 7 the readers' corrections (as
 * SQLite's version 5); version 8 the pair postings (`pairs.ts`); version 9 keeps the index's
 * texts in the table's own pages (`inline-texts.ts`); version 10 keeps where each pair stands in
 * the pair postings (`pairs.ts`, `positional.ts`). PostgreSQL counts its own versions: its
 * search tables are its own, and SQLite's schema does not change with them.
 */
export const POSTGRES_SCHEMA_VERSION = 10;

/** The function, tables and triggers of the postings. */
const POSTINGS_TABLES = [
  // Each character of an entry's folded headline and body (not the paragraph separator), with
  // its number of occurrences in each. Code points, as `ascii` gives them in a UTF8 database.
  `CREATE FUNCTION "search_chars"(h text, b text) RETURNS TABLE ("key" integer, "head" integer, "body" integer)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ascii(c), (count(*) FILTER (WHERE in_head))::integer, (count(*) FILTER (WHERE NOT in_head))::integer
  FROM (SELECT c, true AS in_head FROM unnest(string_to_array(h, NULL)) AS c
        UNION ALL
        SELECT c, false FROM unnest(string_to_array(b, NULL)) AS c) u
  WHERE c <> E'\\n'
  GROUP BY 1
$$`,
  // The 8-byte column first: no padding between the columns.
  `CREATE TABLE "entry_chars" (
  "entry_id" bigint NOT NULL,
  "key" integer NOT NULL,
  "head" integer NOT NULL,
  "body" integer NOT NULL,
  "tokens" integer NOT NULL
)`,
  `CREATE TABLE "entry_char_groups" (
  "key" integer NOT NULL,
  "head" integer NOT NULL,
  "body" integer NOT NULL,
  "entries" bigint NOT NULL,
  PRIMARY KEY ("key", "head", "body")
)`,
  // Groups are locked in key order; every writer of the index already holds the row of
  // search_stats (its trigger fires first, by name), so writers never wait for each other in a circle.
  `CREATE FUNCTION "search_chars_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH ${addedPostings(CHAR_POSTINGS, '"changed" s')}
  ${addToGroups(CHAR_POSTINGS)};
  RETURN NULL;
END $$`,
  `CREATE FUNCTION "search_chars_remove"() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  ${removePostings(CHAR_POSTINGS)};
  RETURN NULL;
END $$`,
  // Named after entry_search_insert and entry_search_delete: they fire after them.
  `CREATE TRIGGER "entry_search_insert_chars" AFTER INSERT ON "entry_search"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_chars_add"()`,
  `CREATE TRIGGER "entry_search_delete_chars" AFTER DELETE ON "entry_search"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_chars_remove"()`,
];

/** The postings' ranking index: built after the rows when a migration fills them (a third of the size). */
const POSTINGS_INDEX = `CREATE INDEX "entry_chars_rank" ON "entry_chars" ("key", "head", "body", "tokens", "entry_id")`;

/** Everything an empty schema needs, after `SEARCH_DDL`. */
export const POSTINGS_DDL = [...POSTINGS_TABLES, POSTINGS_INDEX];

/**
 * Version 1 → 2: creates the postings and fills them from the stored index rows.
 *
 * @example
 * POSTINGS_MIGRATION.version //=> 2
 */
export const POSTINGS_MIGRATION: PostgresMigration = {
  version: 2,
  description: "per-character postings for one-character searches",
  async up(client: PoolClient) {
    await client.query(POSTINGS_TABLES.join(";\n"));
    await client.query(
      `WITH ${addedPostings(CHAR_POSTINGS, '"entry_search" s')} ${addToGroups(CHAR_POSTINGS, true)}`,
    );
    await client.query(POSTINGS_INDEX);
    await client.query(`ANALYZE "entry_chars"`);
  },
};
