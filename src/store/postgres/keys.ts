/**
 * Exact keys for the PostgreSQL search index (schema version 3). Version 1 hashed each pair of
 * neighbouring characters into a 32-bit key, so that a pair's entries had to be confirmed by
 * reading their texts. Here the keys are 64-bit and exact: a character is its code point, a pair
 * `(first + 1) · 0x110000 + second`, and a pair of the headline has `HEADLINE_KEY` added as well.
 * A two-character term's document frequencies — anywhere, and in headlines — are then two counts
 * of the GIN index, without reading a text.
 */
import type { PoolClient } from "pg";
import type { PostgresMigration } from "./migrate.ts";

/** Code points are below this; a pair's key is above it. */
export const CODE_POINTS = 0x110000;
/** Added to the key of a pair that stands in the headline (above every pair key, below 2^53). */
export const HEADLINE_KEY = 2 ** 42;

/**
 * The index key of a pair of code points: above every code point, and distinct for distinct pairs.
 *
 * @example
 * pairKey(0x97e9, 0x7426) //=> 43327845414 (韩, 琦)
 */
export function pairKey(first: number, second: number): number {
  return (first + 1) * CODE_POINTS + second;
}

/** The index: every character and pair of `headline \n body`, and every pair of the headline again. */
export const EXACT_KEYS_DDL = [
  `DROP INDEX IF EXISTS "entry_search_keys"`,
  `DROP FUNCTION IF EXISTS "search_keys"(text)`,
  // As costly as version 1's, for the same reason: the planner must go through the index.
  `CREATE FUNCTION "search_keys"(h text, b text) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 100000 AS $$
  SELECT coalesce(array_agg(DISTINCT k), '{}')
  FROM (SELECT string_to_array(h || E'\\n' || b, NULL) AS a, string_to_array(h, NULL) AS t) s,
  LATERAL (SELECT ascii(c)::int8 AS k FROM unnest(s.a) AS c
           UNION ALL
           SELECT (ascii(p)::int8 + 1) * ${CODE_POINTS} + ascii(c)
           FROM unnest(s.a[1:cardinality(s.a) - 1], s.a[2:cardinality(s.a)]) AS u(p, c)
           UNION ALL
           SELECT ${HEADLINE_KEY}::int8 + (ascii(p)::int8 + 1) * ${CODE_POINTS} + ascii(c)
           FROM unnest(s.t[1:cardinality(s.t) - 1], s.t[2:cardinality(s.t)]) AS u(p, c)) g
$$`,
  `CREATE INDEX "entry_search_keys" ON "entry_search" USING gin ((search_keys(headline, body)))`,
];

/**
 * Version 2 → 3: the index rebuilt with exact keys.
 *
 * @example
 * EXACT_KEYS_MIGRATION.version //=> 3
 */
export const EXACT_KEYS_MIGRATION: PostgresMigration = {
  version: 3,
  description: "exact 64-bit keys in the search index, pairs of the headline apart",
  async up(client: PoolClient) {
    await client.query(EXACT_KEYS_DDL.join(";\n"));
  },
};
