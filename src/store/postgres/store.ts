import { createHash } from "node:crypto";
import pg from "pg";
import { FOLD_VERSION, fold } from "../../search/fold.ts";
import type { QueryTerm } from "../../search/query.ts";
import { StoreError } from "../errors.ts";
import { describeLocation } from "../location.ts";
import type { Dialect, IndexText, Ranked, RankPage, SqlWriter } from "../sql/dialect.ts";
import type { SqlParams } from "../sql/params.ts";
import { SqlStore } from "../sql/store.ts";
import { quoteId } from "./ddl.ts";
import { allocateIds, insertRows } from "./insert.ts";
import { MIGRATION_LOCK, migratePostgres, type PostgresMigrationPlan } from "./migrate.ts";
import { PAIR_STEP, PAIR_STEP_ENTRIES } from "./pairs.ts";
import { POSTGRES_PLAN } from "./plan.ts";
import { POSITIONAL_MAX_ENTRIES } from "./positional.ts";
import { type SearchRow, searchRow, searchSql, termKeys } from "./search.ts";

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /**
   * The PostgreSQL schema to keep the tables in, created when missing (default: the first schema
   * of the connection's `search_path`, usually `public`).
   */
  schema?: string;
  /** Most connections open at once (default 10). */
  maxConnections?: number;
  /** The schema and its migrations (the current ones by default; tests pass others). */
  plan?: PostgresMigrationPlan;
  /**
   * The most entries a pair of a term of three characters or more may stand in for the term to be
   * found by where its pairs stand rather than in the texts (default `POSITIONAL_MAX_ENTRIES`).
   */
  positionalMaxEntries?: number;
  /**
   * How many entries `indexStep` adds to the pair postings before it makes their ranking index
   * anew, once none is left pending (default `COMPACT_PAIRS_AFTER`).
   */
  compactPairsAfter?: number;
}

/**
 * Entries added to the pair postings step by step after which their index is made anew: more
 * than half the bundled corpus's 35,225, about 4 M pair rows. For the benchmark's 30 M characters
 * (98,781 entries) the index builds in about 40 s at once; the pair postings were made in 354 s
 * with the index made anew concurrently at the end, against 248 s without.
 */
export const COMPACT_PAIRS_AFTER = 20_000;

/** Entries read at a time when the search index is rebuilt. */
const BATCH = 256;
/** The advisory lock class of documents (`bian` in ASCII); the second key is a hash of corpus and path. */
const DOCUMENT_LOCK = 0x6269616e;
/** The advisory lock of a search index rebuild. */
const REBUILD_LOCK = [0x6269616e, 2] as const;

const INT8_OID = 20;
/** Schema names the `schema` option accepts (they travel in the connection's startup options). */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** 64-bit integers (ids, counts, every `integer` column) as numbers; refuses what a number cannot hold. */
function parseInt8(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number))
    throw new RangeError(`Expected a safe integer from PostgreSQL, got ${value}`);
  return number;
}

const TYPES = new pg.TypeOverrides();
TYPES.setTypeParser(INT8_OID, parseInt8);

/** A 32-bit key for the advisory lock of one document (corpus and path). */
function documentLockKey(corpus: string, path: string): number {
  return createHash("sha256").update(corpus).update("\0").update(path).digest().readInt32BE(0);
}

type Queryable = pg.Pool | pg.PoolClient;

/** A connection URL without its `options` parameter, and that parameter's value ("" when none). */
function splitOptions(url: string): { connectionString: string; given: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, given: "" };
  }
  const given = parsed.searchParams.get("options") ?? "";
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), given };
}

/** Runs a statement; database errors come back as StoreError with the statement and parameters. */
async function query<R extends pg.QueryResultRow>(
  on: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await on.query<R>(sql, params as unknown[]);
  } catch (error) {
    if (error instanceof pg.DatabaseError) throw new StoreError(error.message, sql, params, { cause: error });
    throw error;
  }
}

/** Adds entries to the search index (its triggers keep the statistics and postings in step). */
async function insertSearchRows(
  client: pg.PoolClient,
  rows: readonly { id: number; row: SearchRow }[],
): Promise<void> {
  if (rows.length === 0) return;
  await query(
    client,
    `INSERT INTO entry_search (entry_id, headline, body, tokens)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.row.headline),
      rows.map((r) => r.row.body),
      rows.map((r) => r.row.tokens),
    ],
  );
}

/** The index row of an entry, from its texts. */
function indexRow(text: IndexText): { id: number; row: SearchRow } {
  return { id: text.id, row: searchRow(fold(text.headline), text.details.map(fold), text.notes.map(fold)) };
}

/** PostgreSQL as a `Dialect`: a pool of connections, one per transaction. */
class PostgresDialect implements Dialect {
  readonly casts = true;
  readonly collate = ' COLLATE "C"';
  // Only in JavaScript: PostgreSQL's JSON functions that remove keys do not keep their order.
  readonly leanDate = null;
  textFromUtf8 = (param: string) => `convert_from(${param}::bytea, 'UTF8')`;
  private closed = false;

  /** Entries this store's steps added to the pair postings since their index was last made anew. */
  private pairsIndexed = 0;

  constructor(
    readonly pool: pg.Pool,
    private readonly positionalMaxEntries = POSITIONAL_MAX_ENTRIES,
    private readonly compactPairsAfter = COMPACT_PAIRS_AFTER,
  ) {}

  async all<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await query<R & pg.QueryResultRow>(this.pool, sql, params)).rows;
  }

  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }

  write<T>(work: (writer: SqlWriter) => Promise<T>, document?: { corpus: string; path: string }): Promise<T> {
    return this.transaction(async (client) => {
      // Two writers of the same document take turns; writers of different documents do not wait.
      if (document)
        await query(client, "SELECT pg_advisory_xact_lock($1, $2)", [
          DOCUMENT_LOCK,
          documentLockKey(document.corpus, document.path),
        ]);
      return work({
        all: async <R>(sql: string, params?: readonly unknown[]) =>
          (await query<R & pg.QueryResultRow>(client, sql, params)).rows,
        run: async (sql, params) => (await query(client, sql, params)).rowCount ?? 0,
        nextIds: (table, count) => allocateIds(client, table, count),
        insert: (table, rows) => insertRows(client, table, rows),
        index: (rows) => insertSearchRows(client, rows.map(indexRow)),
        entities: async (names) => {
          if (names.length === 0) return new Map();
          await query(
            client,
            `INSERT INTO entities (ref, kind, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT (ref) DO NOTHING`,
            [names.map((n) => n.ref), names.map((n) => n.kind), names.map((n) => n.name)],
          );
          const found = await query<{ id: number; ref: string }>(
            client,
            "SELECT id, ref FROM entities WHERE ref = ANY($1::text[])",
            [names.map((n) => n.ref)],
          );
          return new Map(found.rows.map((r) => [r.ref, r.id]));
        },
      });
    });
  }

  async rank(
    terms: readonly QueryTerm[],
    filter: { joins: string; conditions: readonly string[] },
    page: RankPage,
    params: SqlParams,
  ): Promise<Ranked> {
    const again = params.copy();
    const positional = await this.positionalCheap(terms);
    let rows = await this.rankRows(searchSql(terms, filter, page, params, true, positional), params.values);
    // Entries not yet in the pair postings: the statement that does not read them instead.
    const pairs = terms.some((t) => [...t.folded].length >= 2);
    if (pairs && rows.find((r) => r.part === 0)?.pending)
      rows = await this.rankRows(searchSql(terms, filter, page, again, false), again.values);
    const total = rows.find((r) => r.part === 0)?.total ?? 0;
    const ranked = rows
      .filter((r) => r.part === 1)
      .sort((a, b) => a.rank - b.rank)
      .map((r) => ({ id: r.id!, score: r.score! }));
    return { total, ranked };
  }

  /**
   * Whether the terms of three characters or more are better found by where their pairs stand
   * than in the texts: no pair of theirs stands in more than `positionalMaxEntries` entries (by
   * the pair groups). The pairs' places are read for every entry of every pair, and a common pair's
   * are many; the texts are read only for the entries that hold all the pairs, found together in
   * the GIN index (`positional.ts`).
   */
  private async positionalCheap(terms: readonly QueryTerm[]): Promise<boolean> {
    const keys = terms.filter((t) => [...t.folded].length >= 3).flatMap((t) => termKeys(t.folded));
    if (keys.length === 0) return true;
    const [row] = await this.all<{ most: number | null }>(
      `SELECT max(n)::float8 AS most FROM (
        SELECT sum(entries) AS n FROM entry_pair_groups WHERE key = ANY ($1::bigint[]) GROUP BY key) g`,
      [keys],
    );
    return (row?.most ?? 0) <= this.positionalMaxEntries;
  }

  private rankRows(sql: string, values: readonly unknown[]) {
    return this.all<{
      part: number;
      rank: number;
      id: number | null;
      score: number | null;
      total: number | null;
      pending: boolean | null;
    }>(sql, values);
  }

  /**
   * Indexes entries pending for the pair postings, `PAIR_STEP_ENTRIES` at a time, for about
   * `budgetMs` milliseconds; returns whether any remain.
   */
  async pairStep(budgetMs: number): Promise<boolean> {
    const start = performance.now();
    do {
      const done = await query(this.pool, PAIR_STEP, [PAIR_STEP_ENTRIES]);
      if (!done.rowCount) break;
      this.pairsIndexed += done.rowCount;
    } while (performance.now() - start < budgetMs);
    const left = (
      await this.all<{ left: boolean }>("SELECT EXISTS (SELECT 1 FROM pairs_pending) AS left")
    )[0]!.left;
    if (!left && this.pairsIndexed >= this.compactPairsAfter) {
      this.pairsIndexed = 0;
      await this.compactPairIndex();
    }
    return left;
  }

  /**
   * Makes the pair postings' ranking index anew, once many entries were added to it step by step:
   * inserted in the order of the entries, its keys split pages all over it, and on the benchmark's
   * 30 M characters it took about twice the room of the same index made at once. Made anew
   * beside the old one (`CONCURRENTLY`): searches and writes go on meanwhile. One that fails
   * leaves the old index as it was, and its unfinished copy is dropped.
   */
  private async compactPairIndex(): Promise<void> {
    try {
      await query(this.pool, `REINDEX INDEX CONCURRENTLY "entry_pairs_rank"`);
    } catch {
      await query(this.pool, `DROP INDEX CONCURRENTLY IF EXISTS "entry_pairs_rank_ccnew"`).catch(() => {});
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * The PostgreSQL backend of the store (node-postgres): the SQL core over a pool of connections,
 * one transaction per stored document, the search index of `search.ts`. Open it with
 * `openPostgresStore`.
 */
export class PostgresStore extends SqlStore {
  readonly pool: pg.Pool;
  /** The database, for messages: its URL without the password (and the schema, if one was given). */
  readonly label: string;
  private readonly dialect: PostgresDialect;

  private constructor(dialect: PostgresDialect, label: string) {
    super(dialect);
    this.dialect = dialect;
    this.pool = dialect.pool;
    this.label = label;
  }

  /** Connects, checks the database and brings its schema up to date; see `openPostgresStore`. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const label = `${describeLocation(url)}${options.schema !== undefined ? ` (schema ${options.schema})` : ""}`;
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`Expected a schema name of letters, digits and underscores, got "${options.schema}"`);
    }
    // Settings every connection starts with, before any statement runs: the URL's own `options`,
    // no JIT compilation (the search index's key function is declared costly, which would trigger
    // it for nothing) and the schema. The URL's `options` would replace ours: they are merged.
    const { connectionString, given } = splitOptions(url);
    const settings = [given, "-c jit=off"];
    if (options.schema !== undefined) settings.push(`-c search_path=${quoteId(options.schema)}`);
    const pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      types: TYPES,
      options: settings.filter(Boolean).join(" "),
    });
    // An idle connection that the server closes must not bring the process down.
    pool.on("error", () => {});
    const dialect = new PostgresDialect(pool, options.positionalMaxEntries, options.compactPairsAfter);
    const store = new PostgresStore(dialect, label);
    try {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new Error(`Cannot connect to ${label}: ${(error as Error).message}`, { cause: error });
      }
      try {
        await store.prepare(client, options);
      } finally {
        client.release();
      }
      await store.checkFoldVersion();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async prepare(client: pg.PoolClient, options: PostgresStoreOptions): Promise<void> {
    const encoding = (await query<{ server_encoding: string }>(client, "SHOW server_encoding")).rows;
    if (encoding[0]?.server_encoding !== "UTF8") {
      throw new Error(
        `${this.label} has the encoding ${encoding[0]?.server_encoding}; biannian needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8')`,
      );
    }
    if (options.schema !== undefined) {
      // CREATE SCHEMA IF NOT EXISTS races with itself (a unique violation in pg_namespace) when
      // several stores open a new schema at once: serialise it under the migration lock.
      await query(client, "BEGIN");
      try {
        await query(client, "SELECT pg_advisory_xact_lock($1, $2)", [...MIGRATION_LOCK]);
        await query(client, `CREATE SCHEMA IF NOT EXISTS ${quoteId(options.schema)}`);
        await query(client, "COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    const current = (await query<{ name: string | null }>(client, "SELECT current_schema() AS name")).rows;
    if (!current[0]?.name) {
      throw new Error(
        `${this.label} has no schema to keep the tables in (search_path names none that exists); create one or pass a schema`,
      );
    }
    await migratePostgres(client, options.plan ?? POSTGRES_PLAN, this.label);
  }

  /**
   * Adds pending entries to the pair postings for about `budgetMs` milliseconds (`pairs.ts`);
   * returns whether any remain. Searches answer the same before and after, only faster.
   */
  indexStep(budgetMs: number): Promise<boolean> {
    return this.dialect.pairStep(budgetMs);
  }

  /** Rebuilds the search index when it was built with another folding version. */
  private async checkFoldVersion(): Promise<void> {
    const row = (
      await this.dialect.all<{ value: string }>("SELECT value FROM meta WHERE key = 'fold_version'")
    )[0];
    if (row?.value === String(FOLD_VERSION)) return;
    await this.rebuildIndex();
  }

  /** Re-creates every row of the search index from the stored texts, in one transaction. */
  async rebuildIndex(): Promise<void> {
    await this.dialect.transaction(async (client) => {
      await query(client, "SELECT pg_advisory_xact_lock($1, $2)", [...REBUILD_LOCK]);
      // Emptied at once rather than row by row through the triggers; the statistics with them.
      await query(
        client,
        "TRUNCATE entry_search, entry_chars, entry_char_groups, entry_pairs, entry_pair_groups, pairs_pending",
      );
      await query(client, 'UPDATE search_stats SET "rows" = 0, "tokens" = 0');
      let last = 0;
      for (;;) {
        const { rows } = await query<{
          id: number;
          headline: string;
          details: string[] | null;
          notes: string[] | null;
        }>(
          client,
          `SELECT e.id, e.headline,
             (SELECT array_agg(text ORDER BY ord) FROM details WHERE entry_id = e.id) AS details,
             (SELECT array_agg(text ORDER BY ord) FROM notes WHERE entry_id = e.id) AS notes
           FROM entries e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
          [last, BATCH],
        );
        if (rows.length === 0) break;
        await insertSearchRows(
          client,
          rows.map((r) =>
            indexRow({ id: r.id, headline: r.headline, details: r.details ?? [], notes: r.notes ?? [] }),
          ),
        );
        last = rows[rows.length - 1]!.id;
      }
      await query(
        client,
        "INSERT INTO meta (key, value) VALUES ('fold_version', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
        [String(FOLD_VERSION)],
      );
    });
  }
}
