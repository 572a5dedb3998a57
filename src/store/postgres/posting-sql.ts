/**
 * The statements that keep postings of the PostgreSQL search index: the character postings
 * (`postings.ts`) and the pair postings (`pairs.ts`) have the same two tables — rows per (key,
 * entry) and counts per (key, headline count, body count) — and are added and removed the same
 * way, each from its own function of an entry's texts.
 */

/** One kind of postings: its rows, its groups and the function that gives an entry's keys with their counts. */
export interface PostingKind {
  rows: string;
  groups: string;
  /** A function `(headline, body)` returning `("key", "head", "body")` rows. */
  keysOf: string;
  /** True when the rows keep where the key stands (`head_at`, `body_at`, from `keysOf` too). */
  positions?: boolean;
}

/**
 * The CTE `added`: inserts the postings of the entries `from` names as `s` (with `entry_id`,
 * `headline`, `body` and `tokens`) and returns their groups' keys, for `addToGroups`.
 */
export function addedPostings(kind: PostingKind, from: string): string {
  const columns = kind.positions ? ', "head_at", "body_at"' : "";
  const values = kind.positions ? ', k."head_at", k."body_at"' : "";
  return `added AS (
  INSERT INTO "${kind.rows}" ("key", "entry_id", "head", "body", "tokens"${columns})
  SELECT k."key", s."entry_id", k."head", k."body", s."tokens"${values}
  FROM ${from} CROSS JOIN LATERAL ${kind.keysOf}(s."headline", s."body") k
  RETURNING "key", "head", "body"
)`;
}

/**
 * Counts what `added` inserted in the groups. Groups are locked in key order, so that writers
 * never wait for each other in a circle; `fresh` (a migration filling empty tables) needs
 * neither the order nor the upsert.
 */
export function addToGroups(kind: PostingKind, fresh = false): string {
  const insert = `INSERT INTO "${kind.groups}" ("key", "head", "body", "entries")
  SELECT "key", "head", "body", count(*) FROM added GROUP BY 1, 2, 3`;
  if (fresh) return insert;
  return `${insert} ORDER BY 1, 2, 3
  ON CONFLICT ("key", "head", "body") DO UPDATE SET "entries" = "${kind.groups}"."entries" + excluded."entries"`;
}

/**
 * Removes the postings of the entries of the transition table `changed` (`keep`: a condition on
 * `c` that spares an entry) and takes them off their groups. Each row is found by its whole index
 * key, recomputed from the removed text: one index probe each (the function running it keeps the
 * planner from scanning the table instead).
 */
export function removePostings(kind: PostingKind, keep = "TRUE"): string {
  return `WITH removed AS (
    DELETE FROM "${kind.rows}" p USING "changed" c CROSS JOIN LATERAL ${kind.keysOf}(c."headline", c."body") k
    WHERE ${keep}
      AND p."key" = k."key" AND p."head" = k."head" AND p."body" = k."body"
      AND p."tokens" = c."tokens" AND p."entry_id" = c."entry_id"
    RETURNING p."key", p."head", p."body"
  ), lost AS (
    SELECT "key", "head", "body", count(*) AS n FROM removed GROUP BY 1, 2, 3
  )
  UPDATE "${kind.groups}" g SET "entries" = g."entries" - lost.n
  FROM lost WHERE g."key" = lost."key" AND g."head" = lost."head" AND g."body" = lost."body"`;
}
