/**
 * What the SQL core (`store.ts`) needs of a database: to run statements, to write in one
 * transaction, and its own search index. SQLite (`../sqlite/`) and PostgreSQL (`../postgres/`)
 * each implement it; every other statement is the core's, the same text for both (placeholders
 * `$1`, `$2`… from `SqlParams`, casts only where PostgreSQL needs them).
 */
import type { QueryTerm } from "../../search/query.ts";
import type { AnyTable } from "../schema.ts";
import type { SqlParams } from "./params.ts";

/** Runs statements. */
export interface SqlRunner {
  /** The rows a statement gives; database errors become `StoreError` (or `DatabaseWriteError`). */
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/** An entry's texts as the search index reads them. */
export interface IndexText {
  /** The entry's row id. */
  id: number;
  headline: string;
  details: readonly string[];
  notes: readonly string[];
}

/** Writes inside one transaction. */
export interface SqlWriter extends SqlRunner {
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** `count` new ids of a table, in increasing order, for rows this transaction inserts. */
  nextIds(table: string, count: number): Promise<number[]>;
  /** Inserts rows of a declared table, each with a value for every column (`id` included). */
  insert(table: AnyTable, rows: readonly Record<string, unknown>[]): Promise<void>;
  /** Adds entries to the search index. */
  index(rows: readonly IndexText[]): Promise<void>;
  /**
   * The ids of entities by their authority ids, each stored first where it is new (in the order
   * given: callers give them in code point order, so that writers never wait in a circle).
   */
  entities(names: readonly { ref: string; kind: string; name: string }[]): Promise<Map<string, number>>;
}

/** Which slice of ranked search results to give. */
export interface RankPage {
  limit: number;
  offset: number;
}

/** The ranked page of a search, with the total number of matches. */
export interface Ranked {
  total: number;
  /** Entry row ids with their scores, best first. */
  ranked: { id: number; score: number }[];
}

/** A database the SQL core runs on. */
export interface Dialect extends SqlRunner {
  /** True when bound values need casts (`$1::bigint`): PostgreSQL. */
  readonly casts: boolean;
  /** What makes a text compare by code point in ORDER BY and min(): `' COLLATE "C"'`, or "" (SQLite's default). */
  readonly collate: string;
  /**
   * An entry's date without its concurrent reign dates and warnings, computed in SQL from the
   * column `e.date`, or null when the dialect cannot do it keeping the order of the fields.
   */
  readonly leanDate: string | null;
  /**
   * The text whose UTF-8 bytes are bound at `param` (a Buffer): how a document's text that
   * came from another thread as bytes is stored as text, without a string made of it here.
   */
  textFromUtf8(param: string): string;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * `document`: the document written, so that two writers of the same one take turns.
   */
  write<T>(work: (writer: SqlWriter) => Promise<T>, document?: { corpus: string; path: string }): Promise<T>;
  /**
   * Runs `work` with the writes it makes committed together now and then, each still all or
   * nothing; resolves once all are committed. A dialect without it commits each write alone.
   */
  grouped?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Ranks the entries that hold every term, in the backend's index: those with a term in the
   * headline first, then by relevance (bm25, identical on both backends), then by id.
   *
   * @param filter joins after `entries e` and the conditions over them (none: every entry)
   * @param params holds the conditions' values; the dialect adds its own
   */
  rank(
    terms: readonly QueryTerm[],
    filter: { joins: string; conditions: readonly string[] },
    page: RankPage,
    params: SqlParams,
  ): Promise<Ranked>;
  close(): Promise<void>;
}
