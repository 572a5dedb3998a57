/**
 * Terms of three characters or more, read from the pair postings and where their pairs stand
 * (schema version 10, `pairs.ts`): no text is read. A term stands where its pairs stand one after
 * another in one field: 元昊遣 where 元昊 stands at p and 昊遣 at p + 1. Every other pair from the
 * first, and the last, cover each of the term's characters, so they are enough: 西夏國主 stands
 * where 西夏 stands at p and 國主 at p + 2. The number of such p in the headline and in the rest
 * are the term's hits in each, overlapping ones included (之之之 twice in 之之之之), as FTS5
 * counts a phrase's hits; pairs across the paragraph separator are not kept, so no term spans two
 * paragraphs, as in the SQLite index.
 *
 * Reading the texts instead meant reading every entry that holds all the term's pairs: for 未可量
 * on the benchmark's 30 M characters, 2,808 entries whose headlines alone are 12.8 MB.
 */
import type { SqlParams } from "../sql/params.ts";
import { pairKey } from "./keys.ts";

/**
 * The most entries a pair may stand in for a term of its to be read by where its pairs stand
 * (`PostgresStoreOptions.positionalMaxEntries`): every entry of every pair is read from the index,
 * while the texts are read only for the entries that hold all the pairs. On the benchmark's 30 M
 * characters, terms whose pairs stand in a few thousand entries each (未可量, 山界蕃部, 勞而反逸)
 * took half their time in the texts or less; 契丹稱, whose 契丹 stands in 39,312, four times as long.
 * With the limit at 4,000, 10,000 or 20,000, the p95 of the statements of the benchmark's queries
 * with such terms was 8.64, 8.53 or 7.52 ms (12.63 in the texts), within the runs' noise.
 */
export const POSITIONAL_MAX_ENTRIES = 16_000;

/** A pair of a term and its offset in the term, in code points. */
export interface CoveringPair {
  key: number;
  offset: number;
}

/**
 * The pairs that cover a term of two code points or more: every other one from the first, and
 * the last.
 *
 * @example
 * coveringPairs([0x5143, 0x660a, 0x9063]).map((p) => p.offset) //=> [0, 1]
 * coveringPairs([0x897f, 0x590f, 0x570b, 0x4e3b]).map((p) => p.offset) //=> [0, 2]
 */
export function coveringPairs(codes: readonly number[]): CoveringPair[] {
  const pairs: CoveringPair[] = [];
  for (let offset = 0; offset + 1 < codes.length; offset += 2)
    pairs.push({ key: pairKey(codes[offset]!, codes[offset + 1]!), offset });
  const last = codes.length - 2;
  if (last > 0 && last % 2 === 1) pairs.push({ key: pairKey(codes[last]!, codes[last + 1]!), offset: last });
  return pairs;
}

/**
 * A query giving the entries where a term of three code points or more stands, with its hits:
 * `entry_id`, `tokens`, `head` (hits in the headline) and `body` (in the rest), each above 0 in
 * one field at least.
 *
 * @param codes the folded term's code points (three or more)
 * @param alias a prefix for the names of the pair postings read, unique in the statement
 * @param params where the keys are bound
 */
export function positionalTermSql(codes: readonly number[], alias: string, params: SqlParams): string {
  const pairs = coveringPairs(codes);
  if (pairs.length < 2) throw new Error(`expected a term of three characters or more, not ${codes.length}`);
  const name = (j: number) => `${alias}${j}`;
  const keys = pairs.map((p) => params.add(p.key, "bigint"));
  /** The term's hits in one field: the positions of the first pair where each other pair follows at its offset. */
  const hits = (column: "head_at" | "body_at") => {
    const absent = pairs.map((_, j) => `${name(j)}.${column} IS NULL`).join(" OR ");
    const follow = pairs
      .slice(1)
      .map((p, j) => `x.at + ${p.offset} = ANY (${name(j + 1)}.${column})`)
      .join(" AND ");
    return `CASE WHEN ${absent} THEN 0
      ELSE (SELECT count(*) FROM unnest(${name(0)}.${column}) AS x(at) WHERE ${follow})::integer END`;
  };
  const joins = pairs
    .slice(1)
    .map(
      (_, j) =>
        `JOIN entry_pairs ${name(j + 1)} ON ${name(j + 1)}.entry_id = ${name(0)}.entry_id AND ${name(j + 1)}.key = ${keys[j + 1]}`,
    );
  return `SELECT * FROM (
    SELECT ${name(0)}.entry_id, ${name(0)}.tokens, ${hits("head_at")} AS head, ${hits("body_at")} AS body
    FROM entry_pairs ${name(0)} ${joins.join(" ")}
    WHERE ${name(0)}.key = ${keys[0]}) ${alias}
  WHERE ${alias}.head + ${alias}.body > 0`;
}
