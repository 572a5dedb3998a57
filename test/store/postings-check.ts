/** A check that the PostgreSQL postings (characters or pairs) hold what the stored index rows say. */
import type { PostgresStore } from "../../src/store/index.ts";

/** The tables of one kind of postings and the function that gives an entry's keys. */
interface Postings {
  rows: string;
  groups: string;
  keysOf: string;
  /** Entries listed in `pairs_pending` are not expected in the rows yet. */
  deferred?: boolean;
}

/**
 * Counts what differs between the postings and the stored texts: (key, entry) rows that the
 * function gives and the table lacks (`missing`) or the table holds beyond them (`extra`), and
 * groups whose counts do not add up to the rows (`groups`). All three are 0 when they agree.
 */
export async function postingsInStep(
  store: PostgresStore,
  postings: Postings,
): Promise<{ missing: number; extra: number; groups: number }> {
  const { rows, groups, keysOf } = postings;
  const notPending = postings.deferred ? "WHERE s.entry_id NOT IN (SELECT entry_id FROM pairs_pending)" : "";
  const result = await store.pool.query<{ missing: number; extra: number; groups: number }>(
    `WITH expected AS (
       SELECT s.entry_id, k.key, k.head, k.body, s.tokens::integer AS tokens
       FROM entry_search s CROSS JOIN LATERAL ${keysOf}(s.headline, s.body) k
       ${notPending}
     ), counted AS (
       SELECT key, head, body, count(*) AS entries FROM ${rows} GROUP BY 1, 2, 3
     )
     SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT entry_id, key, head, body, tokens FROM ${rows}) x) AS missing,
            (SELECT count(*) FROM (SELECT entry_id, key, head, body, tokens FROM ${rows} EXCEPT ALL SELECT * FROM expected) x) AS extra,
            (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT key, head, body, entries FROM ${groups}
                                   UNION ALL
                                   SELECT key, head, body, entries FROM ${groups} WHERE entries > 0 EXCEPT SELECT * FROM counted) x) AS groups`,
  );
  return result.rows[0]!;
}
