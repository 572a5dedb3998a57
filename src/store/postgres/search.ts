/**
 * The PostgreSQL search index: the folded texts of each entry, with a GIN index over the
 * entry's distinct characters and character pairs. See `src/search/README.md` (“The index on
 * PostgreSQL”) for the design and the measurements.
 *
 * A query term of one character looks up that character; a longer term looks up all of its
 * pairs, and `strpos` on the folded text confirms that they stand together — unless the postings
 * answer it: one- and two-character terms from theirs, longer ones from where their pairs stand
 * (`positional.ts`). Ranking reproduces
 * the SQLite backend's FTS5 bm25 to the bit: the same formula, the same statistics (rows and
 * tokens, kept by triggers) and the same order of floating-point operations, so both backends
 * return the same pages.
 */
import type { QueryTerm } from "../../search/query.ts";
import type { SqlParams } from "../sql/params.ts";
import { HEADLINE_KEY, pairKey } from "./keys.ts";
import { positionalTermSql } from "./positional.ts";

/** Between two paragraphs of one entry's text: whitespace, which no query term contains. */
export const PARAGRAPH_SEPARATOR = "\n";

/** Version 1's keys of an entry's folded texts (replaced by those of `keys.ts` in version 3). */
const KEYS = "search_keys(headline || E'\\n' || body)";

/** The index: one row per entry, created with the tables (after `entries`). */
export const SEARCH_DDL = [
  `CREATE TABLE "entry_search" (
  "entry_id" bigint PRIMARY KEY REFERENCES "entries" ("id") ON DELETE CASCADE,
  "headline" text NOT NULL,
  "body" text NOT NULL,
  "tokens" bigint NOT NULL
)`,
  // Version 1: each character's code point, and a 32-bit hash of each pair of neighbours.
  // The high cost keeps the planner from calling it row by row: a search always goes through the
  // index, whose answer for `@>` is exact, so the function only runs when a row is written.
  `CREATE FUNCTION "search_keys"(t text) RETURNS integer[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 100000 AS $$
  SELECT coalesce(array_agg(DISTINCT k), '{}') FROM (SELECT string_to_array(t, NULL) AS a) s,
  LATERAL (SELECT ascii(c) AS k FROM unnest(s.a) AS c
           UNION ALL
           SELECT (-1 - ((ascii(p)::int8 * 1114112 + ascii(c)) % 2147483647))::int
           FROM unnest(s.a[1:cardinality(s.a) - 1], s.a[2:cardinality(s.a)]) AS u(p, c)) g
$$`,
  `CREATE INDEX "entry_search_keys" ON "entry_search" USING gin ((${KEYS}))`,
  // bm25 needs the number of rows and of tokens of the whole index: kept here, not counted per query.
  `CREATE TABLE "search_stats" (
  "id" integer PRIMARY KEY CHECK ("id" = 1),
  "rows" bigint NOT NULL,
  "tokens" bigint NOT NULL
)`,
  `INSERT INTO "search_stats" ("id", "rows", "tokens") VALUES (1, 0, 0)`,
  `CREATE FUNCTION "search_stats_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "search_stats" SET
    "rows" = "rows" + (SELECT count(*) FROM "changed"),
    "tokens" = "tokens" + (SELECT coalesce(sum("tokens"), 0) FROM "changed");
  RETURN NULL;
END $$`,
  `CREATE FUNCTION "search_stats_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "search_stats" SET
    "rows" = "rows" - (SELECT count(*) FROM "changed"),
    "tokens" = "tokens" - (SELECT coalesce(sum("tokens"), 0) FROM "changed");
  RETURN NULL;
END $$`,
  `CREATE TRIGGER "entry_search_insert" AFTER INSERT ON "entry_search"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_stats_add"()`,
  // Entries go when their document is replaced or deleted (ON DELETE CASCADE), and their index rows with them.
  `CREATE TRIGGER "entry_search_delete" AFTER DELETE ON "entry_search"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_stats_remove"()`,
];

function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const char of text) out.push(char.codePointAt(0)!);
  return out;
}

/** Code points of a text: one FTS5 token each in the SQLite index. */
function tokenCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** An entry's row of the index, from its folded headline, details and notes. */
export interface SearchRow {
  headline: string;
  /** Details, then notes, each folded, joined by `PARAGRAPH_SEPARATOR`. */
  body: string;
  /** The tokens the SQLite index holds for the entry (bm25's document length). */
  tokens: number;
}

/**
 * The index row of an entry. `tokens` counts as FTS5 does in the SQLite index: one token per
 * code point, plus one between two paragraphs of the details (and of the notes).
 *
 * @param headline the folded headline
 * @param details the folded details
 * @param notes the folded notes
 * @example
 * searchRow("元昊", ["遣使"], []).tokens //=> 4
 */
export function searchRow(headline: string, details: readonly string[], notes: readonly string[]): SearchRow {
  let tokens = tokenCount(headline);
  for (const column of [details, notes]) {
    if (column.length > 0) tokens += column.length - 1;
    for (const paragraph of column) tokens += tokenCount(paragraph);
  }
  return { headline, body: [...details, ...notes].join(PARAGRAPH_SEPARATOR), tokens };
}

/**
 * The index keys a folded term needs: its character, or all of its pairs.
 *
 * @example
 * termKeys("茶") //=> [33590]
 */
export function termKeys(folded: string): number[] {
  const codes = codePoints(folded);
  if (codes.length === 1) return codes;
  const keys = new Set<number>();
  for (let i = 1; i < codes.length; i++) keys.add(pairKey(codes[i - 1]!, codes[i]!));
  return [...keys].sort((a, b) => a - b);
}

/** True when two occurrences of `folded` can overlap (`之之` in `之之之`): a prefix is also a suffix. */
function selfOverlapping(folded: string): boolean {
  const codes = codePoints(folded);
  for (let k = 1; k < codes.length; k++) {
    let border = true;
    for (let i = 0; i < k && border; i++) border = codes[i] === codes[codes.length - k + i];
    if (border) return true;
  }
  return false;
}

const REGEX_SPECIAL = /[^0-9A-Za-z\u0080-\u{10FFFF}]/gu;

/** The occurrences of a term in a text column, overlapping ones included, as FTS5 counts phrase hits. */
function occurrences(column: string, term: QueryTerm, params: SqlParams): string {
  if (selfOverlapping(term.folded)) {
    const pattern = `(?=${term.folded.replace(REGEX_SPECIAL, (c) => `\\${c}`)})`;
    return `(SELECT count(*) FROM regexp_matches(${column}, ${params.add(pattern)}, 'g'))`;
  }
  // Bytes, not characters: octet_length needs no scan, and UTF-8 matches only whole characters.
  const text = params.add(term.folded);
  const bytes = params.add(Buffer.byteLength(term.folded), "bigint");
  return `((octet_length(${column}) - octet_length(replace(${column}, ${text}, ''))) / ${bytes})`;
}

// FTS5's bm25 constants, and the column weights the SQLite backend passes (headline 4, the rest 1).
const K1 = "1.2::float8";
const B = "0.75::float8";
const HEADLINE_WEIGHT = 4;

/** One phrase's term of bm25 as FTS5 computes it, operation for operation. */
function bm25Term(idf: string, frequency: string): string {
  return `(${idf} * ((${frequency} * (${K1} + 1.0::float8)) / (${frequency} + ${K1} * (1.0::float8 - ${B} + ${B} * m.d / w.avgdl))))`;
}

/** FTS5's inverse document frequency: log((N - n + 0.5) / (n + 0.5)), at least 1e-6. */
function idfSql(count: string): string {
  const value = `ln(((st.n - ${count})::float8 + 0.5::float8) / (${count}::float8 + 0.5::float8))`;
  return `(CASE WHEN ${value} <= 0 THEN 1e-6::float8 ELSE ${value} END)`;
}

/** Where a term of one or two characters has its postings: the table, its groups, its key. */
interface Postings {
  rows: string;
  groups: string;
  key: string;
}

/** The postings of a term of one or two characters (`postings.ts`, `pairs.ts`); null for longer ones. */
function postingsOf(term: QueryTerm, params: SqlParams): Postings | null {
  const codes = codePoints(term.folded);
  if (codes.length === 1)
    return { rows: "entry_chars", groups: "entry_char_groups", key: params.add(codes[0], "integer") };
  if (codes.length === 2) {
    const key = params.add(pairKey(codes[0]!, codes[1]!), "bigint");
    return { rows: "entry_pairs", groups: "entry_pair_groups", key };
  }
  return null;
}

/** A term's document frequencies (anywhere, in the headline) as `all{i}` and `head{i}`, from its groups. */
function groupFrequencies(postings: Postings, i: number): string {
  return `CROSS JOIN LATERAL (
    SELECT coalesce(sum(entries), 0)::bigint AS all${i},
      coalesce(sum(entries) FILTER (WHERE head > 0), 0)::bigint AS head${i}
    FROM ${postings.groups} WHERE key = ${postings.key}) f${i}`;
}

/**
 * The statement that ranks a search: one row with `part = 0` and the total, then one row per
 * entry of the page (`part = 1`, with `rank`, `id` and `score`).
 *
 * Entries with a term in the headline come first, then the others; within each, by bm25 (higher
 * first), then by id — the SQLite backend's two tiers of FTS5 queries, each ordered by
 * `bm25(entry_fts, 4, 1, 1)`. In the first tier FTS5 also scores the headline-only phrases of
 * the tier's query; in the second they have no hit and add nothing, so one sum serves both.
 * bm25's document frequencies count over the whole index, filters aside: for a single term
 * without filters they are the matches themselves, otherwise one more index scan per term.
 * A query whose terms all have one or two characters reads the postings instead
 * (`postingSearchSql`, `postingsJoinSql`), and one with longer terms the pair postings and where
 * the pairs stand (`postingsJoinSql` too): no text at all. The pair postings are used only when
 * `pairs` says they are complete (no entry pending, `pairs.ts`); until then a term of three
 * characters or more is looked up in the GIN index and confirmed in the texts, as below.
 *
 * @param terms the query's terms, as `parseQuery` returns them
 * @param filter `joins` (after `entry_search s JOIN entries e`) and `conditions`
 * @param params where the values are bound
 * @param pairs whether the pair postings hold every entry
 * @param positional whether terms of three characters or more are read from the pair postings
 *   (when they hold every entry) rather than from the GIN index and the texts
 */
export function searchSql(
  terms: readonly QueryTerm[],
  filter: { joins: string; conditions: readonly string[] },
  page: { limit: number; offset: number },
  params: SqlParams,
  pairs = true,
  positional = true,
): string {
  const keysOf = (alias: string, keys: readonly number[]) =>
    `search_keys(${alias}.headline, ${alias}.body) @> ${params.add(keys, "bigint[]")}`;
  const inPostings = (term: QueryTerm) => codePoints(term.folded).length <= (pairs ? 2 : 1);
  if (terms.length === 1 && inPostings(terms[0]!))
    return postingSearchSql(postingsOf(terms[0]!, params)!, filter, page, params);
  if (terms.every(inPostings) || (pairs && positional)) return postingsJoinSql(terms, filter, page, params);
  const counts = terms.map(
    (term, i) =>
      `${occurrences("s.headline", term, params)} AS h${i}, ${occurrences("s.body", term, params)} AS b${i}`,
  );
  const unfiltered = terms.length === 1 && filter.conditions.length === 0;
  const frequencyColumns = unfiltered
    ? ["(SELECT count(*) FROM matched) AS all0", "(SELECT count(*) FROM matched WHERE h0 > 0) AS head0"]
    : terms.flatMap((_, i) => [`f${i}.all${i}`, `f${i}.head${i}`]);
  const frequencyJoins = unfiltered
    ? []
    : terms.map((term, i) => {
        // One or two characters: their groups in the postings. Two, without the pair postings:
        // the exact keys, counted in the index.
        if (inPostings(term)) return groupFrequencies(postingsOf(term, params)!, i);
        const codes = codePoints(term.folded);
        if (codes.length === 2) {
          const pair = pairKey(codes[0]!, codes[1]!);
          return `CROSS JOIN LATERAL (
    SELECT (SELECT count(*) FROM entry_search s WHERE ${keysOf("s", [pair])}) AS all${i},
      (SELECT count(*) FROM entry_search s WHERE ${keysOf("s", [HEADLINE_KEY + pair])}) AS head${i}) f${i}`;
        }
        const text = params.add(term.folded);
        const inHeadline = `strpos(s.headline, ${text}) > 0`;
        return `CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE ${inHeadline} OR strpos(s.body, ${text}) > 0) AS all${i},
      count(*) FILTER (WHERE ${inHeadline}) AS head${i}
    FROM entry_search s WHERE ${keysOf("s", termKeys(term.folded))}) f${i}`;
      });
  const keys = keysOf("s", [...new Set(terms.flatMap((t) => termKeys(t.folded)))]);
  // With a filter, the index is read first, behind a fence (OFFSET 0): left to itself the planner
  // may start from the filtered entries and compute the key function of each one's text, a
  // quarter of a millisecond per entry.
  // Only ids leave the fence: the texts are read for the entries the filter keeps.
  const source = filter.joins
    ? `(SELECT s.entry_id FROM entry_search s WHERE ${keys} OFFSET 0) k
  JOIN entries e ON e.id = k.entry_id ${filter.joins} JOIN entry_search s ON s.entry_id = k.entry_id`
    : "entry_search s";
  const where = filter.joins ? filter.conditions : [keys, ...filter.conditions];
  const stats = `SELECT x.rows AS n, x.tokens::float8 / nullif(x.rows, 0)::float8 AS avgdl, ${frequencyColumns.join(", ")}
  FROM search_stats x ${frequencyJoins.join("\n  ")}`;
  // The counts in a subquery of their own (OFFSET 0 keeps it apart), so that each is computed
  // once per entry, not again for the test of `matched`.
  return `WITH hits AS (
  SELECT s.entry_id AS id, s.tokens::float8 AS d, n.*
  FROM ${source}
  CROSS JOIN LATERAL (SELECT ${counts.join(", ")} OFFSET 0) n
  WHERE ${where.length ? where.join(" AND ") : "TRUE"}
), matched AS MATERIALIZED (
  SELECT * FROM hits WHERE ${terms.map((_, i) => `h${i} + b${i} > 0`).join(" AND ")}
), st AS MATERIALIZED (
  ${stats}
), ${rankedPage(terms.length, "(SELECT count(*) FROM matched)", page, params)}`;
}

/**
 * The statement for several terms, or for terms of three characters or more once the pair
 * postings hold every entry: the entries are those of every term, joined on the entry, each
 * term's counts from its own row. A term of one or two characters has them from its postings and
 * its document frequencies from its groups; a longer one its entries and hits from where its
 * pairs stand (`positionalTermSql`), in a CTE of its own that also gives its document
 * frequencies. No text is read.
 */
function postingsJoinSql(
  terms: readonly QueryTerm[],
  filter: { joins: string; conditions: readonly string[] },
  page: { limit: number; offset: number },
  params: SqlParams,
): string {
  const ctes: string[] = [];
  const frequencies: string[] = [];
  const sources: string[] = [];
  const keyConditions: string[] = [];
  terms.forEach((term, i) => {
    const codes = codePoints(term.folded);
    const postings = postingsOf(term, params);
    if (postings) {
      sources.push(`${postings.rows} p${i}`);
      keyConditions.push(`p${i}.key = ${postings.key}`);
      frequencies.push(groupFrequencies(postings, i));
      return;
    }
    ctes.push(`t${i} AS MATERIALIZED (\n  ${positionalTermSql(codes, `t${i}q`, params)}\n)`);
    sources.push(`t${i} p${i}`);
    frequencies.push(`CROSS JOIN LATERAL (
    SELECT count(*) AS all${i}, count(*) FILTER (WHERE head > 0) AS head${i} FROM t${i}) f${i}`);
  });
  const joins = sources.slice(1).map((source, j) => `JOIN ${source} ON p${j + 1}.entry_id = p0.entry_id`);
  if (filter.conditions.length) joins.push(`JOIN entries e ON e.id = p0.entry_id ${filter.joins}`);
  const where = [...keyConditions, ...filter.conditions];
  const counts = terms.map((_, i) => `p${i}.head AS h${i}, p${i}.body AS b${i}`);
  const st = `st AS MATERIALIZED (
  SELECT x.rows AS n, x.tokens::float8 / nullif(x.rows, 0)::float8 AS avgdl,
    ${terms.map((_, i) => `f${i}.all${i}, f${i}.head${i}`).join(", ")}
  FROM search_stats x ${frequencies.join("\n  ")}
)`;
  return `WITH ${[...ctes, st].join(",\n")}, matched AS MATERIALIZED (
  SELECT p0.entry_id AS id, p0.tokens::float8 AS d, ${counts.join(", ")}
  FROM ${sources[0]} ${joins.join("\n  ")}
  WHERE ${where.length ? where.join(" AND ") : "TRUE"}
), ${rankedPage(terms.length, "(SELECT count(*) FROM matched)", page, params)}`;
}

/**
 * The end of a search statement, after the CTEs `matched` (`id`, `d`, `h0`, `b0`…) and `st`
 * (`n`, `avgdl`, `all0`, `head0`…): the `part = 0` row with the total (and whether any entry is
 * pending for the pair postings, read in the same snapshot), then the page.
 */
function rankedPage(
  termCount: number,
  total: string,
  page: { limit: number; offset: number },
  params: SqlParams,
): string {
  const indexes = Array.from({ length: termCount }, (_, i) => i);
  const score = [
    ...indexes.map((i) => bm25Term(`w.all${i}`, `(${HEADLINE_WEIGHT} * m.h${i} + m.b${i})::float8`)),
    ...indexes.map((i) => bm25Term(`w.head${i}`, `(${HEADLINE_WEIGHT} * m.h${i})::float8`)),
  ].join("\n    + ");
  // The IDFs once per query rather than once per entry: the same values, so the same scores.
  const idfs = indexes.map((i) => `${idfSql(`st.all${i}`)} AS all${i}, ${idfSql(`st.head${i}`)} AS head${i}`);
  return `w AS MATERIALIZED (
  SELECT st.avgdl, ${idfs.join(", ")} FROM st
), scored AS (
  SELECT m.id, (${indexes.map((i) => `m.h${i} > 0`).join(" OR ")}) AS first,
    ${score} AS score
  FROM matched m CROSS JOIN w
)
SELECT 0 AS part, 0::bigint AS rank, NULL::bigint AS id, NULL::float8 AS score, ${total} AS total,
  EXISTS (SELECT 1 FROM pairs_pending) AS pending
UNION ALL
SELECT 1, row_number() OVER (ORDER BY first DESC, score DESC, id), id, score, NULL, NULL
FROM (SELECT * FROM scored ORDER BY first DESC, score DESC, id LIMIT ${params.add(page.limit, "bigint")} OFFSET ${params.add(page.offset, "bigint")}) p`;
}

/**
 * The statement for a search of one term of one or two characters, from its postings
 * (`postings.ts`, `pairs.ts`): no text is read. The document frequencies and, without filters,
 * the total come from the term's groups. Without filters only the first `offset + limit` rows of
 * each (headline, body) group can reach the page: bm25 falls strictly with the entry's length
 * within a group (the steps are many orders of magnitude above rounding) and equal lengths go by
 * id, as the page does; so each group is read in index order and stops there. With filters every
 * posting of the term is joined with the entries and scored, still without reading their texts.
 */
function postingSearchSql(
  postings: Postings,
  filter: { joins: string; conditions: readonly string[] },
  page: { limit: number; offset: number },
  params: SqlParams,
): string {
  const { rows, key } = postings;
  const groups = `g AS MATERIALIZED (
  SELECT head, body, entries FROM ${postings.groups} WHERE key = ${key} AND entries > 0
), st AS MATERIALIZED (
  SELECT x.rows AS n, x.tokens::float8 / nullif(x.rows, 0)::float8 AS avgdl,
    (SELECT coalesce(sum(entries), 0) FROM g)::bigint AS all0,
    (SELECT coalesce(sum(entries), 0) FROM g WHERE head > 0)::bigint AS head0
  FROM search_stats x
)`;
  if (filter.conditions.length === 0) {
    const depth = params.add(page.offset + page.limit, "bigint");
    return `WITH ${groups}, matched AS (
  SELECT c.entry_id AS id, c.tokens::float8 AS d, g.head AS h0, g.body AS b0
  FROM g CROSS JOIN LATERAL (
    SELECT p.entry_id, p.tokens FROM ${rows} p
    WHERE p.key = ${key} AND p.head = g.head AND p.body = g.body
    ORDER BY p.tokens, p.entry_id LIMIT ${depth}) c
), ${rankedPage(1, "(SELECT all0 FROM st)", page, params)}`;
  }
  return `WITH ${groups}, matched AS MATERIALIZED (
  SELECT p.entry_id AS id, p.tokens::float8 AS d, p.head AS h0, p.body AS b0
  FROM ${rows} p JOIN entries e ON e.id = p.entry_id ${filter.joins}
  WHERE p.key = ${key} AND ${filter.conditions.join(" AND ")}
), ${rankedPage(1, "(SELECT count(*) FROM matched)", page, params)}`;
}
