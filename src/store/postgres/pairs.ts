/**
 * Pair postings of the PostgreSQL search index (schema version 8): for every entry and every
 * pair of neighbouring characters of its folded texts, how often the pair stands in the headline
 * and in the rest, with the entry's token count, and (since version 10) where it stands. They do
 * for two-character terms what the character postings (`postings.ts`) do for one-character terms
 * — the total, both document frequencies and the first page in bm25 order without reading a text
 * — and they give any query of one- and two-character terms (several terms, filters) its counts
 * without a text, and longer terms theirs from where the pairs stand (`positional.ts`); see
 * `src/search/README.md` (“Pairs”, “Where the pairs stand”).
 *
 * The same two tables as the character postings, keyed by the pair's exact key (`keys.ts`):
 *
 * - `entry_pairs`: one row per (pair, entry), in a B-tree ordered by pair, headline count, body
 *   count, token count and entry id.
 * - `entry_pair_groups`: per pair and (headline, body) count, the number of entries.
 *
 * A pair counts every position where its two characters stand side by side, overlapping ones
 * too (`之之` twice in `之之之`), as FTS5 counts the hits of a phrase; pairs across the
 * paragraph separator are not kept (no term holds it).
 *
 * The pairs are made after the ingest, not during it (as SQLite's pair index is): a trigger lists
 * each new entry in `pairs_pending`, and `PostgresStore.indexStep` indexes the listed entries
 * later, a slice at a time (`biannian serve` in its idle time). While any entry is listed, a
 * search reads the texts as before (`search.ts`), with the same answers.
 */
import type { PoolClient } from "pg";
import { CODE_POINTS } from "./keys.ts";
import type { PostgresMigration } from "./migrate.ts";
import { addedPostings, addToGroups, type PostingKind, removePostings } from "./posting-sql.ts";

/** The pair postings' tables and the function that gives an entry's pairs. */
export const PAIR_POSTINGS: PostingKind = {
  rows: "entry_pairs",
  groups: "entry_pair_groups",
  keysOf: "search_pairs",
  positions: true,
};

/**
 * The pairs of one text, as keys (`(first + 1) · 0x110000 + second`, as `pairKey` computes them),
 * each with its position: the offset of its first character in the text, in code points.
 */
const pairsOf = (
  text: string,
) => `SELECT (ascii(p)::int8 + 1) * ${CODE_POINTS} + ascii(c) AS k, (o - 1)::integer AS o
        FROM (SELECT string_to_array(${text}, NULL) AS a) s,
        unnest(s.a[1:cardinality(s.a) - 1], s.a[2:cardinality(s.a)]) WITH ORDINALITY AS u(p, c, o)
        WHERE p <> E'\\n' AND c <> E'\\n'`;

/** The function, tables and triggers of the pair postings. */
const PAIR_TABLES = [
  // The positions go in the order the pairs stand, which the search does not need: it asks only
  // whether a position is in an array.
  `CREATE FUNCTION "search_pairs"(h text, b text)
  RETURNS TABLE ("key" bigint, "head" integer, "body" integer, "head_at" integer[], "body_at" integer[])
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT k, (count(*) FILTER (WHERE in_head))::integer, (count(*) FILTER (WHERE NOT in_head))::integer,
    array_agg(o) FILTER (WHERE in_head), array_agg(o) FILTER (WHERE NOT in_head)
  FROM (SELECT k, o, true AS in_head FROM (${pairsOf("h")}) x
        UNION ALL
        SELECT k, o, false FROM (${pairsOf("b")}) y) u
  GROUP BY 1
$$`,
  // Where the pair stands in the headline and in the rest (null where it does not): a term of
  // three characters or more stands where its pairs stand one after another (`positional.ts`).
  `CREATE TABLE "entry_pairs" (
  "entry_id" bigint NOT NULL,
  "key" bigint NOT NULL,
  "head" integer NOT NULL,
  "body" integer NOT NULL,
  "tokens" integer NOT NULL,
  "head_at" integer[],
  "body_at" integer[]
)`,
  `CREATE TABLE "entry_pair_groups" (
  "key" bigint NOT NULL,
  "head" integer NOT NULL,
  "body" integer NOT NULL,
  "entries" bigint NOT NULL,
  PRIMARY KEY ("key", "head", "body")
)`,
  // Entries whose pairs are not in the postings yet: written by the ingest, indexed later
  // (`PAIR_STEP`), so that the ingest does not pay for the pairs.
  `CREATE TABLE "pairs_pending" ("entry_id" bigint PRIMARY KEY)`,
  `CREATE FUNCTION "search_pairs_defer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "pairs_pending" ("entry_id") SELECT "entry_id" FROM "changed";
  RETURN NULL;
END $$`,
  // A removed entry still pending leaves the list; the others' rows are found by their whole
  // index key (recomputed from the removed text), one probe each, as for the characters. The
  // list goes first: a step indexing the entry holds its row, and this waits for the step's
  // postings, then removes them.
  `CREATE FUNCTION "search_pairs_remove"() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  pending bigint[];
BEGIN
  WITH gone AS (
    DELETE FROM "pairs_pending" p USING "changed" c WHERE p."entry_id" = c."entry_id" RETURNING p."entry_id"
  )
  SELECT coalesce(array_agg("entry_id"), '{}') INTO pending FROM gone;
  ${removePostings(PAIR_POSTINGS, `c."entry_id" <> ALL (pending)`)};
  RETURN NULL;
END $$`,
  // Named after entry_search_insert_chars and entry_search_delete_chars: they fire after them.
  `CREATE TRIGGER "entry_search_insert_pairs" AFTER INSERT ON "entry_search"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_pairs_defer"()`,
  `CREATE TRIGGER "entry_search_delete_pairs" AFTER DELETE ON "entry_search"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_pairs_remove"()`,
];

/** Entries taken from the pending list by one step, at most. */
export const PAIR_STEP_ENTRIES = 256;

/**
 * One step of the deferred pair index: takes up to `PAIR_STEP_ENTRIES` pending entries (`$1`),
 * the lowest ids first, skipping any that another step holds, and adds their pairs to the
 * postings and the groups (groups locked in key order). Returns one row per entry indexed.
 */
export const PAIR_STEP = `WITH taken AS (
  DELETE FROM "pairs_pending" WHERE "entry_id" IN (
    SELECT "entry_id" FROM "pairs_pending" ORDER BY "entry_id" LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING "entry_id"
), ${addedPostings(PAIR_POSTINGS, `taken t JOIN "entry_search" s ON s."entry_id" = t."entry_id"`)}, grouped AS (
  ${addToGroups(PAIR_POSTINGS)}
)
SELECT "entry_id" FROM taken`;

/**
 * The ranking index of the pair postings, built after the rows when a migration fills them. It
 * holds where the pairs stand too, so that a longer term reads them from the index in key order
 * rather than from rows scattered over the table (`positional.ts`).
 */
const PAIR_INDEX = `CREATE INDEX "entry_pairs_rank" ON "entry_pairs" ("key", "head", "body", "tokens", "entry_id")
  INCLUDE ("head_at", "body_at")`;

/**
 * What a filtered search reads of each entry, in a narrow index: a filtered search joins every
 * posting of its terms with its entry and year, and read the wide rows of `entries` for it (契丹
 * between 995 and 1025 on the benchmark's 30 M characters: every entry's row, 57 ms of 64).
 * As SQLite's `entries_search_filter` (`../sqlite/search-filter.ts`).
 */
const FILTER_INDEX = `CREATE INDEX IF NOT EXISTS "entries_search_filter" ON "entries" ("id")
  INCLUDE ("year_id", "document_id", "jdn_start", "jdn_end", "month", "leap")`;

/** Everything an empty schema needs, after `POSTINGS_DDL`. */
export const PAIR_POSTINGS_DDL = [...PAIR_TABLES, PAIR_INDEX, FILTER_INDEX];

/** Removes the pair postings, their functions and their triggers, whatever of them there is. */
const DROP_PAIRS = `DROP TRIGGER IF EXISTS "entry_search_insert_pairs" ON "entry_search";
DROP TRIGGER IF EXISTS "entry_search_delete_pairs" ON "entry_search";
DROP TABLE IF EXISTS "entry_pairs", "entry_pair_groups", "pairs_pending";
DROP FUNCTION IF EXISTS "search_pairs_defer"(), "search_pairs_remove"(), "search_pairs"(text, text)`;

/**
 * Version 7 → 8: creates the pair postings and fills them from the stored index rows.
 *
 * @example
 * PAIR_POSTINGS_MIGRATION.version //=> 8
 */
export const PAIR_POSTINGS_MIGRATION: PostgresMigration = {
  version: 8,
  description: "pair postings for searches of two-character terms; a narrow index for filtered searches",
  async up(client: PoolClient) {
    // Made anew, whatever an interrupted or faked upgrade may have left.
    await client.query(DROP_PAIRS);
    await client.query(PAIR_TABLES.join(";\n"));
    await client.query(
      `WITH ${addedPostings(PAIR_POSTINGS, '"entry_search" s')} ${addToGroups(PAIR_POSTINGS, true)}`,
    );
    await client.query(PAIR_INDEX);
    await client.query(FILTER_INDEX);
    await client.query(`ANALYZE "entry_pairs"`);
  },
};

/**
 * Version 9 → 10: the pair postings keep where each pair stands (`head_at`, `body_at`). They are
 * made again, after the upgrade, as after an ingest: every entry is listed as pending, and
 * `indexStep` indexes them later (`biannian serve` in its idle time); until then searches read
 * the texts, with the same answers. A schema that came from version 7 through this code's
 * version 8 has them already.
 *
 * @example
 * PAIR_POSITIONS_MIGRATION.version //=> 10
 */
export const PAIR_POSITIONS_MIGRATION: PostgresMigration = {
  version: 10,
  description: "where each pair stands, so that longer terms are found in the pair postings",
  async up(client: PoolClient) {
    const made = await client.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'entry_pairs' AND column_name = 'head_at'`,
    );
    if ((made.rowCount ?? 0) > 0) return;
    await client.query(DROP_PAIRS);
    await client.query([...PAIR_TABLES, PAIR_INDEX].join(";\n"));
    await client.query(`INSERT INTO "pairs_pending" ("entry_id") SELECT "entry_id" FROM "entry_search"`);
  },
};
