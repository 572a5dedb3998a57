import Database from "better-sqlite3";
import { FOLD_VERSION } from "../../search/fold.ts";
import type { QueryTerm } from "../../search/query.ts";
import { StoreError } from "../errors.ts";
import type * as schema from "../schema.ts";
import type { Dialect, IndexText, Ranked, RankPage, SqlWriter } from "../sql/dialect.ts";
import type { SqlParams } from "../sql/params.ts";
import { SqlStore } from "../sql/store.ts";
import { CharPostings, type CharRow, charRow } from "./chars.ts";
import { insertSql, quoteId } from "./ddl.ts";
import { writeFailure } from "./failures.ts";
import {
  type EntryTexts,
  foldedIndexColumns,
  foldTexts,
  headlineExpression,
  matchExpression,
} from "./fts.ts";
import type { MigrationPlan } from "./migrate.ts";
import { openDatabase } from "./open-database.ts";
import { PAIR_SLICE, PairIndex, pairExpressions, pairTerms } from "./pairs.ts";
import { SQLITE_PLAN } from "./plan.ts";
import { filteredEntries } from "./search-filter.ts";

/** How long a writer waits for another one by default, in milliseconds. */
const DEFAULT_BUSY_TIMEOUT = 5000;

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** How long a writer waits for another one to finish, in milliseconds (default 5000). */
  busyTimeout?: number;
  /** The schema and its migrations (the current ones by default; tests pass others). */
  plan?: MigrationPlan;
  /** When a group of writes (`grouped`) commits: after `writes` writes or `ms` milliseconds (default 64 and 500). */
  groupCommit?: { writes: number; ms: number };
  /** A write of more entries adds their rows of the search index in segments of this many (default `INDEX_SEGMENT`). */
  indexSegment?: number;
  /** How many entries one slice of the pair index's steps indexes (default `PAIR_SLICE`). */
  pairSlice?: number;
}

/** How long a step of the pair index that met another writer waits before it says so, in milliseconds. */
const BUSY_STEP_PAUSE_MS = 100;

/** Weights of the index columns for bm25: headline, details, notes. */
const BM25_WEIGHTS = "4.0, 1.0, 1.0";

/** Rows one INSERT statement writes, where a write has as many (fewer calls into SQLite). */
const INSERT_ROWS = 32;

/** Prepared statements kept for reuse. */
const STATEMENT_CACHE = 256;

/** `$1`, `$2`… bound as SQLite's named parameters `1`, `2`…. */
function named(params: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  params.forEach((value, i) => {
    out[i + 1] = value;
  });
  return out;
}

/**
 * A group of writes (`grouped`) is committed after this many writes or this many milliseconds
 * since its last commit, whichever comes first.
 */
const GROUP_COMMIT = { writes: 64, ms: 500 } as const;

/** Index rows of one write held back at most: a write of more entries adds them in segments of this many. */
export const INDEX_SEGMENT = 8192;

/** An entry's row of `entry_fts`, its columns made, waiting to be written. */
interface FtsRow {
  id: number;
  headline: string;
  details: string;
  notes: string;
}

/**
 * Rows of `entry_fts` held back, to be written together. FTS5 writes what it holds as a segment
 * of its own at every savepoint, so rows written inside each write of a group would make a
 * segment (and merges) per file. The entries' postings and pairs are made later (`indexStep`).
 */
interface HeldIndex {
  fts: FtsRow[];
}

/** A group of writes (`grouped`): its writes and the time since its last commit, and the index rows it holds back. */
interface WriteGroup extends HeldIndex {
  writes: number;
  since: number;
}

/** SQLite as a `Dialect`: better-sqlite3's synchronous calls, one transaction at a time. */
class SqliteDialect implements Dialect {
  readonly casts = false;
  readonly collate = "";
  readonly leanDate = "json_remove(e.date, '$.concurrent', '$.warnings')";
  // The database's encoding is UTF-8: the cast takes the bytes as they are.
  textFromUtf8 = (param: string) => `CAST(${param} AS TEXT)`;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly inserts = new Map<
    string,
    { one: Database.Statement; many: Database.Statement; columns: string[] }
  >();
  /** The transaction running, if any: the next one starts after it. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The ids of entities known to be stored, by ref: entities are never deleted, so an id read
   * once stays right. Those added in the open transaction join it only when it commits.
   */
  private readonly entityIds = new Map<string, number>();
  /** The group of writes open (`grouped`), with its writes and the time since its last commit. */
  private group: WriteGroup | null = null;
  private readonly entityIdsPending = new Map<string, number>();
  /** The per-character postings of the index. */
  readonly chars: CharPostings;
  /** Whether the postings hold the characters this code lists (not so in an old read-only database). */
  postings = true;
  /** The index of character pairs, and the postings' rows of new entries: used when they hold every entry. */
  readonly pairs: PairIndex;

  constructor(
    readonly db: Database.Database,
    private readonly path: string,
    private readonly busyTimeout: number,
    private readonly groupCommit: { writes: number; ms: number },
    private readonly indexSegment = INDEX_SEGMENT,
    pairSlice = PAIR_SLICE,
  ) {
    this.chars = new CharPostings(db);
    this.pairs = new PairIndex(db, this.chars, pairSlice);
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Most recently used last, so that the oldest go first when the cache is full.
      this.statements.delete(sql);
      this.statements.set(sql, statement);
    } else {
      try {
        statement = this.db.prepare(sql);
      } catch (error) {
        throw new StoreError(`Cannot prepare a statement: ${(error as Error).message}`, sql, null, {
          cause: error,
        });
      }
      this.statements.set(sql, statement);
      // Statements that list ids differ by their number: the cache keeps the most recent.
      if (this.statements.size > STATEMENT_CACHE)
        this.statements.delete(this.statements.keys().next().value!);
    }
    return statement;
  }

  /** Runs a call of the driver; its errors become `StoreError`, or `DatabaseWriteError` for a refused write. */
  private wrap<T>(sql: string, params: unknown, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof Database.SqliteError) {
        const failure = new StoreError(error.message, sql, params, { cause: error });
        throw writeFailure(error, this.path, this.busyTimeout, failure) ?? failure;
      }
      throw error;
    }
  }

  allSync<R>(sql: string, params: readonly unknown[] = []): R[] {
    const statement = this.statement(sql);
    return this.wrap(
      sql,
      params,
      () => (params.length ? statement.all(named(params)) : statement.all()) as R[],
    );
  }

  runSync(sql: string, params: readonly unknown[] = []): number {
    const statement = this.statement(sql);
    return this.wrap(
      sql,
      params,
      () => (params.length ? statement.run(named(params)) : statement.run()).changes,
    );
  }

  async all<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.allSync<R>(sql, params);
  }

  /**
   * Inserts rows with a value for every column of the table, `id` included: `INSERT_ROWS` rows
   * a statement (one call into SQLite for each), the rest one by one.
   */
  private insertRows(table: schema.AnyTable, rows: readonly Record<string, unknown>[]): void {
    let plan = this.inserts.get(table.name);
    if (!plan) {
      const columns = Object.keys(table.columns);
      plan = {
        one: this.db.prepare(insertSql(table.name, columns)),
        many: this.db.prepare(insertSql(table.name, columns, INSERT_ROWS)),
        columns,
      };
      this.inserts.set(table.name, plan);
    }
    const { one, many, columns } = plan;
    const width = columns.length;
    const batch: unknown[] = new Array(width * INSERT_ROWS);
    const values: unknown[] = new Array(width);
    const fill = (target: unknown[], row: Record<string, unknown>, at: number) => {
      for (let i = 0; i < width; i++) {
        const value = row[columns[i]!];
        if (value === undefined) throw new Error(`Expected a value for ${table.name}.${columns[i]}`);
        target[at + i] = value;
      }
    };
    this.wrap(one.source, null, () => {
      let k = 0;
      for (; k + INSERT_ROWS <= rows.length; k += INSERT_ROWS) {
        for (let r = 0; r < INSERT_ROWS; r++) fill(batch, rows[k + r]!, r * width);
        many.run(batch);
      }
      for (; k < rows.length; k++) {
        fill(values, rows[k]!, 0);
        one.run(values);
      }
    });
  }

  /**
   * Makes one entry's row of `entry_fts` and holds it in `held`, to be written later in the
   * transaction (`addIndex`); returns the entry's texts folded.
   */
  indexRow(row: IndexText, held: HeldIndex): EntryTexts {
    const folded = foldTexts(row);
    held.fts.push({ id: row.id, ...foldedIndexColumns(folded) });
    return folded;
  }

  /** Writes the index rows held (in the order made: increasing ids), and empties `held`. */
  addIndex(held: HeldIndex): void {
    const fts = held.fts;
    held.fts = [];
    if (fts.length > 0) {
      const insert = this.statement(
        "INSERT INTO entry_fts (rowid, headline, details, notes) VALUES (?, ?, ?, ?)",
      );
      this.wrap(insert.source, null, () => {
        for (const row of fts) insert.run(row.id, row.headline, row.details, row.notes);
      });
    }
  }

  /**
   * Runs `work` in one transaction that takes the write lock first (waiting up to the busy
   * timeout for another writer); a refused write becomes a `DatabaseWriteError`.
   */
  write<T>(work: (writer: SqlWriter) => Promise<T>): Promise<T> {
    const writer: SqlWriter = {
      all: async (sql, params) => this.allSync(sql, params),
      run: async (sql, params) => {
        // A delete may take entries of the group's earlier writes, whose index rows must be there to go with them.
        const group = this.group;
        if (group && group.fts.length > 0 && /^\s*DELETE/iu.test(sql)) {
          for (const row of group.fts) flushed.fts.push(row);
          this.addIndex(group);
        }
        return this.runSync(sql, params);
      },
      nextIds: async (table, count) => {
        if (count === 0) return [];
        // Inside the write lock: the ids after the largest are free, as SQLite itself would give them.
        const last = this.allSync<{ n: number }>(
          `SELECT coalesce(max(id), 0) AS n FROM ${quoteId(table)}`,
        )[0]!.n;
        return Array.from({ length: count }, (_, i) => last + 1 + i);
      },
      insert: async (table, rows) => this.insertRows(table, rows),
      entities: async (names) => {
        const ids = new Map<string, number>();
        for (const { ref, kind, name } of names) {
          const known = this.entityIds.get(ref) ?? this.entityIdsPending.get(ref);
          if (known !== undefined) {
            ids.set(ref, known);
            continue;
          }
          this.runSync(
            "INSERT INTO entities (ref, kind, name) VALUES ($1, $2, $3) ON CONFLICT (ref) DO NOTHING",
            [ref, kind, name],
          );
          const id = this.allSync<{ id: number }>("SELECT id FROM entities WHERE ref = $1", [ref])[0]!.id;
          this.entityIdsPending.set(ref, id);
          ids.set(ref, id);
        }
        return ids;
      },
      index: async (rows) => {
        for (const row of rows) this.indexRow(row, held);
        // A long write (a large document) writes its index rows as it goes, a segment every so
        // many entries, rather than holding them all until its end.
        if (held.fts.length >= this.indexSegment) this.addIndex(held);
      },
    };
    /** This write's index rows not yet written. */
    const held: HeldIndex = { fts: [] };
    /** Index rows of the group's earlier writes that this write wrote (before a delete). */
    const flushed: HeldIndex = { fts: [] };
    const run = async (): Promise<T> => {
      const group = this.group;
      if (!this.db.inTransaction) {
        try {
          this.db.exec("BEGIN IMMEDIATE");
        } catch (error) {
          throw writeFailure(error, this.path, this.busyTimeout) ?? error;
        }
        this.entityIdsPending.clear();
      }
      // In a group, each write is a savepoint of the group's transaction.
      if (group) this.db.exec("SAVEPOINT write");
      try {
        const result = await work(writer);
        // The index rows are written at the end of the transaction: a group's at its commit,
        // outside the writes' savepoints (one segment of the index for all its writes), else
        // this write's now.
        if (group) for (const row of held.fts) group.fts.push(row);
        else this.addIndex(held);
        if (group) {
          this.db.exec("RELEASE write");
          const { writes, ms } = this.groupCommit;
          if (++group.writes >= writes || performance.now() - group.since >= ms) this.commit(group);
        } else this.commit(null);
        return result;
      } catch (error) {
        // The write's entities may be gone with it: those of the group's writes before it are looked up again.
        this.entityIdsPending.clear();
        if (group && this.db.inTransaction) {
          this.db.exec("ROLLBACK TO write");
          this.db.exec("RELEASE write");
          // Index rows of earlier writes that this one wrote went back with it: they wait again
          // (before those made since, in the order of their ids).
          group.fts = [...flushed.fts, ...group.fts];
        } else if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw writeFailure(error, this.path, this.busyTimeout) ?? error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Commits the open transaction (with the index rows its group holds back); the entities it stored are known from now on. */
  private commit(group: WriteGroup | null): void {
    if (group) this.addIndex(group);
    this.db.exec("COMMIT");
    for (const [ref, id] of this.entityIdsPending) this.entityIds.set(ref, id);
    this.entityIdsPending.clear();
    if (group) {
      group.writes = 0;
      group.since = performance.now();
    }
  }

  /**
   * Runs `work` with its writes grouped: each write is still all or nothing (a savepoint), and
   * they are committed together, every so many writes or milliseconds (`groupCommit`) and at the
   * end — so that an ingest of hundreds of small files does not pay for a commit each. A write
   * that fails takes only itself back. Resolves once every write of the group is committed. The
   * search index rows of the group's entries are written at each commit, outside the writes'
   * savepoints (so that the index gets one segment, not one per write), or before a delete: until
   * then a search on this connection does not find them.
   */
  async grouped<T>(work: () => Promise<T>): Promise<T> {
    if (this.group) return work();
    const group: WriteGroup = { writes: 0, since: performance.now(), fts: [] };
    this.group = group;
    try {
      return await work();
    } finally {
      await this.queue;
      this.group = null;
      if (this.db.open && this.db.inTransaction) {
        try {
          this.commit(group);
        } catch (error) {
          if (this.db.inTransaction) this.db.exec("ROLLBACK");
          // biome-ignore lint/correctness/noUnsafeFinally: a group that cannot be committed must not pass for stored
          throw writeFailure(error, this.path, this.busyTimeout) ?? error;
        }
      }
    }
  }

  async rank(
    terms: readonly QueryTerm[],
    filter: { joins: string; conditions: readonly string[] },
    page: RankPage,
    params: SqlParams,
  ): Promise<Ranked> {
    const { limit, offset } = page;
    // One character, unfiltered: from its postings, without reading the index of every match.
    const chars = terms.length === 1 && filter.conditions.length === 0 ? [...terms[0]!.folded] : [];
    // The postings answer once they hold every entry (they are made after the entries, with the pairs).
    if (
      chars.length === 1 &&
      this.postings &&
      this.wrap("pairs_pending", null, () => this.pairs.complete())
    ) {
      const ranked = this.wrap("entry_chars", chars[0], () => this.chars.rank(chars[0]!, page));
      if (ranked) return ranked;
    }
    // Rank in the index alone, joining the entry tables only when a filter needs them. Entries
    // with a match in the headline form the first tier, the others the second; each tier is
    // ordered by bm25, so a page that the first tier fills never ranks the second. Terms of two
    // characters or more rank in the pair index once it holds every entry: the same scores
    // (`pairs.ts`).
    const pairs = pairTerms(terms) && this.wrap("pairs_pending", null, () => this.pairs.complete());
    const index = pairs ? "entry_pairs" : "entry_fts";
    const joins = filter.conditions.length ? `${filteredEntries(index)} ${filter.joins}` : "";
    const conditions = filter.conditions.map((c) => ` AND ${c}`).join("");
    const from = (match: string) => `FROM ${index} ${joins} WHERE ${index} MATCH ${match}${conditions}`;
    const count = (expression: string) => {
      const p = params.copy();
      return this.allSync<{ n: number }>(`SELECT count(*) AS n ${from(p.add(expression))}`, p.values)[0]!.n;
    };
    const rank = (expression: string, take: number, skip: number) => {
      if (take <= 0) return [];
      const p = params.copy();
      const match = p.add(expression);
      return this.allSync<{ id: number; bm25: number }>(
        `SELECT ${index}.rowid AS id, bm25(${index}, ${BM25_WEIGHTS}) AS bm25 ${from(match)}
         ORDER BY bm25, id LIMIT ${p.add(take)} OFFSET ${p.add(skip)}`,
        p.values,
      );
    };
    const { match, headline } = pairs
      ? pairExpressions(terms)
      : { match: matchExpression(terms), headline: headlineExpression(terms) };
    const total = count(match);
    let ranked: { id: number; bm25: number }[] = [];
    if (total > offset && limit > 0) {
      const first = `(${match}) AND ${headline}`;
      const second = `(${match}) NOT ${headline}`;
      ranked = rank(first, limit, offset);
      if (ranked.length < limit) {
        // The first tier ended on this page: it had `offset + ranked.length` entries (counted
        // only when the page starts past its end).
        const inFirst = ranked.length > 0 || offset === 0 ? offset + ranked.length : count(first);
        ranked.push(...rank(second, limit - ranked.length, Math.max(0, offset - inFirst)));
      }
    }
    return { total, ranked: ranked.map(({ id, bm25 }) => ({ id, score: -bm25 })) };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * The SQLite backend of the store (better-sqlite3): the SQL core over one connection, in WAL
 * mode so that readers go on while a document is written. A database that exists but cannot be
 * written (read-only media, a file or directory that is not the user's) is opened read-only.
 */
export class SqliteStore extends SqlStore {
  readonly db: Database.Database;
  readonly path: string;
  /** True when the database could only be opened for reading: every write is refused. */
  readonly readOnly: boolean;
  private readonly dialect: SqliteDialect;
  private readonly busyTimeout: number;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const busyTimeout = Math.max(0, Math.trunc(options.busyTimeout ?? DEFAULT_BUSY_TIMEOUT));
    const opened = openDatabase(path, busyTimeout, options.plan ?? SQLITE_PLAN);
    const dialect = new SqliteDialect(
      opened.db,
      path,
      busyTimeout,
      options.groupCommit ?? GROUP_COMMIT,
      options.indexSegment,
      options.pairSlice,
    );
    super(dialect);
    this.dialect = dialect;
    this.db = opened.db;
    this.path = path;
    this.readOnly = opened.readOnly;
    this.busyTimeout = busyTimeout;
    try {
      this.checkFoldVersion();
    } catch (error) {
      this.db.close();
      throw writeFailure(error, path, busyTimeout) ?? error;
    }
  }

  /**
   * Rebuilds the search index when it was built with another folding version, and its postings
   * when they hold other characters than this code lists (not when read-only: the postings are
   * then left unused).
   */
  private checkFoldVersion(): void {
    const row = this.dialect.allSync<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'fold_version'",
    )[0];
    if (this.readOnly) {
      this.dialect.postings = this.dialect.chars.current();
      return;
    }
    if (row?.value !== String(FOLD_VERSION)) this.db.transaction(() => this.rebuildIndex()).immediate();
    else if (!this.dialect.chars.current())
      this.db
        .transaction(() => {
          this.dialect.chars.clear();
          this.dialect.chars.fill();
        })
        .immediate();
  }

  /**
   * Adds pending entries to the pair index and the postings for about `budgetMs` milliseconds (see `pairs.ts`);
   * returns whether any remain. Nothing is done in a database opened read-only, or while a
   * transaction is open; it never waits for another writer (a database another process is
   * writing is left for a later step).
   */
  async indexStep(budgetMs: number): Promise<boolean> {
    if (this.readOnly || !this.db.open) return false;
    this.db.pragma("busy_timeout = 0");
    try {
      return this.dialect.pairs.step(budgetMs);
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY")
        throw writeFailure(error, this.path, 0) ?? error;
    } finally {
      this.db.pragma(`busy_timeout = ${this.busyTimeout}`);
    }
    // Another writer holds the database: the work waits a moment instead of asking again at once.
    await new Promise((resolve) => setTimeout(resolve, BUSY_STEP_PAUSE_MS));
    return true;
  }

  /** Re-creates every row of the search index from the stored texts. */
  rebuildIndex(): void {
    const d = this.dialect;
    d.runSync("INSERT INTO entry_fts (entry_fts) VALUES ('delete-all')");
    d.pairs.resetAll();
    d.chars.clear();
    const held: HeldIndex = { fts: [] };
    const chars: CharRow[] = [];
    for (const { id } of d.allSync<{ id: number }>("SELECT id FROM entries ORDER BY id")) {
      const texts = (table: string) =>
        d
          .allSync<{ text: string }>(`SELECT text FROM ${table} WHERE entry_id = $1 ORDER BY ord`, [id])
          .map((r) => r.text);
      const { headline } = d.allSync<{ headline: string }>("SELECT headline FROM entries WHERE id = $1", [
        id,
      ])[0]!;
      const folded = d.indexRow({ id, headline, details: texts("details"), notes: texts("notes") }, held);
      chars.push(charRow(id, folded));
      if (held.fts.length >= INDEX_SEGMENT) d.addIndex(held);
    }
    d.addIndex(held);
    d.chars.add(chars);
    d.chars.recordList();
    d.runSync(
      "INSERT INTO meta (key, value) VALUES ('fold_version', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
      [String(FOLD_VERSION)],
    );
  }
}

/**
 * Opens (creating or upgrading as needed) a SQLite store. `":memory:"` gives a private database
 * that lives as long as the store. A database that exists but cannot be written is opened for
 * reading only (as a copy in memory when SQLite cannot keep its WAL files beside it).
 *
 * @param path the database file; its directory is created when missing
 * @throws SchemaVersionError when the file holds a newer schema or is not a biannian database
 * @example
 * const store = openSqliteStore(":memory:")
 * (await store.listDocuments()).length //=> 0
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options);
}
